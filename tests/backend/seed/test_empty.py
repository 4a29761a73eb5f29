"""The demo is seeded only into a database that holds nothing yet: never beside a real
installation's first administrator, unit or officer (its accounts have published passwords)."""

from pathlib import Path

import pytest

from backend import cli, indexes
from backend.officers import service as officers
from backend.officers.schemas import UnitCreate
from backend.seed import demo
from backend.users import service as users
from backend.users.schemas import Role, UserCreate

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def fresh(db):
    """The module's database, emptied and with its indexes, as a new installation starts."""
    for name in db.list_collection_names():
        db.drop_collection(name)
    indexes.create_all(db)
    return db


@pytest.mark.parametrize("first", [
    lambda db: users.create(db, data=UserCreate(username="real.chief", password="a-long-password",
                                                role=Role.ADMIN)),
    lambda db: officers.create_unit(db, data=UnitCreate(id="U-REAL", name="天河所", districts=["天河区"])),
])
def test_a_database_with_an_account_or_a_unit_is_not_empty(fresh, monkeypatch, first):
    assert demo.is_empty(fresh)
    first(fresh)
    assert not demo.is_empty(fresh)
    monkeypatch.setattr("backend.database.get_db", lambda: fresh)
    monkeypatch.setattr(demo, "seed", lambda *args, **kwargs: pytest.fail("seeded over real data"))
    cli._prepare_database(seed_if_empty=True)   # a start without --no-seed
    assert fresh.users.find_one({"username": "admin"}) is None


def test_a_production_start_never_seeds():
    web = next(line for line in (ROOT / "Procfile").read_text().splitlines() if line.startswith("web:"))
    assert "--no-seed" in web.split()
