"""Longer searches tell most matches and their rank from where the pairs sit in the index; the
answer must equal reading every business, whatever the names (repeated pairs, long names,
addresses past the position cap, digits)."""

import random

import pytest

from backend.businesses import search
from backend.businesses import service as businesses
from backend.businesses.search_index import normalize
from tests import factories

DISTRICT = "测试位置区"
_LETTERS = "甲乙丙丁12"  # digits: texts holding them are looked up by triples


@pytest.fixture(scope="module")
def shops(db):
    pick = random.Random(7)

    def word(low: int, high: int) -> str:
        return "".join(pick.choice(_LETTERS) for _ in range(pick.randint(low, high)))

    made = [(word(2, 9), DISTRICT + word(3, 12)) for _ in range(36)]
    made += [("甲乙" * 55, DISTRICT + "丙丁"), ("丙丁戊", DISTRICT + "己" * 97 + "甲乙丙丁")]
    return [{"code": factories.business(db, name=name, address=address, district=DISTRICT),
             "name": name, "address": address} for name, address in made]


def _texts(shops) -> list[str]:
    pick = random.Random(11)
    texts = ["甲甲甲", "乙乙乙乙", "甲乙甲乙", "丙丁戊", "己甲乙丙", "甲乙丙丁"]
    for shop in pick.sample(shops, 12):
        source = pick.choice([shop["name"], shop["address"]])
        size = pick.randint(3, 5)
        start = pick.randint(0, max(0, len(source) - size))
        texts.append(source[start:start + size])
    return [text for text in texts if len(normalize(text)) >= 3]


def _expected(shops, text: str) -> list[str]:
    """Codes of the shops holding the text, ranked: what reading every business gives."""
    wanted = normalize(text)
    return [shop["code"] for shop in sorted(
        (shop for shop in shops if wanted in normalize(shop["name"])
         or wanted in normalize(shop["address"])), key=lambda shop: search.rank(shop, wanted))]


def test_longer_searches_equal_reading_every_business(db, shops):
    for text in _texts(shops):
        found = businesses.search(db, text=text, district=DISTRICT, page_size=100)
        assert [row.code for row in found.data] == _expected(shops, text), text
        assert found.meta.totalCount == len(_expected(shops, text)), text


@pytest.mark.parametrize("first_batch", [1, 3])
def test_pages_are_settled_before_every_candidate_is_read(db, shops, monkeypatch, first_batch):
    """Reading stops once a page is known; the pages are still those of reading everything, and
    the total, estimated then, is never below what was found."""
    monkeypatch.setattr(search, "FIRST_BATCH", first_batch)
    for text in _texts(shops):
        expected = _expected(shops, text)
        for page in (1, 2, 3):
            found = businesses.search(db, text=text, district=DISTRICT, page_size=2,
                                      page_number=page)
            assert [row.code for row in found.data] == expected[2 * page - 2:2 * page], text
            assert found.meta.totalCount >= min(len(expected), 2 * page), text


def test_without_name_counters_the_answers_are_the_same(db, shops):
    """An index written before names were counted apart picks its pair by total counts."""
    from backend.businesses import gram_counts

    db.business_gram_counts.delete_one({"_id": gram_counts.COMPLETE})
    gram_counts.forget()  # as another process's write would leave it after CACHE_SECONDS
    try:
        for text in _texts(shops):
            found = businesses.search(db, text=text, district=DISTRICT, page_size=100)
            assert [row.code for row in found.data] == _expected(shops, text), text
    finally:
        db.business_gram_counts.insert_one({"_id": gram_counts.COMPLETE, "n": 1})
        gram_counts.forget()


def test_an_index_without_triples_answers_the_same_and_gets_them(db, shops):
    """An index written before it held triples with a digit is searched by pairs until
    `add_digit_triples` gives it them; the answers are the same before and after."""
    from backend.businesses import gram_counts, search_index

    rows = db.business_grams.count_documents({})
    counters = {row["_id"]: row["n"] for row in db.business_gram_counts.find() if row["n"]}
    db.business_grams.delete_many({"gram": {"$in": _triples(db)}})
    db.business_gram_counts.delete_one({"_id": gram_counts.TRIPLES})
    gram_counts.recount(db)
    texts = [text for text in _texts(shops) if any(char.isdigit() for char in text)]
    assert texts and not gram_counts.census(db, ["甲乙"]).triples
    for _ in range(2):  # without triples, then with them
        for text in texts:
            found = businesses.search(db, text=text, district=DISTRICT, page_size=100)
            assert [row.code for row in found.data] == _expected(shops, text), text
        assert search_index.add_digit_triples(db, batch=7) == db.businesses.count_documents({})
    assert db.business_grams.count_documents({}) == rows
    assert {row["_id"]: row["n"] for row in db.business_gram_counts.find() if row["n"]} == counters


def _triples(db) -> list[str]:
    from backend.businesses.search_index import is_digit_triple

    return [gram for gram in db.business_grams.distinct("gram") if is_digit_triple(gram)]
