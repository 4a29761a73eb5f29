"""Each test starts and ends with the environment's rules: none saved, none applied."""

import pytest

from backend.rule_settings import live


@pytest.fixture(autouse=True)
def _environment_values(db):
    live.forget()
    yield
    db.settings.delete_many({})   # first: a refresh between the two would bring the rules back
    live.forget()
