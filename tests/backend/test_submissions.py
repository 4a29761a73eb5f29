"""A form sent twice is recorded once: the claim, with two requests at once, and a first one that
is slow, dies or is refused."""

import threading
import time
import uuid
from datetime import timedelta

import pytest

from backend import clock, submissions
from backend.errors import Invalid


@pytest.fixture
def claim_key(db):
    return f"test|{uuid.uuid4().hex}"


def _slow(result: str, seconds: float, calls: list[str]):
    def record() -> str:
        calls.append(result)
        time.sleep(seconds)
        return result
    return record


def test_a_repeat_while_the_first_is_recorded_waits_for_its_result(db, claim_key):
    calls: list[str] = []
    results: list[str] = []
    first = threading.Thread(
        target=lambda: results.append(submissions.once(db, claim_key, _slow("/a", 0.5, calls))))
    first.start()
    time.sleep(0.1)
    assert submissions.once(db, claim_key, _slow("/b", 0, calls)) == "/a"
    first.join()
    assert results == ["/a"] and calls == ["/a"]


def test_a_repeat_that_waits_too_long_is_told_to_reload(db, claim_key, monkeypatch):
    monkeypatch.setattr(submissions, "WAIT_S", 0.2)
    calls: list[str] = []
    first = threading.Thread(target=lambda: submissions.once(db, claim_key, _slow("/a", 0.8, calls)))
    first.start()
    time.sleep(0.1)
    with pytest.raises(submissions.StillRecording) as refused:
        submissions.once(db, claim_key, _slow("/b", 0, calls))
    assert refused.value.status_code == 409
    first.join()
    assert submissions.once(db, claim_key, _slow("/c", 0, calls)) == "/a" and calls == ["/a"]


def test_a_refused_first_sending_frees_the_claim(db, claim_key):
    def refuse() -> str:
        raise Invalid("no")

    with pytest.raises(Invalid):
        submissions.once(db, claim_key, refuse)
    assert submissions.once(db, claim_key, lambda: "/mended") == "/mended"


def test_a_claim_whose_request_died_is_taken_over(db, claim_key):
    now = clock.now()
    db.form_claims.insert_one({"_id": claim_key, "result": None, "pending_until": now - timedelta(seconds=1),
                               "expires_at": now + submissions.KEEP})
    assert submissions.once(db, claim_key, lambda: "/again") == "/again"


def test_claims_past_their_day_are_purged(db, claim_key):
    past = clock.now() - timedelta(seconds=1)
    db.form_claims.insert_one({"_id": "old", "result": "/x", "expires_at": past})
    submissions.once(db, claim_key, lambda: "/new")
    assert submissions.purge(db) == 1
    assert db.form_claims.find_one({"_id": "old"}) is None
    assert db.form_claims.find_one({"_id": claim_key})["result"] == "/new"
