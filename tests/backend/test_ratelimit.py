"""Rate limits: counted in the database per key and window, 429 with Retry-After past the limit."""

from datetime import datetime

import pytest

from backend import ratelimit
from backend.errors import TooManyRequests


def test_the_request_past_the_limit_is_refused_with_a_wait(db):
    for n in range(1, 4):
        assert ratelimit.hit(db, key="client:1", limit=3, window_s=3600) == n
    with pytest.raises(TooManyRequests) as refused:
        ratelimit.hit(db, key="client:1", limit=3, window_s=3600)
    assert 1 <= refused.value.retry_after_s <= 3600
    assert refused.value.status_code == 429


def test_what_is_done_is_counted_without_refusal_and_checked_before_the_next(db):
    ratelimit.require_below(db, key="client:done", limit=2, window_s=3600, message=ratelimit.TRY_AGAIN)
    assert [ratelimit.count(db, key="client:done", window_s=3600) for _ in range(3)] == [1, 2, 3]
    with pytest.raises(TooManyRequests) as refused:
        ratelimit.require_below(db, key="client:done", limit=2, window_s=3600, message=ratelimit.TRY_AGAIN)
    assert 1 <= refused.value.retry_after_s <= 3600
    with pytest.raises(TooManyRequests):  # a limit of none refuses before anything was counted
        ratelimit.require_below(db, key="client:new", limit=0, window_s=3600, message=ratelimit.TRY_AGAIN)


def test_keys_are_counted_apart(db):
    ratelimit.hit(db, key="client:a", limit=1, window_s=3600)
    assert ratelimit.hit(db, key="client:b", limit=1, window_s=3600) == 1


def test_ended_windows_are_purged_by_a_worker_job(db):
    from backend import worker

    ratelimit.hit(db, key="client:old", limit=5, window_s=1)
    db.rate_limits.update_many({}, {"$set": {"expires_at": datetime(2000, 1, 1)}})
    purge = next(job for job in worker.jobs() if job.name == "rate_limits.purge")
    worker.run_job(db, purge, at=0.0)
    assert db.rate_limits.count_documents({}) == 0
