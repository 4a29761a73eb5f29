"""The search page with plain GET parameters: by name, address or code; filters; paging."""

import re

import pytest

from backend.businesses.schemas import Trade
from tests import factories
from tests.portal.conftest import ENGLISH, unlabelled_controls

PAGE_SIZE = 10  # portal.pages.search.PAGE_SIZE; pages import only once an app exists


@pytest.fixture(scope="module")
def shops(db):
    """Twelve 越秀 shops (two pages), one food seller in 海珠, one named 星光茶餐厅."""
    codes = [factories.business(db, district="越秀区", name=f"越秀粥铺{n:02d}") for n in range(12)]
    seller = factories.business(db, district="海珠区", name="海珠便利店", trade=Trade.FOOD_SALES)
    star = factories.business(db, district="天河区", name="星光茶餐厅")
    return {"yuexiu": codes, "seller": seller, "star": star}


def _results(html: str) -> str:
    return html[html.index('id="search-results"'):html.index("</main>")]


def _links(html: str) -> list[str]:
    return re.findall(r'href="/b/([0-9A-Z]{18})"', _results(html))


def test_empty_search_lists_businesses(site, shops):
    html = site.get("/", headers=ENGLISH).text
    assert len(_links(html)) == PAGE_SIZE
    form = re.search(r"<form [^>]*>", html).group(0)
    assert 'action="/"' in form and 'method="get"' in form


def test_find_by_name(site, shops):
    html = site.get("/", params={"q": "星光"}, headers=ENGLISH).text
    assert _links(html) == [shops["star"]]
    assert "1 business found" in html


def test_find_by_address_and_by_code(site, shops):
    code = shops["star"]
    by_address = site.get("/", params={"q": f"体育西路{code[-3:]}"}, headers=ENGLISH).text
    assert code in _links(by_address)
    assert _links(site.get("/", params={"q": code.lower()}, headers=ENGLISH).text) == [code]


def test_several_words_each_match_in_any_order(site, shops):
    """A district and a dish, as people type them: the address says 天河区, the name 茶餐厅."""
    star = [shops["star"]]
    for text in ("天河 茶餐厅", "茶餐厅 天河", "星光 体育西路"):
        html = site.get("/", params={"q": text}, headers=ENGLISH).text
        assert _links(html) == star, text
        assert f'value="{text}"' in html  # the words stay in the box as typed
    assert _links(site.get("/", params={"q": "星光 粥铺"}, headers=ENGLISH).text) == []


def test_filter_by_district_and_trade(site, shops):
    html = site.get("/", params={"district": "海珠区"}, headers=ENGLISH).text
    assert _links(html) == [shops["seller"]]
    assert '<option value="海珠区" selected>' in html
    html = site.get("/", params={"trade": "food_sales"}, headers=ENGLISH).text
    assert _links(html) == [shops["seller"]]
    html = site.get("/", params={"district": "海珠区", "trade": "catering"}, headers=ENGLISH).text
    assert _links(html) == [] and "No business matches your search." in html


def test_pages_through_results(site, shops):
    first = site.get("/", params={"district": "越秀区"}, headers=ENGLISH).text
    second = site.get("/", params={"district": "越秀区", "page": "2"}, headers=ENGLISH).text
    assert len(_links(first)) == PAGE_SIZE and len(_links(second)) == 12 - PAGE_SIZE
    assert not set(_links(first)) & set(_links(second))
    assert "page 2 of 2" in second
    assert 'href="/?district=%E8%B6%8A%E7%A7%80%E5%8C%BA&amp;page=2"' in first


@pytest.mark.parametrize("query", [{"page": "abc"}, {"page": "-3"}, {"trade": "nonsense"},
                                   {"q": "x" * 101}])
def test_odd_parameters_never_break_the_page(site, shops, query):
    response = site.get("/", params=query, headers=ENGLISH)
    assert response.status_code == 200
    assert "Traceback" not in response.text


def test_too_long_text_says_why(site, shops):
    html = site.get("/", params={"q": "x" * 101}, headers=ENGLISH).text
    assert "The search text is too long" in html


def test_the_portal_never_answers_for_the_api(site):
    response = site.post("/api/v1/anything")
    assert response.status_code == 404 and response.headers["content-type"] == "application/json"


def test_pages_carry_a_strict_content_security_policy(site):
    policy = site.get("/").headers["content-security-policy"]
    assert "'strict-dynamic'" in policy and "'sha256-" in policy and "'unsafe-eval'" not in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy


def test_a_count_scaled_from_the_candidates_checked_says_about(site, api, shops, monkeypatch):
    from backend.businesses import search

    exact = site.get("/", params={"q": "越秀粥铺"}, headers=ENGLISH).text
    assert "12 businesses found" in exact and "about" not in _results(exact)
    assert api.get("/api/v1/businesses", params={"name": "越秀粥铺"}).json()["meta"][
        "totalIsEstimate"] is False
    monkeypatch.setattr(search, "VERIFY_AT_MOST", 3)
    html = site.get("/", params={"q": "越秀粥铺"}, headers=ENGLISH).text
    assert re.search(r"about \d+ businesses found", html)
    assert api.get("/api/v1/businesses", params={"name": "越秀粥铺"}).json()["meta"][
        "totalIsEstimate"] is True


def test_every_search_control_has_a_label(site, db):
    assert unlabelled_controls(site.get("/", headers=ENGLISH).text) == []
