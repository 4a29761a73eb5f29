"""Passwords are stored as argon2 hashes; tokens are signed and expire."""

import pytest

from backend.config import get_settings
from backend.users import security


def test_a_password_is_stored_as_an_argon2id_hash():
    stored = security.hash_password("correct-horse-battery")
    assert stored.startswith("$argon2id$")
    assert "correct-horse-battery" not in stored
    assert stored != security.hash_password("correct-horse-battery")  # salted


@pytest.mark.parametrize("attempt, accepted", [
    ("correct-horse-battery", True),
    ("Correct-horse-battery", False),
    ("correct-horse-battery ", False),
    ("", False),
])
def test_only_the_exact_password_verifies(attempt, accepted):
    assert security.verify_password(security.hash_password("correct-horse-battery"), attempt) is accepted


@pytest.mark.parametrize("stored", ["", "correct-horse-battery", "$argon2id$garbage"])
def test_a_damaged_stored_hash_refuses_rather_than_crashes(stored):
    assert security.verify_password(stored, "correct-horse-battery") is False


def test_a_token_names_its_user():
    assert security.read_claims(security.issue_token("officer7")) == ("officer7", 0)


@pytest.mark.parametrize("token", [
    "", "garbage", "eyJzdWIiOiJhZG1pbiJ9", "eyJzdWIiOiJhZG1pbiJ9.Zm9v.YmFy",
])
def test_a_forged_token_names_nobody(token):
    assert security.read_claims(token) is None


def test_a_token_signed_with_another_secret_names_nobody(monkeypatch):
    token = security.issue_token("admin")
    monkeypatch.setattr(get_settings(), "secret_key", "another-secret")
    assert security.read_claims(token) is None


def test_a_token_expires(monkeypatch):
    token = security.issue_token("admin")
    monkeypatch.setattr(get_settings(), "token_max_age_s", -1)
    assert security.read_claims(token) is None
