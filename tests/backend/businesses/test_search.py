"""Search through the n-gram index: ranking, short queries, and the index following every write."""

import pytest

from backend.businesses import search, search_index
from backend.businesses import service as businesses
from backend.businesses.schemas import BusinessUpdate
from backend.errors import Forbidden
from backend.users.schemas import Actor, Role
from tests import factories


@pytest.fixture(scope="module")
def shops(db):
    return {name: factories.business(db, name=name, district="荔湾区", address=address)
            for name, address in [("面馆", "荔湾区宝华路1号"), ("面馆王", "荔湾区宝华路2号"),
                                  ("老街面馆", "荔湾区宝华路3号"), ("粥城", "荔湾区面馆街4号"),
                                  ("生滚粥", "荔湾区多宝路5号"), ("艇仔粥铺", "荔湾区多宝路6号")]}


def _names(db, text, **filters):
    return [row.name for row in businesses.search(db, text=text, district="荔湾区",
                                                     **filters).data]


@pytest.mark.parametrize("text, expected", [
    ("面馆", ["面馆", "面馆王", "老街面馆", "粥城"]),  # exact, prefix, inside a name, an address
    ("粥", ["粥城", "生滚粥", "艇仔粥铺"]),  # one character: names only, by where it sits
    ("多宝路", ["生滚粥", "艇仔粥铺"]),
    ("面 馆", ["面馆", "面馆王", "老街面馆"]),  # two words, each one character: names holding both
    ("ＭＩＡＮ", []),  # full-width letters are folded, and nothing matches
    ("宝华路3号", ["老街面馆"]),
    ("路3号", ["老街面馆"]),  # one triple
    ("华路1", ["面馆"]),
    ("麵館", ["面馆", "面馆王", "老街面馆", "粥城"]),  # typed in traditional characters
    ("寶華路3號", ["老街面馆"]),
])
def test_ranking_table(db, shops, text, expected):
    assert _names(db, text) == expected


@pytest.mark.parametrize("text, grams", [
    ("粥", ["粥"]), ("面馆", ["面馆"]), ("体育西路", ["体育", "育西", "西路"]), ("  ", []),
    ("大道234号", ["大道2", "道23", "234", "34号"]),  # triples where a digit is
    ("体育西路1号", ["体育", "育西", "西路1", "路1号"]), ("１２号", ["12号"]), ("12", ["12"]),
])
def test_query_grams(text, grams):
    assert search_index.query_grams(text) == grams


def test_the_grams_of_an_index_without_triples_are_pairs():
    assert search_index.query_grams("路234号", triples=False) == ["路2", "23", "34", "4号"]


def test_names_and_addresses_are_indexed_by_their_triples_with_a_digit():
    grams = search_index.grams_of("7号粥铺", "荔湾区宝华路12号")
    assert grams["7号粥"] == 0 and grams["路12"] == search_index.ADDRESS_POSITION + 5
    assert "宝华路" not in grams and "号粥铺" not in grams  # triples only where a digit is


def test_a_rename_moves_the_business_in_the_index(db, shops):
    officer = Actor(username="o", role=Role.OFFICER, unit_districts=["荔湾区"])
    businesses.rename(db, actor=officer, code=shops["粥城"], data=BusinessUpdate(name="鲜虾云吞"))
    assert "粥城" not in _names(db, "粥") and _names(db, "云吞") == ["鲜虾云吞"]
    assert db.business_grams.count_documents({"code": shops["粥城"], "gram": "粥"}) == 0
    assert businesses.search(db, text="鲜虾").data[0].code == shops["粥城"]


def test_only_officers_of_the_district_rename(db, shops):
    outsider = Actor(username="x", role=Role.OFFICER, unit_districts=["天河区"])
    with pytest.raises(Forbidden):
        businesses.rename(db, actor=outsider, code=shops["面馆"], data=BusinessUpdate(name="别家"))


def test_long_texts_rank_exact_names_first(db):
    for name in ("体育西路小吃", "体育西路"):
        factories.business(db, name=name, district="南沙区", address="南沙区某路1号")
    found = businesses.search(db, text="体育西路", district="南沙区").data
    assert [row.name for row in found] == ["体育西路", "体育西路小吃"]


def test_credit_code_prefixes(db, shops):
    assert search.looks_like_code(shops["面馆"][:6]) and not search.looks_like_code("Room 1")
    found = businesses.search(db, text=shops["面馆"][:17]).data
    assert shops["面馆"] in [row.code for row in found]


def test_an_index_written_before_the_traditional_fold_is_rebuilt_once(db):
    """A name the register writes with a character searches now fold (乾 → 干) was filed under
    the old character: the start-up step rebuilds just those rows."""
    code = factories.business(db, name="乾记烧腊", district="越秀区", address="越秀区东风路8号")
    db.business_grams.update_many({"code": code, "gram": "干"}, {"$set": {"gram": "乾"}})  # as filed before
    db.business_grams.update_many({"code": code, "gram": "干记"}, {"$set": {"gram": "乾记"}})
    assert [row.code for row in businesses.search(db, text="乾记", district="越秀区").data] == []
    assert search_index.fold_traditional(db) >= 1
    assert [row.code for row in businesses.search(db, text="乾记", district="越秀区").data] == [code]
    assert [row.code for row in businesses.search(db, text="干记", district="越秀区").data] == [code]
    rows = db.business_grams.count_documents({"code": code})
    search_index.fold_traditional(db)   # again: nothing changes
    assert db.business_grams.count_documents({"code": code}) == rows
