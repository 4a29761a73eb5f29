"""Sign-in throttling: failures counted per account and per client address, 429 with Retry-After."""

import pytest

from backend.config import get_settings
from backend.errors import TooManyRequests, Unauthorized
from backend.users import service as users
from backend.users.schemas import Role
from tests import factories


def _login(api, username, password):
    return api.post("/api/v1/auth/login", json={"username": username, "password": password})


def test_an_account_is_locked_for_a_while_after_repeated_failures(api, db):
    username = factories.user(db, role=Role.CONSUMER)
    for _ in range(get_settings().login_failures_per_account):
        assert _login(api, username, "wrong-password").status_code == 401
    refused = _login(api, username, factories.PASSWORD)  # even the right password, for now
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0 and "failed sign-ins" in refused.json()["detail"]


def test_successful_sign_ins_are_not_counted(api, db):
    username = factories.user(db, role=Role.CONSUMER)
    for _ in range(get_settings().login_failures_per_account + 2):
        assert _login(api, username, factories.PASSWORD).status_code == 200


def test_one_client_guessing_many_accounts_is_stopped(db, monkeypatch):
    monkeypatch.setattr(get_settings(), "login_failures_per_client", 3)
    for n in range(3):
        with pytest.raises(Unauthorized):
            users.authenticate(db, username=f"guess{n}", password="x" * 8, client="198.51.100.9")
    with pytest.raises(TooManyRequests):
        users.authenticate(db, username="guess-next", password="x" * 8, client="198.51.100.9")
    with pytest.raises(Unauthorized):  # another address is not affected
        users.authenticate(db, username="guess-next", password="x" * 8, client="198.51.100.10")
