"""The search index's counters: kept by every write, the same as counting again, names apart."""

import pytest

from backend.businesses import gram_counts, search
from backend.businesses import service as businesses
from backend.businesses.schemas import BusinessUpdate
from tests import factories


def _counters(db) -> dict[str, int]:
    return {row["_id"]: row["n"] for row in db.business_gram_counts.find() if row["n"]}


def test_counting_again_gives_what_the_writes_kept(db):
    code = factories.business(db, name="计数粥铺", address="荔湾区计数路1号", district="荔湾区")
    businesses.rename(db, actor=factories.ADMIN, code=code,
                      data=BusinessUpdate(name="计数面馆", address="荔湾区计数街2号"))
    kept = _counters(db)
    assert gram_counts.recount(db) == db.business_grams.count_documents({})
    assert _counters(db) == kept
    totals, names, triples = gram_counts.census(db, ["面馆", "数街", "粥铺"])
    assert triples and names is not None and names["数街"] < totals["数街"] and totals["粥铺"] >= 0


def test_name_counters_are_used_only_when_complete(db):
    db.business_gram_counts.delete_one({"_id": gram_counts.COMPLETE})
    try:
        assert gram_counts.census(db, ["面馆"])[1] is None
    finally:
        db.business_gram_counts.insert_one({"_id": gram_counts.COMPLETE, "n": 1})
    assert gram_counts.census(db, ["面馆"])[1] is not None


def test_counting_again_keeps_the_triples_marker(db):
    factories.business(db, name="标记粥铺", address="荔湾区标记路8号", district="荔湾区")
    gram_counts.recount(db)
    assert gram_counts.census(db, ["路8号"]).triples


@pytest.mark.parametrize("counts, in_names, wanted", [
    ({"区人": 1400, "民北": 1500}, {"区人": 150, "民北": 3}, "民北"),  # few rows before addresses
    ({"区人": 1400, "民北": 1500}, None, "区人"),  # without name counters: the rarest
    ({"道2": 1500, "23": 3000}, {"道2": 0, "23": 20}, "道2"),  # addresses only: the rarest
    ({"兰州": 600, "拉面": 2000}, {"兰州": 500, "拉面": 1950}, "兰州"),
])
def test_the_pair_read_from_reaches_the_page_after_the_fewest_rows(counts, in_names, wanted):
    expected = min(counts.values())  # no overlap counted: every holder of one holds the other
    assert min(counts, key=lambda gram: search._rows_to_read(counts, in_names, gram, 20, expected)) \
        == wanted


def test_a_bulk_load_counted_at_its_end_equals_counting_each_write(db):
    """The bench's bulk load adds counters in memory and writes them once at the end."""
    from collections import Counter

    from backend.businesses import repository, search_index

    kept = _counters(db)
    counted = Counter({name: n for name, n in kept.items() if name not in gram_counts.MARKERS})
    made = [{"code": f"9144010{n:011d}", "name": f"批量粥铺{n}", "address": f"荔湾区批量路{n}号",
             "district": "荔湾区", "trade": "catering"} for n in range(3)]
    repository.insert_many(db, made, counted=counted)
    assert _counters(db) == kept  # nothing written yet
    gram_counts.write_all(db, counted)
    written = _counters(db)
    gram_counts.recount(db)
    assert _counters(db) == written and written != kept
    assert search_index.query_grams("批量路2号") == ["批量", "量路2", "路2号"]
