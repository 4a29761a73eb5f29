"""The ratings: every graded business ranked by consumer grade, best or lowest first, a page at a
time, in a district and trade; and the band counts behind the charts."""

import pytest

from backend import clock
from backend.businesses.schemas import Trade
from backend.errors import Invalid
from backend.profiles import repository as profiles
from backend.reviews import ratings
from backend.reviews.ratings import Order
from tests import factories

# (district, trade, band, score) of each graded business; two more have no grade.
GRADED = [("天河区", Trade.CATERING, "A", 97.0), ("天河区", Trade.CATERING, "A", 88.5),
          ("天河区", Trade.FOOD_SALES, "A", 91.0), ("越秀区", Trade.CATERING, "A", 91.0),
          ("越秀区", Trade.FOOD_SALES, "B", 80.0), ("天河区", Trade.CATERING, "B", 72.0),
          ("天河区", Trade.CATERING, "C", 60.0), ("越秀区", Trade.CATERING, "C", 51.0),
          ("天河区", Trade.FOOD_SALES, "C", 55.5), ("越秀区", Trade.FOOD_SALES, "D", 30.0),
          ("天河区", Trade.CATERING, "D", 42.0)]


@pytest.fixture(scope="module")
def shops(db):
    """Code → (district, trade, band, score) of every graded business."""
    graded = {}
    for n, (district, trade, band, score) in enumerate(GRADED):
        code = factories.business(db, name=f"评分店{n}", district=district, trade=trade)
        profiles.set_fields(db, {code: {"grades.consumer": {
            "band": band, "score": score, "reviews_counted": 8, "as_of": clock.now()}}})
        graded[code] = (district, trade, band, score)
    for district in ("天河区", "越秀区"):
        factories.business(db, name=f"没有评价的店{district}", district=district)
    return graded


def _expected(shops, order: Order, **scope: str) -> list[str]:
    """Band A to D, the higher score first (reversed: D to A, the lower first), then by code."""
    chosen = [(code, *row) for code, row in shops.items()
              if all(row[("district", "trade").index(key)] == value for key, value in scope.items())]
    sign = 1 if order is Order.BEST else -1
    return [row[0] for row in sorted(chosen, key=lambda row: (
        sign * "ABCD".index(row[3]), -sign * row[4], row[0]))]


def _every_page(db, page_size: int, **query) -> list[str]:
    first = ratings.ranked(db, page_size=page_size, **query)
    codes = [row.code for row in first.data]
    for number in range(2, first.meta.totalPages + 1):
        codes += [row.code for row in ratings.ranked(db, page_size=page_size, page_number=number,
                                                     **query).data]
    return codes


@pytest.mark.parametrize("order", list(Order))
@pytest.mark.parametrize("page_size", [1, 3, 4, 20])
def test_pages_follow_on_through_every_band(db, shops, order, page_size):
    assert _every_page(db, page_size, order=order) == _expected(shops, order)
    meta = ratings.ranked(db, order=order, page_size=page_size).meta
    assert meta.totalCount == len(GRADED) and meta.totalPages == -(-len(GRADED) // page_size)


def test_the_lowest_graded_come_first_when_asked(db, shops):
    lowest = ratings.ranked(db, order=Order.WORST, page_size=3).data
    assert [(row.band, row.score) for row in lowest] == [("D", 30.0), ("D", 42.0), ("C", 51.0)]
    best = ratings.ranked(db, page_size=2).data
    assert [(row.band, row.score, row.reviews_counted) for row in best] == [("A", 97.0, 8), ("A", 91.0, 8)]


@pytest.mark.parametrize("scope", [{"district": "越秀区"}, {"trade": Trade.FOOD_SALES.value},
                                   {"district": "天河区", "trade": Trade.CATERING.value}])
@pytest.mark.parametrize("order", list(Order))
def test_a_district_and_trade_narrow_the_ranking_and_its_count(db, shops, scope, order):
    expected = _expected(shops, order, **scope)
    assert _every_page(db, 2, order=order, **scope) == expected
    assert ratings.ranked(db, order=order, **scope).meta.totalCount == len(expected)
    row = ratings.ranked(db, order=order, page_size=1, **scope).data[0]
    assert all(getattr(row, key) == value for key, value in scope.items())


def test_a_page_past_the_last_is_empty_and_still_counts(db, shops):
    past = ratings.ranked(db, page_number=9, page_size=5)
    assert past.data == [] and past.meta.totalCount == len(GRADED) and past.meta.totalPages == 3
    nowhere = ratings.ranked(db, district="海珠区")
    assert nowhere.data == [] and nowhere.meta.totalCount == 0


def test_a_page_reads_only_its_own_rows(db, shops, monkeypatch):
    """Counted from the indexes, then at most one page of profiles read, across bands."""
    read = []
    real = profiles.ranked_in_band

    def counting(db, **query):
        rows = real(db, **query)
        read.append(len(rows))
        return rows

    monkeypatch.setattr(profiles, "ranked_in_band", counting)
    ratings.ranked(db, page_number=2, page_size=3)  # the last A, then two Bs
    assert read == [1, 2]


@pytest.mark.parametrize("page_number, page_size", [(0, 20), (1, 0), (1, 101)])
def test_paging_out_of_bounds_is_refused(db, page_number, page_size):
    with pytest.raises(Invalid):
        ratings.ranked(db, page_number=page_number, page_size=page_size)


def test_band_counts_by_district_and_trade(db, shops):
    counts = ratings.band_counts(db, districts=["天河区", "越秀区", "海珠区"])
    assert counts.by_district == {"天河区": {"A": 3, "B": 1, "C": 2, "D": 1},
                                  "越秀区": {"A": 1, "B": 1, "C": 1, "D": 1}}  # 海珠区: none graded
    assert counts.by_trade == {"catering": {"A": 3, "B": 1, "C": 2, "D": 1},
                               "food_sales": {"A": 1, "B": 1, "C": 1, "D": 1}}
