"""The ratings page read as HTML without scripts: every graded business can be reached, page by
page, best or lowest first, in a district and trade, from a plain GET form."""

import re

import pytest

from backend import clock
from backend.businesses.schemas import Trade
from backend.profiles import repository as profiles
from tests import factories
from tests.portal.conftest import ENGLISH


@pytest.fixture(scope="module")
def graded(db):
    """23 graded shops in 天河区 (A with the highest scores, then B, C, and one D), one in 越秀区."""
    def shop(name, band, score, district="天河区", trade=Trade.CATERING):
        code = factories.business(db, name=name, district=district, trade=trade)
        profiles.set_fields(db, {code: {"grades.consumer": {
            "band": band, "score": score, "reviews_counted": 9, "as_of": clock.now()}}})
    for n in range(20):
        shop(f"好评店{n:02d}", "A", 99.0 - n / 2)
    shop("还行小馆", "B", 75.0, trade=Trade.FOOD_SALES)
    shop("一般小馆", "C", 55.0)
    shop("差评小馆", "D", 31.5)
    shop("越秀差评店", "D", 20.0, district="越秀区")
    factories.business(db, name="没有评价的店")


def _get(site, query: str = "") -> str:
    response = site.get(f"/ratings{query}", headers=ENGLISH)
    assert response.status_code == 200
    return response.text


def _ranked(page: str) -> list[str]:
    listed = page[page.index("card-ranked"):]
    return re.findall(r'<a href="/b/[0-9A-Z]+">([^<]+)</a>', listed[:listed.index("</ol>")])


def test_the_ranking_pages_through_every_graded_business(site, graded):
    first = _get(site)
    assert "Best graded" in first and "24 businesses found" in first and "Page 1 of 2" in first
    assert _ranked(first)[:2] == ["好评店00", "好评店01"] and len(_ranked(first)) == 20
    assert 'href="/ratings?page=2"' in first
    second = _get(site, "?page=2")
    assert _ranked(second) == ["还行小馆", "一般小馆", "差评小馆", "越秀差评店"]
    assert re.search(r'<ol [^>]*start="21"', second) and "Page 2 of 2" in second
    assert "没有评价的店" not in second  # no grade, no rank


def test_the_lowest_graded_first(site, graded):
    lowest = _get(site, "?sort=worst")
    assert "Lowest graded" in lowest and "Best graded" not in lowest
    assert _ranked(lowest)[:4] == ["越秀差评店", "差评小馆", "一般小馆", "还行小馆"]
    assert 'href="/ratings?sort=worst&amp;page=2"' in lowest  # the order goes with the pages
    assert re.search(r'<option selected value="worst"', lowest)
    assert _ranked(_get(site, "?sort=worst&page=2")) == ["好评店03", "好评店02", "好评店01", "好评店00"]


def test_a_district_and_trade_narrow_it(site, graded):
    yuexiu = _get(site, "?district=越秀区&sort=worst")
    assert _ranked(yuexiu) == ["越秀差评店"] and "1 business found" in yuexiu
    sales = _get(site, "?district=天河区&trade=food_sales")
    assert _ranked(sales) == ["还行小馆"]
    assert re.search(r'<option selected value="food_sales"', sales)
    assert "No business has a consumer grade here yet." in _get(site, "?district=海珠区")


def test_the_form_works_without_scripts(site, graded):
    page = _get(site)
    form = page[page.index("<form"):page.index("</form>")]
    assert 'method="get"' in form and 'action="/ratings"' in form
    assert all(f'name="{name}"' in form for name in ("district", "trade", "sort"))
    assert "Lowest first" in form and "Best first" in form


def test_a_page_past_the_last_links_back(site, graded):
    past = _get(site, "?page=7&sort=worst")
    assert "This page is past the last one." in past
    assert 'href="/ratings?sort=worst&amp;page=2"' in past
    assert "Page 7" not in past
    assert "Grades by district" in past  # the charts are there whatever the page
