"""Administrators add units (with their districts) and officer records, move an officer to another
unit, and record that one left the service: the public record stays, the accounts stop."""

import pytest

from backend.grids import service as grids
from backend.officers import service as officers
from backend.users import service as users
from backend.users.schemas import Role
from tests import factories

UNITS, OFFICERS = "/api/v1/units", "/api/v1/officers"


@pytest.fixture(scope="module")
def admin(db, api):
    return factories.signed_in(api, db, role=Role.ADMIN)


@pytest.mark.parametrize(("method", "path", "body"), [
    ("get", UNITS, None),
    ("post", UNITS, {"id": "U-X", "name": "X所", "districts": ["X区"]}),
    ("get", OFFICERS, None),
    ("post", OFFICERS, {"id": "OF-X", "name": "某人", "badge_number": "44010000001", "unit_id": "U-X"}),
    ("patch", f"{OFFICERS}/OF-X", {"in_service": False}),
])
def test_administrators_only(db, api, method, path, body):
    assert api.request(method, path, json=body).status_code == 401
    for role, bound in ((Role.CONSUMER, {}), (Role.OFFICER, {"officer_id": factories.officer(db)})):
        response = api.request(method, path, json=body,
                               headers=factories.signed_in(api, db, role=role, **bound))
        assert response.status_code == 403, response.text


def test_a_unit_with_its_districts(db, api, admin):
    response = api.post(UNITS, headers=admin, json={
        "id": "U-PY", "name": " 番禺区市场监督管理所 ", "districts": ["番禺区", " 南沙区", "番禺区"]})
    assert response.status_code == 201, response.text
    assert response.json() == {"id": "U-PY", "name": "番禺区市场监督管理所",
                               "districts": ["番禺区", "南沙区"], "officers_in_service": 0,
                               "districts_given_up": [], "tasks_moved": 0, "tasks_unassigned": 0,
                               "tasks_waiting": 0, "grids_released": 0}
    listed = api.get(UNITS, headers=admin, params={"pageSize": 100}).json()
    assert "U-PY" in [row["id"] for row in listed["data"]] and listed["meta"]["totalCount"] >= 1
    assert db.audit.find_one({"target": "unit:U-PY"})["action"] == "unit.create"


@pytest.mark.parametrize(("body", "status", "said"), [
    ({"id": "U-PY", "name": "again", "districts": ["花都区"]}, 409, "Unit U-PY already exists."),
    ({"id": "U-NS", "name": "南沙所", "districts": ["南沙区"]}, 409, "南沙区 (U-PY) already belongs to"),
    ({"id": "U-E", "name": "empty", "districts": [" "]}, 422, "Name at least one district."),
    ({"id": "U-E", "name": "empty", "districts": []}, 422, "districts: Name at least one district."),
    ({"id": "u-py", "name": "again", "districts": ["花都区"]}, 409, "Unit U-PY already exists."),
    ({"id": "U-NS", "name": "南沙所", "districts": ["南沙区", "番禺区"]}, 409,
     "南沙区 (U-PY), 番禺区 (U-PY) already belong to another unit."),
    ({"id": "U E", "name": "spaces", "districts": ["A区"]}, 422, "id: Is not in the expected form."),
    ({"id": "U-L", "name": "long", "districts": ["区" * 41]}, 422, "at most 40 characters"),
])
def test_bad_units_are_refused(db, api, admin, body, status, said):
    api.post(UNITS, headers=admin, json={"id": "U-PY", "name": "番禺所", "districts": ["番禺区", "南沙区"]})
    response = api.post(UNITS, headers=admin, json=body)
    assert response.status_code == status and said in response.json()["detail"], response.text


def test_an_officer_record_is_added_and_listed(db, api, admin):
    factories.unit(db, id="U-HD", districts=("花都区",))
    body = {"id": "OF-HD-01", "name": "陈明", "badge_number": "44011400001", "unit_id": "U-HD"}
    response = api.post(OFFICERS, headers=admin, json=body)
    assert response.status_code == 201, response.text
    assert response.json() | {"accounts": []} == body | {
        "unit_name": "U-HD 市场监督管理所", "in_service": True, "left_on": None, "accounts": []}
    assert api.post(OFFICERS, headers=admin, json=body).status_code == 409
    alike = api.post(OFFICERS, headers=admin, json=body | {"id": "of-hd-01", "badge_number": "44011400002"})
    assert alike.status_code == 409 and alike.json()["detail"] == "Officer OF-HD-01 is already registered."
    unknown = api.post(OFFICERS, headers=admin, json=body | {"id": "OF-HD-02", "unit_id": "U-NONE"})
    assert unknown.status_code == 422 and unknown.json()["detail"] == "There is no unit U-NONE."
    listed = api.get(OFFICERS, headers=admin, params={"unit_id": "U-HD"}).json()
    assert [row["id"] for row in listed["data"]] == ["OF-HD-01"]
    assert db.audit.find_one({"target": "officer:OF-HD-01"})["action"] == "officer.create"


def test_moving_an_officer_moves_their_districts(db, api, admin):
    factories.unit(db, id="U-ZC", districts=("增城区",))
    officer_id = factories.officer(db, unit_id="U-TH")
    username = factories.user(db, role=Role.OFFICER, officer_id=officer_id)
    headers = factories.token(api, username)
    grids.assign(db, actor=factories.ADMIN, district="天河区", grid="TH-99",
                 data=grids.GridAssignment(officer_id=officer_id))
    response = api.patch(f"{OFFICERS}/{officer_id}", headers=admin, json={"unit_id": "U-ZC"})
    assert response.status_code == 200 and response.json()["unit_id"] == "U-ZC"
    assert api.get("/api/v1/auth/me", headers=headers).json()["unit_districts"] == ["增城区"]
    # the old district's grid goes back to the unit's shared queue
    assert grids.responsible_officer(db, district="天河区", grid="TH-99") is None
    entry = db.audit.find_one({"target": f"officer:{officer_id}", "action": "officer.update"})
    assert (entry["before"]["unit_id"], entry["data"]["unit_id"]) == ("U-TH", "U-ZC")
    refused = api.patch(f"{OFFICERS}/{officer_id}", headers=admin, json={"unit_id": "U-NONE"})
    assert refused.status_code == 422
    assert api.patch(f"{OFFICERS}/OF-NONE", headers=admin, json={"unit_id": "U-ZC"}).status_code == 404


def test_leaving_the_service_keeps_the_record_and_stops_the_accounts(db, api, admin):
    officer_id = factories.officer(db, unit_id="U-TH", name="林退")
    username = factories.user(db, role=Role.OFFICER, officer_id=officer_id)
    headers = factories.token(api, username)
    code = factories.business(db)
    factories.inspection(db, code, [officer_id, factories.officer(db, unit_id="U-TH")], days_ago=3)
    response = api.patch(f"{OFFICERS}/{officer_id}", headers=admin, json={"in_service": False})
    assert response.status_code == 200
    assert (response.json()["in_service"], response.json()["left_on"]) == (
        False, str(factories.days_from_today(0)))
    assert api.get("/api/v1/auth/me", headers=headers).status_code == 401
    assert db.users.find_one({"username": username})["disabled"] is True
    profile = api.get(f"{OFFICERS}/{officer_id}").json()  # public, without signing in
    assert (profile["name"], profile["in_service"], profile["inspections_done"]) == ("林退", False, 1)
    assert officer_id not in [row["_id"] for row in officers.colleagues(db, unit_id="U-TH")]
    assert officers.districts_of(db, officer_id=officer_id) == []
    new = api.post("/api/v1/users", headers=admin, json={
        "username": "again.lin", "password": "a-long-password", "role": "officer", "officer_id": officer_id})
    assert new.status_code == 422 and "has left the service" in new.json()["detail"]
    back = api.patch(f"{OFFICERS}/{officer_id}", headers=admin, json={"in_service": True}).json()
    assert (back["in_service"], back["left_on"]) == (True, None)
    assert users.actor_for(db, username=username) is not None  # accounts are enabled one by one
    assert db.users.find_one({"username": username})["disabled"] is True


def test_an_unchanged_officer_writes_nothing(db, api, admin):
    officer_id = factories.officer(db, unit_id="U-TH")
    before = db.audit.count_documents({})
    response = api.patch(f"{OFFICERS}/{officer_id}", headers=admin,
                         json={"unit_id": "U-TH", "in_service": True})
    assert response.status_code == 200 and db.audit.count_documents({}) == before
    assert api.patch(f"{OFFICERS}/{officer_id}", headers=admin, json={"name": "x"}).status_code == 422
