"""Writing a review on the QR page with the plain form (no script): CSRF, answers and reasons."""

import re

import pytest

from backend.config import get_settings
from backend.reviews import scoring
from tests import factories
from tests.backend.reviews.conftest import WordScorer
from tests.portal.conftest import ENGLISH, form_token


@pytest.fixture(scope="module")
def shop(db):
    code = factories.business(db, name="点评小馆")
    factories.staff_member(db, code, name="周大厨")
    return code


@pytest.fixture
def word_scorer():
    scoring.use(WordScorer())
    yield
    scoring.use(None)


def post(site, code, **fields):
    token = form_token(site, f"/b/{code}")
    return site.post(f"/b/{code}/reviews", data={"csrf_token": token} | fields, headers=ENGLISH)


def test_the_qr_page_has_the_grade_section_and_a_form_that_works_without_scripts(site, shop):
    page = site.get(f"/b/{shop}", headers=ENGLISH).text
    assert "Consumer grade" in page and "No scored review yet" in page
    assert f'action="/b/{shop}/reviews"' in page and 'method="post"' in page
    assert "csrf-token-placeholder" not in page
    assert "周**" in page  # the staff member can be named in the form


def test_a_review_without_the_form_token_is_refused(site, shop):
    site.cookies.clear()
    response = site.post(f"/b/{shop}/reviews", data={"text": "很好吃"}, headers=ENGLISH)
    assert response.status_code == 403 and "did not come from this site" in response.text
    assert "很好吃" in response.text  # what they wrote is kept in the form


def test_a_review_is_published_and_then_graded(db, site, shop, word_scorer):
    site.cookies.clear()
    response = post(site, shop, text="<b>菜好吃</b>，服务好", stars="5")
    assert response.status_code == 200, response.text
    assert "Thank you: your review is published with the reviews above" in response.text
    assert "&lt;b&gt;菜好吃&lt;/b&gt;" in response.text and "<b>菜好吃" not in response.text
    assert "being scored" in response.text
    scoring.score_pending(db)
    page = site.get(f"/b/{shop}", headers=ENGLISH).text
    assert "1 review counted" in page and "satisfied" in page


@pytest.mark.parametrize("fields, status, reason", [
    ({"text": " "}, 422, "Please write a few words about your visit."),
    ({"text": "好" * 600}, 422, "at most 500 characters"),
    ({"text": "还行", "staff_id": "forged"}, 422, "does not work at this business"),
    ({"text": "还行吧", "stars": "²"}, 422, "Stars: Must be a whole number."),
    ({"text": "还行吧", "stars": "abc"}, 422, "Stars: Must be a whole number."),
    ({"text": "还行吧", "stars": "9"}, 422, "Stars: Must be at most 5."),
])
def test_a_bad_review_gets_a_clear_reason(site, shop, fields, status, reason):
    response = post(site, shop, **fields)
    assert response.status_code == status and reason in response.text


def _chosen(html, select_id):
    select = re.search(rf'<select[^>]*id="{select_id}".*?</select>', html, re.S).group(0)
    return re.findall(r'<option(?=[^>]*\bselected)[^>]*value="([^"]*)"', select)


def test_a_refused_review_keeps_its_stars_and_staff_member(db, site, shop):
    page = site.get(f"/b/{shop}", headers=ENGLISH).text
    member = re.findall(r'value="([0-9a-f]{10})"', page)[0]
    response = post(site, shop, text="好" * 600, stars="2", staff_id=member)
    assert response.status_code == 422
    assert _chosen(response.text, "review-stars") == ["2"]
    assert _chosen(response.text, "review-staff") == [member]


def test_one_review_per_visit_and_the_rate_limit(site, shop, monkeypatch):
    # the first test above already reviewed today from this browser
    again = post(site, shop, text="又来了一次")
    assert again.status_code == 409 and "You have already reviewed this business today" in again.text
    site.cookies.clear()  # another diner on the same Wi-Fi: the same address, another browser
    other = post(site, shop, text="第一次来，味道不错")
    assert other.status_code == 200 and "Thank you: your review is published" in other.text
    site.cookies.clear()
    monkeypatch.setattr(get_settings(), "review_rate_limit", 0)
    limited = post(site, shop, text="再来")
    assert limited.status_code == 429 and "try again in" in limited.text
    assert int(limited.headers["Retry-After"]) >= 1


def test_a_full_network_says_so_and_refusals_are_not_counted(db, site, shop, monkeypatch):
    monkeypatch.setattr(get_settings(), "review_address_limit", 4)  # two recorded above, two left
    assert post(site, shop, text="又来了一次").status_code == 200  # refused above, never recorded
    for _ in range(3):  # the same browser again: refused each time, using up nothing
        assert post(site, shop, text="再来一次").status_code == 409
    site.cookies.clear()
    assert post(site, shop, text="环境干净，上菜快").status_code == 200
    site.cookies.clear()
    busy = post(site, shop, text="我也来说两句")
    assert busy.status_code == 429 and "Many reviews have come from your network" in busy.text
    assert "You have" not in busy.text and int(busy.headers["Retry-After"]) >= 1
