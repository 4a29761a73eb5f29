"""Rate limits: counted in the database per key and window, 429 with Retry-After past the limit."""

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


def test_keys_are_counted_apart(db):
    ratelimit.hit(db, key="client:a", limit=1, window_s=3600)
    assert ratelimit.hit(db, key="client:b", limit=1, window_s=3600) == 1
