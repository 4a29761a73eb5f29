"""The audit trail (痕迹管理): who wrote what, chained by hash so a later edit shows."""

import pytest
from pymongo import ASCENDING

from backend.audit import service as audit
from backend.users.schemas import Actor, Role
from tests import factories

OFFICER = Actor(username="officer7", role=Role.OFFICER)


def chain_holds(db) -> bool:
    """Recomputes every link from what is stored, as an outside checker would."""
    previous = ""
    for entry in db.audit.find({}, {"_id": 0}).sort([("seq", ASCENDING)]):
        stored_hash = entry.pop("hash")
        if audit._digest(previous, entry) != stored_hash:
            return False
        previous = stored_hash
    return True


@pytest.fixture(scope="module")
def trail(db):
    audit.record(db, actor=OFFICER, action="licence.record", target="A", data={"number": "JY1"})
    audit.record(db, actor=None, action="purchase.record", target="B",
                 data={"_id": "internal", "item": "猪肉"})
    audit.record(db, actor=OFFICER, action="penalty.record", target="A", data={"fine": 500})
    code = factories.business(db)  # real writes carry datetimes down to the microsecond
    factories.purchase(db, code)
    return db


def test_entries_name_the_actor_and_drop_internal_ids(trail):
    entries = list(trail.audit.find({}, {"_id": 0}).sort("seq", ASCENDING))
    assert [(e["actor"], e["role"], e["action"]) for e in entries] == [
        ("officer7", "officer", "licence.record"), ("anonymous", None, "purchase.record"),
        ("officer7", "officer", "penalty.record"),
        ("factory-admin", "admin", "business.register"),
        ("factory-admin", "admin", "purchase.record")]
    assert entries[1]["data"] == {"item": "猪肉"}


def test_the_stored_chain_verifies(trail):
    assert chain_holds(trail)


def test_an_edited_entry_breaks_the_chain(trail):
    trail.audit.update_one({"action": "penalty.record"}, {"$set": {"data.fine": 5}})
    assert not chain_holds(trail)
