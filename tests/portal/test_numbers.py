"""Whole numbers typed into URLs and forms: ASCII digits only, no bigger than a reader could mean."""

import pytest

from portal.numbers import page_number, whole_number, yuan
from tests.portal.conftest import ENGLISH


@pytest.mark.parametrize("text, number", [
    ("3", 3), (" 12 ", 12), ("0", 0), ("100000", 100_000), ("100001", None),
    ("²", None), ("٣", None), ("-1", None), ("1.5", None), ("", None), (None, None),
    ("99999999999999999999", None),
])
def test_whole_number_table(text, number):
    assert whole_number(text) == number


def test_a_page_number_falls_back_to_the_first_page():
    assert [page_number(t) for t in ("4", "0", "²", "9223372036854775807", None)] == [4, 1, 1, 1, 1]


@pytest.mark.parametrize("path, status", [
    ("/?page=99999999999999999999", 200), ("/?page=9223372036854775807", 200),
    ("/inspections?page=99999999999999999999", 200), ("/penalties?page=99999999999999999999", 200),
    ("/kitchen?page=²", 200), ("/lists/99999999999999999999", 404), ("/lists/²", 404),
])
def test_pages_given_impossible_numbers_answer_without_failing(site, db, path, status):
    assert site.get(path, headers=ENGLISH).status_code == status


@pytest.mark.parametrize("path", ["/?page=500", "/kitchen?page=500", "/inspections?page=500"])
def test_a_page_past_the_last_says_so_and_links_back(site, db, path):
    from tests import factories, kitchen

    code = factories.business(db)
    kitchen.camera(db, code, public=True)
    factories.inspection(db, code, [factories.officer(db), factories.officer(db)], days_ago=1)
    text = site.get(path, headers=ENGLISH).text
    assert "This page is past the last one." in text and "Go to the last page" in text


@pytest.mark.parametrize(("amount", "shown"), [
    (2000, "2,000"), (2000.5, "2,000.50"), (0.01, "0.01"), (999_999_999.99, "999,999,999.99"),
    (50000.0, "50,000"),
])
def test_a_fine_keeps_its_fen(amount, shown):
    assert yuan(amount) == shown
