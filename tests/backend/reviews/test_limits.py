"""The review limits against people, not addresses: diners sharing a shop's Wi-Fi or a carrier's
address each review once a day, and only reviews recorded count toward the limits."""

import pytest

from backend import i18n
from backend.config import get_settings
from backend.errors import Conflict, TooManyRequests
from backend.reviews import service
from backend.reviews.schemas import ReviewCreate
from tests import factories

WIFI = "203.0.113.7"  # one address for everyone at the shop


@pytest.fixture(autouse=True)
def _fresh_limits(db, monkeypatch):
    db.rate_limits.delete_many({})
    monkeypatch.setattr(get_settings(), "review_rate_limit", 5)
    monkeypatch.setattr(get_settings(), "review_address_limit", 60)


def review(db, code, *, browser=None, client=WIFI, text="味道不错，服务也好"):
    return service.submit(db, actor=None, client=client, code=code, browser=browser,
                          data=ReviewCreate(text=text))


def said(refusal):
    with i18n.language("en"):
        return refusal.value.translated(i18n._)


def test_diners_on_one_network_each_review_once_a_day(db):
    code = factories.business(db)
    first, second = review(db, code, browser="a" * 32), review(db, code, browser="b" * 32)
    assert first.id != second.id
    stored = {row["client"] for row in db.reviews.find({"business_code": code})}
    assert len(stored) == 2  # two people to the grade rule, not one client reviewing twice
    with pytest.raises(Conflict) as again:
        review(db, code, browser="a" * 32, text="再写一条")
    assert said(again) == "You have already reviewed this business today: one review per visit."


def test_an_api_caller_is_its_address_and_is_not_told_it_was_them(db):
    code = factories.business(db)
    review(db, code)
    with pytest.raises(Conflict) as again:
        review(db, code, text="换个说法")
    assert said(again) == ("This business was already reviewed today from this address: "
                           "one review per visit.")
    review(db, code, browser="c" * 32)  # a browser behind that address is someone else


def test_refusals_do_not_count_toward_the_limits(db, monkeypatch):
    monkeypatch.setattr(get_settings(), "review_rate_limit", 2)
    monkeypatch.setattr(get_settings(), "review_address_limit", 2)
    first, second, third = (factories.business(db) for _ in range(3))
    review(db, first, browser="d" * 32)
    for _ in range(4):  # the same visit again: refused as such, never as "too many"
        with pytest.raises(Conflict):
            review(db, first, browser="d" * 32, text="又来一次")
    review(db, second, browser="d" * 32)
    with pytest.raises(TooManyRequests) as limited:
        review(db, third, browser="d" * 32)
    assert said(limited).startswith("You have written several reviews in a short time.")
    assert db.reviews.count_documents({"business_code": third}) == 0


def test_a_busy_network_is_told_so_and_others_are_not_held_back(db, monkeypatch):
    monkeypatch.setattr(get_settings(), "review_address_limit", 3)
    code = factories.business(db)
    for browser in "efg":
        review(db, code, browser=browser * 32)
    with pytest.raises(TooManyRequests) as busy:
        review(db, code, browser="h" * 32)
    assert said(busy).startswith("Many reviews have come from your network in a short time.")
    assert busy.value.retry_after_s >= 1
    review(db, code, browser="h" * 32, client="198.51.100.9")  # the same diner on mobile data
