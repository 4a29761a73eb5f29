"""Test fixtures: one embedded nx-27017 server per run, a fresh database per test module."""

import os
import tempfile

# Before any backend import reads the settings: data in a throwaway folder, embedded server.
os.environ.setdefault("MINGLIANG_DATA_DIR", tempfile.mkdtemp(prefix="mingliang-test-"))
os.environ.setdefault("MINGLIANG_ENV", "development")
# A test client reads far faster than any person; tests/backend/test_read_limit.py sets a limit.
os.environ.setdefault("READ_RATE_LIMIT", "0")

import pytest  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from backend import database, indexes  # noqa: E402
from backend.config import get_settings  # noqa: E402
from backend.rule_settings import live  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def _embedded_server():
    database.get_client()
    yield
    database.close()


@pytest.fixture(scope="module")
def db(request):
    """A fresh database for this module; the app and portal use it too while the module runs."""
    settings = get_settings()
    name = "t_" + request.module.__name__.removeprefix("tests.").replace(".", "_")[-60:]
    previous, settings.db_name = settings.db_name, name
    database.get_client().drop_database(name)
    database_ = database.get_db(name)
    indexes.create_all(database_)
    yield database_
    database.get_client().drop_database(name)
    settings.db_name = previous
    live.forget()   # the rules an administrator saved in this module's database leave with it


@pytest.fixture(scope="module")
def api(db):
    """The API without the portal, against this module's database; it asks for English, so tests
    read the msgids (tests of other languages set their own header or cookie)."""
    from backend.main import create_app

    with TestClient(create_app(), headers={"Accept-Language": "en"}) as client:
        yield client


@pytest.fixture(scope="module")
def site(db):
    """The whole site (API + portal), against this module's database."""
    from portal.server import create_app

    with TestClient(create_app()) as client:
        yield client
