"""The accounts' tests share an administrator (user name, authorization headers)."""

import pytest

from backend.users.schemas import Role
from tests import factories


@pytest.fixture(scope="module")
def admin(db, api):
    username = factories.user(db, role=Role.ADMIN)
    return username, factories.token(api, username)
