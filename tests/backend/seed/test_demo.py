"""The demo seeder: deterministic, valid codes, every badge and result shown, working accounts."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from backend import database, indexes
from backend.businesses import credit_code
from backend.licences.expiry import ExpiryStatus
from backend.privacy import mask_name
from backend.profiles import service as profiles
from backend.qr import signature
from backend.seed import demo
from backend.staff.schemas import SEPARATE_PERSON
from backend.users import service as users
from backend.users.schemas import Role

BUSINESSES = 40
SEED = 2026
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def accounts(db):
    return demo.seed(db, businesses=BUSINESSES, seed=SEED, chunk_size=15)  # several chunks


@pytest.fixture
def second_db():
    """Another fresh database beside the module's, dropped afterwards."""
    client, names = database.get_client(), []

    def make(name: str):
        names.append(name)
        client.drop_database(name)
        db = client[name]
        indexes.create_all(db)
        return db

    yield make
    for name in names:
        client.drop_database(name)


def _documents(db, collection: str) -> list[dict]:
    """Documents of a collection without their server-assigned ids, in a stable order."""
    rows = db[collection].find({}, {"_id": 0} if collection != "inspections" else None)
    return sorted(rows, key=repr)


def _codes(db) -> list[str]:
    return [row["code"] for row in db.businesses.find({}, {"code": 1})]


def test_the_same_seed_gives_the_same_documents(db, accounts, second_db):
    again = second_db("t_seed_again")
    demo.seed(again, businesses=BUSINESSES, seed=SEED)  # other chunking, same stream
    for collection in ("businesses", "licences", "staff", "inspections", "penalties", "purchases",
                       "equipment"):
        assert _documents(again, collection) == _documents(db, collection), collection


def test_another_seed_gives_other_businesses(db, accounts, second_db):
    other = second_db("t_seed_other")
    demo.seed(other, businesses=BUSINESSES, seed=SEED + 1)
    assert set(_codes(other)).isdisjoint(_codes(db))
    assert _documents(other, "businesses") != _documents(db, "businesses")


def test_credit_codes_are_valid_and_unique(db, accounts):
    codes = _codes(db)
    assert len(codes) == BUSINESSES == len(set(codes))
    assert all(credit_code.is_valid(code) for code in codes)


def test_every_business_has_a_public_profile(db, accounts):
    assert {row["_id"] for row in db.public_profiles.find({}, {"_id": 1})} == set(_codes(db))
    for code in _codes(db):
        assert profiles.public_record(db, code=code).business.code == code


def test_all_three_inspection_results_appear(db, accounts):
    assert set(db.inspections.distinct("result")) == {
        "compliant", "basically_compliant", "non_compliant"}
    for row in db.inspections.find({"result": {"$ne": "compliant"}}):
        assert row["items_found"] and row["rectification_deadline"] >= row["date"]


def test_some_licences_are_expiring_and_some_expired(db, accounts):
    statuses = {licence.status for code in _codes(db)
                for licence in profiles.public_record(db, code=code).licences}
    assert statuses == {ExpiryStatus.VALID, ExpiryStatus.EXPIRING, ExpiryStatus.EXPIRED}


def test_each_inspection_has_two_officers_of_the_district_unit(db, accounts):
    units = {unit["_id"]: unit["districts"] for unit in db.units.find()}
    officer_units = {officer["_id"]: officer["unit_id"] for officer in db.officers.find()}
    districts = {row["code"]: row["district"] for row in db.businesses.find()}
    for inspection in db.inspections.find():
        assert len(set(inspection["officer_ids"])) >= 2
        assert [ref["id"] for ref in inspection["officers"]] == inspection["officer_ids"]
        for officer_id in inspection["officer_ids"]:
            assert districts[inspection["business_code"]] in units[officer_units[officer_id]]


def test_staff_names_are_masked_in_profiles(db, accounts):
    # seeded as the papers page records a member: each a person of their own, namesakes or not
    assert db.staff.count_documents({SEPARATE_PERSON: True}) == db.staff.count_documents({}) > 0
    for profile in db.public_profiles.find():
        members = db.staff.find({"business_code": profile["_id"]})
        raw = sorted(mask_name(row["name"]) for row in members)
        assert sorted(entry["masked_name"] for entry in profile["staff"]) == raw
        for entry in profile["staff"]:
            assert "name" not in entry and "phone" not in entry
            assert entry["masked_name"][1:] == "*" * (len(entry["masked_name"]) - 1)


def test_demo_accounts_can_sign_in(db, accounts):
    assert sorted(account.role for account in accounts) == sorted(
        [Role.ADMIN, Role.OFFICER, Role.OFFICER, Role.ENTERPRISE, Role.ENTERPRISE])
    for account in accounts:
        actor = users.authenticate(db, username=account.username, password=account.password)
        assert actor.role == account.role
        if actor.role == Role.ENTERPRISE:
            assert profiles.public_record(db, code=actor.business_code or "")
            code = actor.business_code or ""
            assert account.page == f"/b/{code}?s={signature.sign(code)}"  # signed like a sticker
        if actor.role == Role.OFFICER:
            assert actor.unit_districts and account.page == f"/officers/{actor.officer_id}"


def test_print_accounts_shows_passwords_and_pages(accounts, capsys):
    demo.print_accounts(accounts)
    shown = capsys.readouterr().out
    assert all(a.password in shown and a.page in shown and a.username in shown for a in accounts)


def test_the_command_refuses_a_database_that_holds_data(tmp_path):
    env = os.environ | {"MINGLIANG_DATA_DIR": str(tmp_path), "MONGODB_URI": ""}
    command = [sys.executable, "-m", "backend.seed", "--businesses", "3", "--db-name", "cli"]
    first = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert "shop1" in first.stdout
    second = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert second.returncode == 1 and "--reset" in second.stderr


def test_the_demo_inbox_has_complaints_in_every_state(db, accounts):
    from backend.complaints import service as complaints
    from backend.tasks import service as tasks

    officer = users.actor_for(db, username="officer.tianhe")
    inbox = tasks.list_for(db, actor=officer, page_size=50).data
    assert "complaint" in {task.source for task in inbox}
    from backend.random_draw import service as random_draw

    [listed] = random_draw.listed(db, actor=None).data  # a public plan, drawn, two officers a business
    plan = random_draw.get(db, actor=None, plan_id=listed.id)
    assert plan.status == "drawn" and random_draw.verify_stored(db, plan_id=plan.id).match
    assert plan.drawn and all(len(target.officer_ids) == 2 for target in plan.drawn)
    drawn = db.tasks.find({"source": "random_draw"})
    assert sorted(task["ref"] for task in drawn) == [plan.id] * len(plan.drawn)
    assert inbox[0].overdue  # overdue first
    assert {task.status for task in inbox} >= {"open", "accepted", "result_recorded", "closed"}
    shop = users.actor_for(db, username="shop1")
    assert [task.status for task in tasks.list_for(db, actor=shop).data] == ["rectifying"]
    assert db.grid_officers.count_documents({}) > 0
    shown = [complaints.public(db, tracking_code=row["tracking_code"])
             for row in db.complaints.find({}, {"tracking_code": 1})]
    assert any(row.feedback == "satisfied" for row in shown) and any(row.reopened for row in shown)
    from backend.officers import service as officers

    # the demo officers worked their district's complaints: their pages count them as handled
    for username in ("officer.tianhe", "officer.yuexiu"):
        officer_id = users.actor_for(db, username=username).officer_id
        assert officers.public_profile(db, officer_id=officer_id).tasks_handled >= 2, username


def test_demo_equipment_shows_every_warning(db, accounts):
    from backend.equipment import service as equipment

    listed = equipment.search(db, page_size=100)
    assert listed.meta.totalCount >= 5
    assert any(item.maintenance_overdue for item in listed.data)
    assert any(not item.maintenance_overdue and not item.inspection_overdue for item in listed.data)
    registered = {licence["number"] for licence in db.licences.find(
        {"kind": "special_equipment_registration"})}
    assert {item.registration_number for item in listed.data} & registered


def test_no_lookup_index_sits_on_a_field_that_holds_arrays(db, accounts):
    """The embedded server takes a field with an index of its own for a scalar: an array there
    would stop equality from matching its elements."""
    for name in db.list_collection_names():
        for index in db[name].index_information().values():
            field = index["key"][0][0]
            if len(index["key"]) == 1 and field != "_id":
                assert db[name].find_one({field: {"$type": "array"}}) is None, (name, field)
    assert db.inspections.find_one({"officer_ids": {"$type": "array"}}) is not None


def test_demo_kitchens_keep_opening_hours_and_their_cameras_know_them(db, accounts):
    from backend.cameras import sources

    demo_cameras = list(db.cameras.find())
    assert demo_cameras and all(camera["staffed_hours"] for camera in demo_cameras)
    for camera in demo_cameras:   # the room is busy in the very hours its camera is staffed
        assert sources.open_source(camera["source_url"]).staffed_hours == camera["staffed_hours"]
    # each knows its stream, so a second camera on it is refused (the business added one and got
    # every alert twice)
    assert all(camera.get("stream_key") for camera in demo_cameras)


def test_a_scale_seed_draws_no_plan(db, accounts, monkeypatch):
    """A scale seed (a district bigger than the demo's) draws no plan: its figures time the records."""
    from backend.seed import workload
    from backend.seed.places import DISTRICTS

    monkeypatch.setattr(workload, "DRAW_AT_MOST", 0)
    before = db.draw_plans.count_documents({})
    workload._random_draw(db, DISTRICTS[0])
    assert db.draw_plans.count_documents({}) == before


def test_no_licence_or_certificate_is_issued_before_its_business_was_founded(db, accounts):
    """As the forms refuse such a day (成立日期): the demo shops' papers pass their own checks."""
    founded = {row["code"]: row["established_on"] for row in db.businesses.find()}
    early = [(row["business_code"], row["kind"], row["number"]) for row in db.licences.find()
             if row["issued_on"] < founded[row["business_code"]]]
    early += [(row["business_code"], "health certificate", row["health_certificate_number"])
              for row in db.staff.find() if row["certificate_issued_on"] < founded[row["business_code"]]]
    assert early == []
    shop = users.actor_for(db, username="shop1").business_code
    assert db.licences.count_documents({"business_code": shop}) >= 2  # its business and food licences
