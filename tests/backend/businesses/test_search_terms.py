"""Searches of several words: every word must match, in the name or the address, in any order."""

import pytest

from backend.businesses import search, search_terms
from backend.businesses import service as businesses
from backend.businesses.schemas import Trade
from tests import factories


@pytest.fixture(scope="module")
def shops(db):
    rows = [("广州市天河区九记面馆", "天河区龙口西路8号", Trade.CATERING),
            ("九记烧腊", "天河区天河北路2号", Trade.CATERING),
            ("兰州拉面馆", "天河区体育西路3号", Trade.CATERING),
            ("面馆用品商行", "天河区岗顶路5号", Trade.FOOD_SALES),
            ("老街粥铺", "天河区面馆街7号", Trade.CATERING),
            ("天河茶餐厅", "天河区天河路9号", Trade.CATERING)]
    return {name: factories.business(db, name=name, district="天河区", address=address, trade=trade)
            for name, address, trade in rows}


def _names(db, text, **filters):
    return [row.name for row in businesses.search(db, text=text, district="天河区", **filters).data]


@pytest.mark.parametrize("text, expected", [
    # both words in the name; then one, where the name holds it first; then the address alone
    ("天河 面馆", ["广州市天河区九记面馆", "面馆用品商行", "兰州拉面馆", "老街粥铺"]),
    ("面馆 天河", ["广州市天河区九记面馆", "面馆用品商行", "兰州拉面馆", "老街粥铺"]),  # any order
    ("九记 面馆", ["广州市天河区九记面馆"]),
    ("面馆   九记", ["广州市天河区九记面馆"]),
    ("九记 烧腊", ["九记烧腊"]),
    ("九记 龙口西路", ["广州市天河区九记面馆"]),  # one word in the name, one in the address
    ("粥 面馆街", ["老街粥铺"]),  # a one-character word may match either too
    ("体育西路 拉面", ["兰州拉面馆"]),
    ("龍口西路 九記", ["广州市天河区九记面馆"]),  # traditional characters fold, as for one word
    ("九记 火锅", []),  # one word matches nothing: nothing
    ("天河面馆", []),  # one word, held whole by none
    ("面 馆", ["面馆用品商行", "兰州拉面馆", "广州市天河区九记面馆"]),  # one character each: names
    ("天河 天河区 九记", ["广州市天河区九记面馆", "九记烧腊"]),  # 天河 is inside 天河区
    ("8号 九记", ["广州市天河区九记面馆"]),  # a house number, by its triple
    ("- 九记 -", ["九记烧腊", "广州市天河区九记面馆"]),  # punctuation alone is no word
])
def test_every_word_must_match(db, shops, text, expected):
    assert _names(db, text) == expected


def test_ranked_by_words_in_the_name_first(db, shops):
    """All words in the name rank before a word found only in the address."""
    assert _names(db, "面馆 天河")[0] == "广州市天河区九记面馆"
    assert _names(db, "面馆 天河")[-1] == "老街粥铺"  # 面馆 only in its address


def test_filters_and_counts_apply_to_several_words(db, shops):
    found = businesses.search(db, text="天河 面馆", district="天河区", trade="food_sales")
    assert [row.name for row in found.data] == ["面馆用品商行"] and found.meta.totalCount == 1
    paged = [businesses.search(db, text="天河 面馆", page_size=3, page_number=n) for n in (1, 2)]
    assert [len(page.data) for page in paged] == [3, 1]
    assert {page.meta.totalCount for page in paged} == {4} and paged[1].meta.pageNumber == 2
    assert businesses.search(db, text="面馆 天河", district="越秀区").meta.totalCount == 0


def test_past_the_candidates_checked_the_total_is_an_estimate(db, shops, monkeypatch):
    monkeypatch.setattr(search_terms, "CANDIDATES_AT_MOST", 2)
    found = businesses.search(db, text="天河 面馆", district="天河区")
    assert found.meta.totalIsEstimate and found.meta.totalCount >= len(found.data) >= 1


def test_one_word_goes_the_way_it_always_went(db, shops, monkeypatch):
    def refuse(**_kwargs):
        raise AssertionError("a one-word search went through the several-word path")

    monkeypatch.setattr(search_terms, "find_all", refuse)
    assert _names(db, "九记面馆") == ["广州市天河区九记面馆"]
    assert _names(db, "  九记面馆  ") == ["广州市天河区九记面馆"]
    assert _names(db, "天河 天河区") == _names(db, "天河区")  # 天河 is inside 天河区: one word
    assert search_terms.words_of("天河 面馆 天河") == ["天河", "面馆"]
    code = shops["九记烧腊"]
    assert search.looks_like_code(code[:8])
    assert [row.code for row in businesses.search(db, text=f"{code[:8]} {code[8:]}").data] == [code]
