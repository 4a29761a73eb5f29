"""The QR page's first HTML response: the whole public record, before any script runs."""

import re

import pytest

from backend.qr import signature
from tests import factories
from tests.portal.conftest import ENGLISH


@pytest.fixture(scope="module")
def page(site, seeded):
    response = site.get(f"/b/{seeded.code}", headers=ENGLISH)
    assert response.status_code == 200
    return response.text


def _entry(html: str) -> str:
    """What is inside Dash's react-entry-point: the server-rendered page."""
    start = html.index('<div id="react-entry-point">')
    return html[start:html.index('<script id="_dash-config"')]


def test_record_is_in_the_first_response(page, seeded):
    content = _entry(page)
    assert f"<h1>{seeded.name}</h1>" in content
    assert "Loading..." not in content
    assert "<title>明亮小厨" in page
    assert '<a class="skip-link" href="#main">Skip to the content</a>' in content   # keyboard first


def test_licence_badges_say_valid_expiring_and_expired(page):
    content = _entry(page)
    assert "Expiring in 23 days" in content
    assert "Valid (long-term)" in content
    assert re.search(r'class="badge badge-bad">Expired<', content)


def test_staff_names_are_masked(page):
    content = _entry(page)
    assert "张**" in content and "王*" in content
    assert "张三丰" not in page and "李小龙" not in page
    assert "1 valid" in content and "1 expiring" in content and "1 expired" in content


def test_inspection_shows_result_source_items_and_officers(page, seeded):
    content = _entry(page)
    assert "Basically compliant" in content and "Random draw" in content
    assert "冰箱生熟混放" in content
    assert f'href="/officers/{seeded.officer_id}"' in content
    assert seeded.officer_badge in content


def test_penalty_and_food_records_are_shown(page, seeded):
    content = _entry(page)
    assert seeded.decision_number in content
    assert "50,000" in content
    assert "五花肉" in content and "天河肉联厂" in content
    assert "小白菜" in content and "Pass" in content


def test_phone_ready_head(page):
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert '<html lang="en">' in page
    # No render-blocking stylesheet, and Dash's bundles are not plain <script src> tags.
    assert 'rel="stylesheet"' not in page
    assert not re.search(r"<script[^>]* src=", page)
    assert "dash_renderer" in page  # listed for the takeover loader


def test_signed_address_shows_the_verified_mark(site, seeded):
    html = site.get(f"/b/{seeded.code}", params={"s": signature.sign(seeded.code)}, headers=ENGLISH).text
    assert 'id="business-verified"' in html and "Verified official page" in html
    assert "Warning:" not in _entry(html)


@pytest.mark.parametrize("query", [{}, {"s": "forged-signature"}, {"s": ""}])
def test_unsigned_or_forged_address_shows_a_warning(site, seeded, query):
    html = _entry(site.get(f"/b/{seeded.code}", params=query, headers=ENGLISH).text)
    assert "business-verified" not in html
    assert 'class="notice notice-warn" role="alert">Warning:' in html


def test_the_signature_follows_links_inside_the_site(site, seeded):
    signed = signature.sign(seeded.code)
    page = site.get(f"/b/{seeded.code}", params={"s": signed}, headers=ENGLISH).text
    assert f'action="/b/{seeded.code}/reviews?s={signed}"' in page
    grade_page = site.get(f"/grades/{seeded.code}", params={"s": signed}, headers=ENGLISH).text
    assert f'href="/b/{seeded.code}?s={signed}"' in grade_page
    forged = site.get(f"/grades/{seeded.code}", params={"s": "forged"}, headers=ENGLISH).text
    assert f'href="/b/{seeded.code}"' in forged and f"/b/{seeded.code}?s=forged\"" not in forged
    unsigned = site.get(f"/b/{seeded.code}", headers=ENGLISH).text
    assert f'action="/b/{seeded.code}/reviews"' in unsigned


def test_the_grade_page_has_a_title_of_its_own(site, seeded):
    grade_page = site.get(f"/grades/{seeded.code}", headers=ENGLISH).text
    assert f"<title>Why this grade – {seeded.name}" in grade_page


def test_lower_case_code_is_the_same_business(site, seeded):
    response = site.get(f"/b/{seeded.code.lower()}", headers=ENGLISH)
    assert response.status_code == 200 and seeded.name in response.text


def test_unknown_code_is_a_friendly_404(site, db):
    unknown = factories.valid_code()
    response = site.get(f"/b/{unknown}", headers=ENGLISH)
    assert response.status_code == 404
    assert "Business not found" in response.text
    assert f"No business is registered under credit code {unknown}." in response.text
    assert 'href="/"' in response.text


@pytest.mark.parametrize("code", ["12345", "92440106MA0000001Z", "92440106MA000000IO"])
def test_malformed_code_is_a_clear_message(site, code):
    response = site.get(f"/b/{code}", headers=ENGLISH)
    assert response.status_code == 422  # as the API and the other pages of a business answer
    assert "This is not a valid credit code" in response.text
    assert "Traceback" not in response.text and "Error" not in _entry(response.text)


def test_unknown_path_is_a_friendly_404(site):
    response = site.get("/no/such/page", headers=ENGLISH)
    assert response.status_code == 404 and "Page not found" in response.text


def test_text_from_the_address_is_escaped(site):
    response = site.get("/", params={"q": '<script>alert("x")</script>'}, headers=ENGLISH)
    assert '<script>alert("x")</script>' not in response.text
    assert "&lt;script&gt;" in response.text


def test_gzip_and_plain_responses_carry_the_same_page(site, seeded):
    """The compressed page is cached by content, so a changed record must still come through."""
    import gzip

    from backend import database
    from backend.staff import service as staff
    from backend.staff.schemas import StaffCreate

    plain = site.get(f"/b/{seeded.code}", headers=ENGLISH | {"Accept-Encoding": "identity"})
    with site.stream("GET", f"/b/{seeded.code}",
                     headers=ENGLISH | {"Accept-Encoding": "gzip"}) as raw:
        body = b"".join(raw.iter_raw())
    assert "content-encoding" not in plain.headers
    assert raw.headers["content-encoding"] == "gzip"
    assert "Accept-Encoding" in raw.headers["vary"]
    assert gzip.decompress(body) == plain.content

    staff.record(database.get_db(), actor=factories.ADMIN, code=seeded.code, data=StaffCreate(
        name="新来的厨师", health_certificate_number="JK20269999",
        certificate_issued_on=factories.days_from_today(-1),
        certificate_expires_on=factories.days_from_today(364)))
    again = site.get(f"/b/{seeded.code}", headers=ENGLISH | {"Accept-Encoding": "gzip"})
    assert "新****" in again.text


def test_the_founding_date_is_in_the_identity_block(db, site):
    code = factories.business(db, established_on=factories.days_from_today(-400))
    content = _entry(site.get(f"/b/{code}", headers=ENGLISH).text)
    founded = str(factories.days_from_today(-400))
    assert f"<dt>Established</dt><dd>{founded}</dd>" in content
    chinese = _entry(site.get(f"/b/{code}", headers={"Accept-Language": "zh-CN"}).text)
    assert f"<dt>成立日期</dt><dd>{founded}</dd>" in chinese


def test_without_a_founding_date_the_page_leaves_the_row_out(db, site):
    code = factories.business(db)
    content = _entry(site.get(f"/b/{code}", headers=ENGLISH).text)
    assert "Established" not in content and "None" not in content
    assert f"<dt>Credit code</dt><dd>{code}</dd>" in content


def test_an_address_below_a_business_is_not_found(site, seeded):
    response = site.get(f"/b/{seeded.code}/extra", headers=ENGLISH)
    assert response.status_code == 404 and "There is no page at this address." in response.text
