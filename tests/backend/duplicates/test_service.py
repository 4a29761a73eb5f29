"""`python -m backend duplicates`: copies stored before identical writes got a 409 are listed,
then withdrawn with --apply (kept aside and audited), and the public page shows each record once."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from bson import ObjectId

from backend.duplicates import command
from backend.errors import Conflict
from backend.profiles import service as profiles
from backend.users.schemas import Role
from tests import factories

LICENCE_KEY = [("business_code", 1), ("kind", 1), ("number", 1), ("issued_on", 1)]
STAFF_KEY = [("business_code", 1), ("health_certificate_number", 1)]


def _drop_unique(collection, keys) -> None:
    """By the server's own name for it (the embedded server names indexes its way)."""
    for name, index in collection.index_information().items():
        if index.get("unique") and [tuple(part) for part in index["key"]] == keys:
            collection.drop_index(name)


def _copy(db, collection: str, query: dict, **changes) -> None:
    """A second copy written the way the code before the 409 did (no unique index, no check)."""
    row = db[collection].find_one(query)
    row.pop("_id")
    row.pop("fingerprint", None)
    db[collection].insert_one(row | {"created_at": row["created_at"] + timedelta(minutes=5)} | changes)


@pytest.fixture(scope="module")
def old(db, api):
    """A database from before the change: its unique indexes missing, some records twice."""
    _drop_unique(db.licences, LICENCE_KEY)
    _drop_unique(db.staff, STAFF_KEY)
    code = factories.business(db)
    officers = [factories.officer(db), factories.officer(db)]
    number = factories.licence(db, code)
    factories.staff_member(db, code, name="陈大厨")
    inspection = factories.inspection(db, code, officers, days_ago=3)
    decision = factories.penalty(db, code, days_ago=2)
    _copy(db, "licences", {"number": number})
    _copy(db, "licences", {"number": number})
    _copy(db, "staff", {"business_code": code})
    _copy(db, "staff", {"business_code": code}, name="陈小厨")  # same certificate, other person
    _copy(db, "inspections", {"business_code": code})
    _copy(db, "penalties", {"decision_number": decision},
          decision_number=decision.replace("〔", "(").replace("〕", ")"))
    profiles.rebuild(db, code=code)
    return {"code": code, "number": number, "inspection": inspection, "decision": decision,
            "headers": factories.signed_in(api, db, role=Role.ADMIN)}


def _shown(api, code):
    record = api.get(f"/api/v1/businesses/{code}").json()
    return (len(record["licences"]), record["staff"]["total"], len(record["inspections"]),
            len(record["penalties"]))


def test_a_dry_run_lists_the_copies_and_changes_nothing(db, api, old, capsys):
    assert _shown(api, old["code"]) == (3, 3, 2, 2)
    assert command.run(db, apply=False) == 1  # one staff row is left for a person
    out = capsys.readouterr().out
    assert f"licence of {old['code']} [food_business_licence, {old['number']}" in out
    assert out.count("    withdraws ") == 5
    assert "same number, different content; a person must decide" in out
    assert "5 duplicate record(s) would be withdrawn; 1 left for a person. Dry run" in out
    assert _shown(api, old["code"]) == (3, 3, 2, 2)
    assert db.withdrawn_duplicates.count_documents({}) == 0


def test_apply_withdraws_the_later_copies_and_the_page_shows_each_record_once(db, api, old, capsys):
    assert command.run(db, apply=True, by="ops") == 1
    assert "5 duplicate record(s) withdrawn" in capsys.readouterr().out
    assert _shown(api, old["code"]) == (1, 2, 1, 1)
    record = api.get(f"/api/v1/businesses/{old['code']}").json()
    assert record["inspections"][0]["id"] == old["inspection"]  # the first recorded stays
    assert record["penalties"][0]["decision_number"] == old["decision"]
    kept_aside = {row["collection"]: row for row in db.withdrawn_duplicates.find()}
    assert set(kept_aside) == {"licences", "staff", "inspections", "penalties"}
    audited = list(db.audit.find({"target": old["code"], "action": {"$regex": "duplicate_withdrawn$"}}))
    assert len(audited) == 5 and {row["actor"] for row in audited} == {"maintenance:ops"}


def test_a_second_run_finds_nothing_more_and_the_same_licence_again_is_a_conflict(db, api, old,
                                                                                  capsys):
    assert command.run(db, apply=True) == 1
    assert "0 duplicate record(s) withdrawn" in capsys.readouterr().out
    assert db.withdrawn_duplicates.count_documents({}) == 5
    licence = db.licences.find_one({"number": old["number"]})
    body = {"kind": licence["kind"], "number": old["number"],
            "issued_on": str(licence["issued_on"].date()), "expires_on": str(licence["expires_on"].date())}
    again = api.post(f"/api/v1/businesses/{old['code']}/licences", json=body, headers=old["headers"])
    assert again.status_code == 409, again.text


def test_an_inspection_stored_before_fingerprints_refuses_its_twin_after_apply(db, old, capsys):
    code, officers = old["code"], [factories.officer(db), factories.officer(db)]
    first = ObjectId(factories.inspection(db, code, officers, days_ago=9))
    db.inspections.update_one({"_id": first}, {"$unset": {"fingerprint": ""}})  # stored before
    command.run(db, apply=True)
    assert "1 older inspection(s) now refuse an identical one." in capsys.readouterr().out
    assert db.inspections.find_one({"_id": first})["fingerprint"]
    with pytest.raises(Conflict):
        factories.inspection(db, code, officers, days_ago=9)


def test_the_command_runs_from_the_shell(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "MONGODB_URI"} | {
        "MINGLIANG_DATA_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "backend", "duplicates"], capture_output=True,
                          text=True, env=env, cwd=Path(__file__).resolve().parents[3], timeout=120)
    assert done.returncode == 0, done.stderr
    assert "0 duplicate record(s) would be withdrawn; 0 left for a person. Dry run" in done.stdout
