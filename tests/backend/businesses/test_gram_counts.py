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
    totals, names, triples, _ = gram_counts.census(db, ["面馆", "数街", "粥铺"])
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


def test_longer_searches_take_recent_counters_from_memory_and_a_write_here_forgets_them(db):
    factories.business(db, name="记忆粥铺", address="荔湾区记忆路3号", district="荔湾区")
    assert not gram_counts.census(db, ["记忆", "忆粥"], cached=True).cached  # first read
    assert gram_counts.census(db, ["记忆", "忆粥"], cached=True).cached
    assert not gram_counts.census(db, ["记忆", "忆粥"]).cached  # asked afresh
    factories.business(db, name="记忆面馆", address="荔湾区记忆路4号", district="荔湾区")
    census = gram_counts.census(db, ["记忆", "忆粥"], cached=True)
    assert not census.cached and census.totals["记忆"] == 2


def test_a_gram_counted_zero_is_never_taken_from_memory(db):
    assert gram_counts.census(db, ["未见", "见过"], cached=True).totals == {"未见": 0, "见过": 0}
    # another process counts them: this process's cache does not hear of it
    for gram in ("未见", "见过"):
        db.business_gram_counts.update_one({"_id": gram_counts.key(gram, "", "")},
                                           {"$inc": {"n": 1}}, upsert=True)
    census = gram_counts.census(db, ["未见", "见过"], cached=True)
    assert not census.cached and census.totals == {"未见": 1, "见过": 1}
    gram_counts.recount(db)


def test_businesses_the_counters_do_not_know_yet_are_found_all_the_same(db):
    """Counters cached here, or lagging another process's writes, only plan the reads: the rows
    are read until the index has no more, and the total is exact."""
    from collections import Counter

    from backend.businesses import repository

    first = factories.business(db, name="滞后粥铺", address="荔湾区滞后路1号", district="荔湾区")
    assert businesses.search(db, text="滞后粥", page_size=20).meta.totalCount == 1
    assert gram_counts.census(db, ["滞后", "后粥"], cached=True).cached
    later = [{"code": f"91440106{n:010d}", "name": f"滞后粥铺{n}", "address": f"荔湾区滞后路{n}号",
              "district": "荔湾区", "trade": "catering"} for n in range(2, 5)]
    repository.insert_many(db, later, counted=Counter())  # rows written, counters not (yet)
    for page_size in (20, 2):
        found = businesses.search(db, text="滞后粥", page_size=page_size)
        assert [row.code for row in found.data] == [first, *(b["code"] for b in later)][:page_size]
        assert found.meta.totalCount == 4 and not found.meta.totalIsEstimate or page_size == 2
    gram_counts.recount(db)
