"""A refusal for too many requests says the wait in minutes once it is longer than a minute and a
half (the Retry-After header keeps the seconds), on the forms that people fill in."""

import types

import pytest

from backend import i18n, ratelimit
from backend.reviews.service import RATE_LIMITED
from backend.users.service import _THROTTLED
from tests import factories
from tests.portal.conftest import ENGLISH, form_token


@pytest.mark.parametrize("seconds, shown", [
    (1, "Please try again in 1 seconds."),
    (90, "Please try again in 90 seconds."),
    (91, "Please try again in about 2 minutes."),
    (1317, "Please try again in about 22 minutes."),  # rounded up: never sooner than it is
    (1380, "Please try again in about 23 minutes."),
    (3600, "Please try again in about 60 minutes."),
])
def test_a_long_wait_reads_in_minutes(seconds, shown):
    refused = ratelimit.refusal(ratelimit.TRY_AGAIN, seconds)
    assert refused.retry_after_s == seconds
    with i18n.language("en"):
        assert refused.translated(i18n._) == f"Too many requests. {shown}"


@pytest.mark.parametrize("message, opening", [
    (RATE_LIMITED, "You have written several reviews in a short time."),
    (_THROTTLED, "Too many failed sign-ins."),
])
def test_each_refusal_keeps_its_own_words_in_minutes(message, opening):
    with i18n.language("en"):
        said = ratelimit.refusal(message, 1380).translated(i18n._)
    assert said.startswith(opening) and "about 23 minutes" in said and "seconds" not in said


def test_the_complaint_form_says_minutes_and_keeps_seconds_in_retry_after(site, db, monkeypatch):
    from backend.config import get_settings

    shop = factories.business(db, name="限流小馆")
    db.rate_limits.delete_many({})
    monkeypatch.setattr(get_settings(), "complaint_rate_limit", 1)
    # 37 minutes into an hour-long window two days ahead (still to come: no purge drops it)
    hour = int(ratelimit.time.time() // 3600) + 48
    monkeypatch.setattr(ratelimit, "time", types.SimpleNamespace(time=lambda: hour * 3600 + 2220.0))
    statuses, answers = [], []
    for _ in range(2):
        response = site.post(f"/complain/{shop}", headers=ENGLISH, follow_redirects=False, data={
            "category": "hygiene", "text": "后厨很脏，有苍蝇",
            "csrf_token": form_token(site, f"/complain/{shop}")})
        statuses.append(response.status_code)
        answers.append(response)
    assert statuses == [303, 429]
    limited = answers[1]
    assert limited.headers["Retry-After"] == "1380"
    assert "Too many requests. Please try again in about 23 minutes." in limited.text
    assert "后厨很脏，有苍蝇" in limited.text  # what was typed is kept
