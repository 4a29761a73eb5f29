"""A refusal for too many requests says the wait in minutes once it is longer than a minute and a
half (the Retry-After header keeps the seconds), in the plural form its number takes ("1 second"),
on the forms that people fill in."""

import types

import pytest

from backend import i18n, ratelimit
from backend.reviews.service import RATE_LIMITED
from backend.users.schemas import Role
from backend.users.service import _THROTTLED
from tests import factories
from tests.portal.conftest import ENGLISH, form_token


@pytest.mark.parametrize("seconds, shown", [
    (1, "Please try again in 1 second."),
    (2, "Please try again in 2 seconds."),
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


@pytest.mark.parametrize("message, seconds, shown", [
    (RATE_LIMITED, 1, "You have written several reviews in a short time. Please try again in 1 second."),
    (RATE_LIMITED, 61, "You have written several reviews in a short time. Please try again in 61 seconds."),
    (_THROTTLED, 1, "Too many failed sign-ins. Please wait 1 second and try again."),
    (_THROTTLED, 3, "Too many failed sign-ins. Please wait 3 seconds and try again."),
    (ratelimit.TRY_AGAIN, 1, "Too many requests. Please try again in 1 second."),
])
def test_each_refusal_says_one_second_in_the_singular(message, seconds, shown):
    refused = ratelimit.refusal(message, seconds)
    with i18n.language("en"):
        assert refused.translated(i18n._) == shown
    assert str(refused) == shown and refused.retry_after_s == seconds  # logged as written


@pytest.mark.parametrize("message, minutes, shown", [
    (ratelimit.TRY_AGAIN, 1, "Too many requests. Please try again in about 1 minute."),
    (ratelimit.TRY_AGAIN, 2, "Too many requests. Please try again in about 2 minutes."),
    (RATE_LIMITED, 1, "Please try again in about 1 minute."),
    (_THROTTLED, 1, "Please wait about 1 minute and try again."),
])
def test_each_wording_says_one_minute_in_the_singular_too(message, minutes, shown):
    # refusal() says minutes past a minute and a half (2 at least); a wording is ready for 1 anyway
    refused = ratelimit.WaitRefused(message.minutes, minutes, retry_after_s=60 * minutes, minutes=minutes)
    with i18n.language("en"):
        assert refused.translated(i18n._).endswith(shown)


def test_the_sign_in_form_says_one_second_in_the_singular(site, db, monkeypatch):
    from backend.config import get_settings

    username = factories.user(db, role=Role.ENTERPRISE, business_code=factories.business(db))
    settings = get_settings()
    monkeypatch.setattr(settings, "login_failures_per_account", 1)
    # half a second before a window two days ahead ends (still to come: no purge drops it)
    window = int(ratelimit.time.time() // settings.login_window_s) + 2 * 86400 // settings.login_window_s
    at = (window + 1) * settings.login_window_s - 0.5
    monkeypatch.setattr(ratelimit, "time", types.SimpleNamespace(time=lambda: at))
    answers = [site.post("/login", headers=ENGLISH, data={
        "username": username, "password": "wrong", "next": "/me",
        "csrf_token": form_token(site, "/login")}) for _ in range(2)]
    assert [answer.status_code for answer in answers] == [200, 429]
    assert answers[1].headers["Retry-After"] == "1"
    assert "Too many failed sign-ins. Please wait 1 second and try again." in answers[1].text
