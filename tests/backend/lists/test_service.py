"""Editions: numbered, dated, hashed, immutable; corrections say why; criteria are versioned."""

import threading
from datetime import timedelta

import pytest
from pydantic import ValidationError

from backend import clock
from backend.errors import Conflict, Forbidden, Invalid
from backend.lists import service as lists
from backend.lists.schemas import DEFAULT_CRITERIA, CriteriaUpdate, EditionPublish, ListKind
from backend.profiles import service as profiles
from backend.users.schemas import Actor, Role
from tests import factories

OFFICER = Actor(username="o", role=Role.OFFICER, unit_districts=["天河区"])


@pytest.fixture(scope="module")
def first(db):
    bad = factories.business(db, name="黑榜餐馆")
    factories.penalty(db, bad, measures=("suspension",), days_ago=20)
    good = factories.business(db, name="红榜餐馆")
    officers = [factories.officer(db), factories.officer(db)]
    factories.inspection(db, good, officers, days_ago=15)
    return lists.publish(db, actor=factories.ADMIN, data=EditionPublish()), bad, good


def test_an_edition_lists_each_business_with_its_criterion(db, first):
    edition, bad, good = first
    assert (edition.number, edition.cut_off, edition.black_count, edition.red_count) == (
        1, clock.today(), 1, 1)
    entries = {e.business_code: e for e in lists.entries(db, number=1)}
    assert (entries[bad].list, entries[bad].criterion_id) == ("black", "b-serious")
    assert (entries[good].list, entries[good].criterion_id) == ("red", "r-clean")
    assert lists.verify_edition(db, number=1)
    assert db.public_profiles.find_one({"_id": bad})["standing"]["black"]["edition"] == 1
    assert_pages_match_a_rebuild(db, bad, good)


def test_only_an_administrator_publishes_and_a_cut_off_is_published_once(db, first):
    with pytest.raises(Forbidden):
        lists.publish(db, actor=OFFICER, data=EditionPublish())
    with pytest.raises(Conflict, match="correction"):
        lists.publish(db, actor=factories.ADMIN, data=EditionPublish())
    with pytest.raises(ValidationError, match="what changed and why"):
        EditionPublish(corrects=1, correction_note=" ")


def test_a_correction_is_a_new_edition_and_the_old_one_stays(db, first):
    _, bad, good = first
    criteria = [c for c in DEFAULT_CRITERIA if c.list != ListKind.RED]
    saved = lists.update_criteria(db, actor=factories.ADMIN, data=CriteriaUpdate(
        criteria=criteria, note="红榜标准暂停"))
    assert saved.version == 1
    with pytest.raises(Forbidden):
        lists.update_criteria(db, actor=OFFICER, data=CriteriaUpdate(criteria=criteria, note="x"))
    corrected = lists.publish(db, actor=factories.ADMIN, data=EditionPublish(
        corrects=1, correction_note="红榜标准暂停，重新发布"))
    assert (corrected.number, corrected.corrects, corrected.criteria_version) == (2, 1, 1)
    assert corrected.removed == [f"red:{good}"]
    assert {e.business_code for e in lists.entries(db, number=1)} == {bad, good}
    assert {e.business_code for e in lists.entries(db, number=2)} == {bad}
    assert_pages_match_a_rebuild(db, bad, good)
    assert db.public_profiles.find_one({"_id": good})["standing"]["red"] is None


def assert_pages_match_a_rebuild(db, *codes):
    """An edition writes list status into each page in bulk: the same as rebuilding the page."""
    for code in codes:
        written = db.public_profiles.find_one({"_id": code})["standing"]
        profiles.rebuild(db, code=code)
        assert db.public_profiles.find_one({"_id": code})["standing"] == written


def test_a_tampered_entry_no_longer_matches_the_edition_hash(db, first):
    db.list_entries.update_one({"edition": 1, "list": "black"}, {"$set": {"reason": "edited"}})
    assert not lists.verify_edition(db, number=1)
    assert lists.verify_edition(db, number=2)


def test_the_monthly_job_publishes_once(db, first, monkeypatch):
    # the fixture's edition (cut-off today) is as recent as the one due: nothing to publish
    assert lists.publish_due(db) is None
    next_month = clock.today() + timedelta(days=40)
    monkeypatch.setattr(clock, "today", lambda: next_month)
    published = lists.publish_due(db)
    assert published is not None and published.cut_off == lists.due_cut_off(next_month)
    assert lists.publish_due(db) is None


def test_an_edition_cannot_go_back_before_the_latest_cut_off(db, first):
    latest = lists.edition(db)
    with pytest.raises(Invalid, match="cannot be before the latest edition's"):
        lists.publish(db, actor=None, data=EditionPublish(cut_off=clock.today() - timedelta(days=400)))
    assert lists.edition(db).number == latest.number


def test_two_publishers_in_one_process_are_kept_apart(db, first, monkeypatch):
    """The web server's threads share a process: each publication holds the lease itself."""
    started, go_on = threading.Event(), threading.Event()
    real = lists._publish

    def slow(*args, **kwargs):
        started.set()
        go_on.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(lists, "_publish", slow)
    answers: list[object] = []
    correction = EditionPublish(corrects=1, correction_note="并发发布测试")
    publisher = threading.Thread(target=lambda: answers.append(
        lists.publish(db, actor=factories.ADMIN, data=correction)))
    publisher.start()
    assert started.wait(10)
    with pytest.raises(Conflict, match="being published right now"):
        lists.publish(db, actor=factories.ADMIN, data=correction)
    go_on.set()
    publisher.join(10)
    assert len(answers) == 1 and answers[0].corrects == 1
    assert db.leases.find_one({"_id": lists.PUBLISH_LEASE}) is None   # released by its holder
