"""GET/POST/PATCH /api/v1/equipment, fault reports and the equipment stickers."""

from datetime import datetime

import pytest

from backend import clock
from backend.paging import PageMeta
from backend.qr import signature
from backend.qr.signature import PageKind
from backend.users.schemas import Role
from tests import factories
from tests.factories import days_from_today

CODE = "31104401062019000001"


@pytest.fixture(scope="module")
def world(db, api):
    factories.unit(db, id="U-TH", districts=("天河区",))
    factories.unit(db, id="U-YX", districts=("越秀区",))
    shop = factories.business(db, name="天汇大厦", trade="special_equipment_user")
    officer = factories.officer(db, unit_id="U-TH")
    other_officer = factories.officer(db, unit_id="U-YX")
    return {
        "shop": shop,
        "officer": factories.signed_in(api, db, role=Role.OFFICER, officer_id=officer),
        "other_officer": factories.signed_in(api, db, role=Role.OFFICER, officer_id=other_officer),
        "admin": factories.signed_in(api, db, role=Role.ADMIN),
        "enterprise": factories.signed_in(api, db, role=Role.ENTERPRISE, business_code=shop),
    }


def _body(shop: str, code: str = CODE, **fields):
    return {"code": code, "registration_number": "梯11粤A0000001(19)", "kind": "elevator",
            "business_code": shop, "place": "1号客梯", "maintenance_company": "广州日立电梯工程有限公司",
            "last_maintained_on": str(days_from_today(-3)),
            "next_inspection_on": str(days_from_today(100))} | fields


@pytest.fixture(scope="module")
def registered(api, world):
    response = api.post("/api/v1/equipment", json=_body(world["shop"]), headers=world["officer"])
    assert response.status_code == 201, response.text
    late = _body(world["shop"], code="33104401062019000002", kind="escalator",
                 last_maintained_on=str(days_from_today(-20)),
                 next_inspection_on=str(days_from_today(-1)))
    assert api.post("/api/v1/equipment", json=late, headers=world["admin"]).status_code == 201
    return response.json()


@pytest.mark.parametrize("who, status", [
    (None, 401), ("enterprise", 403), ("other_officer", 403), ("officer", 201), ("admin", 201)])
def test_who_may_register(api, world, who, status):
    code = f"EQ-{who}-{status}".upper().replace("_", "-")
    headers = world[who] if who else {}
    response = api.post("/api/v1/equipment", json=_body(world["shop"], code=code), headers=headers)
    assert response.status_code == status, response.text


def test_registering_twice_conflicts(api, world, registered):
    response = api.post("/api/v1/equipment", json=_body(world["shop"]), headers=world["admin"])
    assert response.status_code == 409


def test_get_one_is_public_with_warnings(api, registered):
    item = api.get(f"/api/v1/equipment/{CODE.lower()}").json()
    assert item["code"] == CODE
    assert item["business_name"] == "天汇大厦"
    assert item["maintenance_overdue"] is False and item["inspection_overdue"] is False
    late = api.get("/api/v1/equipment/33104401062019000002").json()
    assert late["maintenance_overdue"] is True and late["inspection_overdue"] is True


def test_unknown_and_malformed_codes(api):
    assert api.get("/api/v1/equipment/99999999").status_code == 404
    assert api.get("/api/v1/equipment/电梯").status_code == 422


def test_list_is_paged_like_businesses(api, world, registered):
    page = api.get("/api/v1/equipment", params={"pageSize": 1}).json()
    assert set(page) == {"data", "meta"}
    assert set(page["meta"]) == set(PageMeta.model_fields)  # the businesses' paging, field for field
    assert page["meta"]["pageSize"] == 1 and len(page["data"]) == 1
    assert "code" in page["data"][0]
    overdue = api.get("/api/v1/equipment", params={"overdue": "true"}).json()
    assert [item["code"] for item in overdue["data"]] == ["33104401062019000002"]
    mine = api.get("/api/v1/equipment", params={"business_code": world["shop"]}).json()
    assert mine["meta"]["totalCount"] >= 2


@pytest.mark.parametrize("who, status", [
    (None, 401), ("enterprise", 403), ("other_officer", 403), ("officer", 200)])
def test_who_may_update(api, world, registered, who, status):
    headers = world[who] if who else {}
    response = api.patch(f"/api/v1/equipment/{CODE}",
                         json={"last_maintained_on": str(days_from_today(0))}, headers=headers)
    assert response.status_code == status, response.text


def test_recording_a_maintenance_clears_the_warning(api, world, registered):
    code = "33104401062019000002"
    response = api.patch(f"/api/v1/equipment/{code}",
                         json={"last_maintained_on": str(days_from_today(0))},
                         headers=world["officer"])
    assert response.json()["maintenance_overdue"] is False
    assert response.json()["inspection_overdue"] is True


def test_update_refuses_nothing_and_the_future(api, world, registered):
    assert api.patch(f"/api/v1/equipment/{CODE}", json={},
                     headers=world["officer"]).status_code == 422
    future = {"last_maintained_on": str(days_from_today(3))}
    assert api.patch(f"/api/v1/equipment/{CODE}", json=future,
                     headers=world["officer"]).status_code == 422
    for field in ("last_maintained_on", "next_inspection_on"):  # nothing before the PRC's founding
        refused = api.patch(f"/api/v1/equipment/{CODE}", json={field: "1900-01-01"}, headers=world["officer"])
        assert refused.status_code == 422 and "1949-10-01" in refused.json()["detail"]


@pytest.mark.parametrize("field", ["place", "maintenance_company"])
def test_a_change_to_null_is_refused_and_stores_nothing(api, world, registered, field):
    refused = api.patch(f"/api/v1/equipment/{CODE}", json={field: None}, headers=world["officer"])
    assert refused.status_code == 422 and "cannot be null" in refused.json()["detail"]
    assert api.get(f"/api/v1/equipment/{CODE}").status_code == 200
    assert api.get("/api/v1/equipment").status_code == 200


def test_a_fault_report_becomes_a_task_for_the_district(db, api, world, registered):
    response = api.post(f"/api/v1/equipment/{CODE}/faults",
                        json={"text": "电梯门关不上", "phone": "13800001111"})
    assert response.status_code == 201, response.text
    assert response.json()["equipment_code"] == CODE
    assert datetime.fromisoformat(response.json()["received_at"]).utcoffset() is not None  # an instant
    tasks = api.get("/api/v1/tasks", params={"source": "equipment_fault"},
                    headers=world["officer"]).json()["data"]
    task = next(task for task in tasks if task["ref"] == CODE)
    assert task["business_code"] == world["shop"]
    assert "电梯门关不上" in task["detail"]
    due = datetime.fromisoformat(task["deadline"])  # an instant (UTC): the last second of the local day
    assert clock.day_of(due).isoformat() == response.json()["answer_by"]
    hidden = api.get("/api/v1/tasks", params={"source": "equipment_fault"},
                     headers=world["other_officer"]).json()["data"]
    assert all(task["ref"] != CODE for task in hidden)
    api.post(f"/api/v1/tasks/{task['id']}/rectification", headers=world["officer"],
             json={"deadline": str(factories.days_from_today(7)), "note": "请尽快维修"})
    seen = api.get(f"/api/v1/tasks/{task['id']}", headers=world["enterprise"]).json()
    assert seen["title"] == task["title"] and CODE in seen["title"]   # which equipment, not who said it
    assert "13800001111" not in str(seen) and "电梯门关不上" not in str(seen)


def test_fault_reports_are_rate_limited(db, api, registered):
    db.rate_limits.delete_many({})
    statuses = [api.post(f"/api/v1/equipment/{CODE}/faults", json={"text": f"故障{n}"}).status_code
                for n in range(7)]
    assert statuses.count(201) == 5 and statuses[-1] == 429
    db.rate_limits.delete_many({})


def test_fault_report_needs_text(api, registered):
    assert api.post(f"/api/v1/equipment/{CODE}/faults", json={"text": ""}).status_code == 422
    phone = api.post(f"/api/v1/equipment/{CODE}/faults", json={"text": "电梯异响", "phone": "xyz"})
    assert phone.status_code == 422 and "phone: This does not look like a phone number." in phone.text
    assert api.post("/api/v1/equipment/NOPE0000/faults", json={"text": "坏了"}).status_code == 404


def test_sticker_and_qr_decode_to_the_signed_equipment_url(api, registered, read_qr):
    url = signature.sticker_url(CODE, PageKind.EQUIPMENT)
    assert f"/e/{CODE}?s=" in url
    assert read_qr(api.get(f"/qr/e/{CODE}.png").content) == [url]
    sticker = api.get(f"/qr/e/{CODE}/sticker.png")
    assert sticker.status_code == 200 and sticker.headers["content-type"] == "image/png"
    assert read_qr(sticker.content) == [url]
    pdf = api.get(f"/qr/e/{CODE}/sticker.pdf")
    assert pdf.content.startswith(b"%PDF")


def test_signatures_do_not_cross_kinds():
    business_signature = signature.sign(CODE)
    assert not signature.verify(CODE, business_signature, PageKind.EQUIPMENT)
    assert signature.verify(CODE, signature.sign(CODE, PageKind.EQUIPMENT), PageKind.EQUIPMENT)


def test_equipment_never_maintained_is_overdue_in_every_listing(api, db, world, registered):
    """No maintenance on record counts as overdue, with a business or district filter too."""
    shop = factories.business(db, district="天河区", name="从未维保大厦")
    never = _body(shop, code="33104401062019000099", last_maintained_on=None)
    assert api.post("/api/v1/equipment", json=never, headers=world["admin"]).status_code == 201
    for params in ({"overdue": "true", "business_code": shop}, {"overdue": "true", "district": "天河区"}):
        listed = api.get("/api/v1/equipment", params=params).json()["data"]
        assert "33104401062019000099" in [item["code"] for item in listed], params
    # overdue=false is the rest, not everything (it listed the overdue ones too)
    every = {item["code"] for item in api.get("/api/v1/equipment", params={"pageSize": 100}).json()["data"]}
    late = {item["code"] for item in api.get("/api/v1/equipment", params={"overdue": "true",
                                                                          "pageSize": 100}).json()["data"]}
    on_time = {item["code"] for item in api.get("/api/v1/equipment", params={"overdue": "false",
                                                                             "pageSize": 100}).json()["data"]}
    assert late and on_time and not late & on_time and late | on_time == every
