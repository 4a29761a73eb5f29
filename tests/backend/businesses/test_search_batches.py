"""How many candidates a longer search reads at a time: sized by the matches the counters lead
one to expect, so that a text held by fewer businesses than a page is read in one batch."""

from backend.businesses import search, search_index
from backend.businesses import service as businesses
from tests import factories


def test_expected_matches_chain_the_grams_through_their_counted_overlaps():
    totals = {"中路8": 600, "路84": 800, "840": 100, "路8": 8000, "84": 1000}
    # 600 hold 中路8; of the 8000 holding 路8, 800 go on to 路84; of the 1000 holding 84, 100 to 840.
    assert search._expected_matches("中路840", ["中路8", "路84", "840"], totals) == 6.0
    # Overlaps of one character are not counted: every holder is taken to hold the next gram.
    assert search._expected_matches("天河北", ["天河", "河北"], {"天河": 500, "河北": 90}) == 90


def test_the_first_batch_reads_every_row_when_every_row_will_be_needed():
    assert search._first_batch(500, 20, every=150) == 150  # fewer matches expected than the page
    assert search._first_batch(500, 20, every=900) == search.FIRST_BATCH  # too many for one check
    assert search._first_batch(30, 20) == 45
    assert search._first_batch(5, 20) == 40  # at least twice the page


def test_the_next_batch_follows_the_share_of_candidates_that_matched():
    assert search._next_batch(40, checked=40, matched=0, wanted=20) == 160
    assert search._next_batch(100, checked=100, matched=11, wanted=20) == 200  # 123 needed
    assert search._next_batch(40, checked=40, matched=4, wanted=20) == 160  # 240 needed: at most 4×
    assert search._next_batch(40, checked=40, matched=30, wanted=20) == 160  # enough: rank settles it


def test_a_house_number_on_few_roads_is_read_in_one_batch(db, monkeypatch):
    district = "批量测试区"

    def shops(count: int, address) -> set[str]:  # type: ignore[no-untyped-def]
        return {factories.business(db, name="批量小吃", district=district,
                                   address=district + address(i)) for i in range(count)}

    shops(40, lambda i: f"{'东西南北'[i % 4]}{i}路840号")  # 840 on other roads
    shops(40, lambda i: f"中路8{5 + i % 3}号{i}层")  # other numbers on 中路
    shops(80, lambda i: f"{'东西南北'[i % 4]}{i}路88号")  # 路8 common: few of its holders go on to 路84
    wanted = shops(3, lambda i: f"中路840号{i}层")
    reads = []
    ranked = search_index.ranked
    monkeypatch.setattr(search_index, "ranked", lambda *a, **k: reads.append(k) or ranked(*a, **k))
    found = businesses.search(db, text="中路840", district=district, page_size=20)
    assert {row.code for row in found.data} == wanted and found.meta.totalCount == 3
    assert len(reads) == 1  # all 43 rows of the rarest gram at once, not 40 and then the rest
