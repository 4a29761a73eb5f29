"""A business keeps its staff current: renewed certificates replace the old ones (kept as history),
departures take members off the public page, the expiry warnings and the review form."""

import itertools

import pytest

from backend import clock
from backend.expiry import service as expiry
from backend.profiles import service as profiles
from backend.reviews import scoring
from backend.reviews import service as reviews
from backend.reviews.schemas import ReviewCreate
from backend.staff import service
from backend.staff.schemas import SEPARATE_PERSON, CertificateRenewal, Departure
from backend.users.schemas import Role
from tests import factories
from tests.backend.reviews.conftest import WordScorer
from tests.factories import ADMIN, days_from_today

_serial = itertools.count(1)


@pytest.fixture(scope="module")
def place(db, api):
    factories.unit(db, id="U-TH", districts=("天河区",))
    factories.unit(db, id="U-YX", districts=("越秀区",))
    code = factories.business(db, district="天河区")
    other = factories.business(db, district="天河区")
    headers = {
        "owner": factories.signed_in(api, db, role=Role.ENTERPRISE, business_code=code),
        "other business": factories.signed_in(api, db, role=Role.ENTERPRISE, business_code=other),
        "officer": factories.signed_in(api, db, role=Role.OFFICER,
                                       officer_id=factories.officer(db, unit_id="U-TH")),
        "far officer": factories.signed_in(api, db, role=Role.OFFICER,
                                           officer_id=factories.officer(db, unit_id="U-YX")),
        "anonymous": {}}
    return code, headers


def _member(db, code, name, *, expires_in_days=30, phone="13812345678"):
    factories.staff_member(db, code, name=name, expires_in_days=expires_in_days, phone=phone)
    return next(row for row in service.list_for(db, actor=ADMIN, code=code).data if row.name == name
                and row.current)


def _renewal(**changes):
    return {"number": "JK2026N0001", "issued_on": str(days_from_today(-1)),
            "expires_on": str(days_from_today(364))} | changes


def _public(api, code):
    return api.get(f"/api/v1/businesses/{code}").json()


def _members_shown(api, code):
    return [(row["masked_name"], row["certificate_status"]) for row in _public(api, code)["staff"]["members"]]


@pytest.mark.parametrize("who, status", [
    ("owner", 200), ("officer", 200), ("other business", 403), ("anonymous", 401), ("far officer", 403)])
def test_who_may_list_the_staff(db, api, place, who, status):
    code, headers = place
    _member(db, code, f"甲{who}")
    response = api.get(f"/api/v1/businesses/{code}/staff", headers=headers[who])
    assert response.status_code == status, response.text
    if status == 200:
        body = response.json()
        row = next(row for row in body["data"] if row["name"] == f"甲{who}")  # full names, as recorded
        assert row["id"] and row["left_on"] is None and row["current"] is True
        assert row["health_certificate_number"].startswith("JK") and row["certificate_history"] == []
        assert body["count"] == len(body["data"])
    else:
        assert response.json()["error"] in {"Unauthorized", "Forbidden"}


@pytest.mark.parametrize("who, status", [
    ("owner", 200), ("officer", 200), ("other business", 403), ("anonymous", 401), ("far officer", 403)])
def test_who_may_renew_and_record_a_departure(db, api, place, who, status):
    code, headers = place
    member = _member(db, code, f"乙{who}")
    audit_before = db.audit.count_documents({"target": code})
    renewed = api.put(f"/api/v1/businesses/{code}/staff/{member.id}/certificate", headers=headers[who],
                      json=_renewal(number=f"JK2026R{next(_serial):06d}"))
    assert renewed.status_code == status, renewed.text
    left = api.post(f"/api/v1/businesses/{code}/staff/{member.id}/departure", headers=headers[who],
                    json={"left_on": str(days_from_today(0))})
    assert left.status_code == status, left.text
    audited = db.audit.count_documents({"target": code}) - audit_before
    if status == 200:
        assert audited == 2
        newest = db.audit.find({"target": code}).sort([("at", -1), ("_id", -1)]).limit(2)
        actions = [row["action"] for row in newest]
        assert sorted(actions) == ["staff.departure", "staff.renew"]
        assert left.json()["left_on"] == str(days_from_today(0))
    else:
        assert audited == 0
        assert service.list_for(db, actor=ADMIN, code=code).data  # unchanged
        stored = db.staff.find_one({"name": f"乙{who}"})
        assert stored["health_certificate_number"] == member.health_certificate_number
        assert stored.get("left_on") is None


def test_a_renewal_keeps_the_old_certificate_and_the_page_lists_the_person_once(db, api, place):
    code, headers = place
    member = _member(db, code, "刘一手", expires_in_days=-5)
    assert ("刘**", "expired") in _members_shown(api, code)
    response = api.put(f"/api/v1/businesses/{code}/staff/{member.id}/certificate",
                       headers=headers["owner"], json=_renewal(number="jk2026r0001"))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["health_certificate_number"] == "JK2026R0001"
    assert body["certificate_expires_on"] == str(days_from_today(364))
    assert [(row["number"], row["expires_on"]) for row in body["certificate_history"]] == [
        (member.health_certificate_number, str(days_from_today(-5)))]
    shown = [row for row in _members_shown(api, code) if row[0] == "刘**"]
    assert shown == [("刘**", "valid")]
    assert "JK2026R0001" not in api.get(f"/api/v1/businesses/{code}").text  # validity, not details


@pytest.mark.parametrize("changes, status, message", [
    ({"number": "JK-2026-01"}, 422, "A health certificate number has digits and capital letters"),
    ({"issued_on": str(days_from_today(2))}, 422, "A health certificate cannot be issued in the future."),
    ({"expires_on": str(days_from_today(-30))}, 422,
     "A health certificate cannot expire before it is issued."),
    ({"issued_on": str(days_from_today(-400)), "expires_on": str(days_from_today(300))}, 422,
     "cannot be older than the current one"),
    ({"issued_on": str(days_from_today(-1)), "expires_on": str(days_from_today(5))}, 422,
     "cannot expire before the current one, which expires on"),
    ({"expires_on": "2099-12-31"}, 422, "expires_on: A health certificate is valid for at most 731 days"),
    ({"issued_on": "2026-02-30"}, 422, "issued_on: Must be a date"),
])
def test_an_unsound_renewal_is_refused_readably_and_changes_nothing(db, api, place, changes, status, message):
    code, headers = place
    member = _member(db, code, f"丙{next(_serial)}", expires_in_days=10)
    response = api.put(f"/api/v1/businesses/{code}/staff/{member.id}/certificate",
                       headers=headers["owner"], json=_renewal(number="JK2026X0001") | changes)
    assert response.status_code == status, response.text
    assert message in response.json()["detail"]
    assert db.staff.find_one({"health_certificate_number": member.health_certificate_number})
    assert db.staff.count_documents({"health_certificate_number": "JK2026X0001"}) == 0


def test_unknown_ids_departed_members_and_taken_numbers(db, api, place):
    code, headers = place
    owner = headers["owner"]
    for missing in ("0123456789abcdef01234567", "not-an-id"):
        response = api.put(f"/api/v1/businesses/{code}/staff/{missing}/certificate", headers=owner,
                           json=_renewal())
        assert response.status_code == 404
        assert response.json()["detail"] == f"No staff member of this business has the id {missing}."
    # another business's member is not this business's
    stranger = _member(db, factories.business(db), "外人")
    assert api.post(f"/api/v1/businesses/{code}/staff/{stranger.id}/departure", headers=owner,
                    json={"left_on": str(days_from_today(-1))}).status_code == 404
    taken = _member(db, code, "丁一")
    member = _member(db, code, "丁二")
    clash = api.put(f"/api/v1/businesses/{code}/staff/{member.id}/certificate", headers=owner,
                    json=_renewal(number=taken.health_certificate_number))
    assert clash.status_code == 409 and "already recorded for this business" in clash.json()["detail"]
    same = api.put(f"/api/v1/businesses/{code}/staff/{member.id}/certificate", headers=owner, json={
        "number": member.health_certificate_number, "issued_on": str(member.certificate_issued_on),
        "expires_on": str(member.certificate_expires_on)})
    assert same.status_code == 409 and "already the current one" in same.json()["detail"]
    path = f"/api/v1/businesses/{code}/staff/{member.id}"
    assert api.post(f"{path}/departure", headers=owner,
                    json={"left_on": str(days_from_today(-2))}).status_code == 200
    again = api.post(f"{path}/departure", headers=owner, json={"left_on": str(days_from_today(-1))})
    assert again.status_code == 409
    assert again.json()["detail"] == f"丁二 is already recorded as having left on {days_from_today(-2)}."
    late = api.put(f"{path}/certificate", headers=owner, json=_renewal(number="JK2026L0001"))
    assert late.status_code == 409
    assert "a former member's certificate is not renewed" in late.json()["detail"]


@pytest.mark.parametrize("left_on, message", [
    (days_from_today(1), "A departure cannot be recorded for a day ahead."),
    (days_from_today(-800), "cannot have left before their first health certificate"),
    ("yesterday", "left_on: Must be a date"),
])
def test_an_unsound_departure_is_refused(db, api, place, left_on, message):
    code, headers = place
    member = _member(db, code, f"戊{next(_serial)}")
    response = api.post(f"/api/v1/businesses/{code}/staff/{member.id}/departure",
                        headers=headers["owner"], json={"left_on": str(left_on)})
    assert response.status_code == 422 and message in response.json()["detail"]
    assert db.staff.find_one({"name": member.name}).get("left_on") is None


def test_a_former_member_leaves_the_page_and_the_review_form_but_old_reviews_stay(db, api, place,
                                                                                   generous_limits):
    code = factories.business(db)
    member = _member(db, code, "高小洋")
    stayed = _member(db, code, "钟大力")
    staff_ids = {row["masked_name"]: row["staff_id"] for row in _public(api, code)["grades"]["staff"]}
    old = staff_ids["高**"]
    reviews.submit(db, actor=None, client="10.1.0.1", code=code,
                   data=ReviewCreate(text="高小洋服务很好", staff_id=old))
    scoring.use(WordScorer())
    try:
        scoring.score_pending(db)
    finally:
        scoring.use(None)
    service.record_departure(db, actor=ADMIN, code=code, member_id=member.id,
                             data=Departure(left_on=clock.today()))
    record = _public(api, code)
    assert [row["masked_name"] for row in record["staff"]["members"]] == ["钟**"]
    assert [row["masked_name"] for row in record["grades"]["staff"]] == ["钟**"]  # stars, form choices
    assert record["reviews"][0]["staff_id"] == old and "高小洋" not in record["reviews"][0]["text"]
    listed = api.get(f"/api/v1/businesses/{code}/reviews")
    assert listed.status_code == 200 and listed.json()["data"][0]["staff_id"] == old
    refused = api.post(f"/api/v1/businesses/{code}/reviews", json={"text": "又来了", "staff_id": old})
    assert refused.status_code == 422
    assert "That staff member does not work at this business." in refused.json()["detail"]
    kept = api.post(f"/api/v1/businesses/{code}/reviews",
                    json={"text": "钟大力也不错", "staff_id": staff_ids["钟**"]})
    assert kept.status_code == 201, kept.text
    assert stayed.current


def test_reviews_name_a_member_by_the_same_handle_after_a_renewal(db, api, place):
    code = factories.business(db)
    member = _member(db, code, "黎明亮")
    before = _public(api, code)["grades"]["staff"][0]["staff_id"]
    service.renew(db, actor=ADMIN, code=code, member_id=member.id, data=CertificateRenewal(
        number="JK2026H0001", issued_on=clock.today(), expires_on=days_from_today(365)))
    assert _public(api, code)["grades"]["staff"][0]["staff_id"] == before


def _stored_before_renewals(db, code):
    """The business's members as rows stored before renewals had a step of their own."""
    db.staff.update_many({"business_code": code}, {"$unset": {SEPARATE_PERSON: ""}})
    profiles.rebuild(db, code=code)


def test_two_old_records_of_one_person_show_once_two_namesakes_twice(db, api):
    """Before renewals, a business could only record a renewed certificate as a second member."""
    code = factories.business(db)
    _member(db, code, "王伟", expires_in_days=-20)
    _member(db, code, "王伟", expires_in_days=300)
    _member(db, code, "李娜", expires_in_days=100, phone="13800000001")
    _member(db, code, "李娜", expires_in_days=200, phone="13800000002")  # another 李娜
    _stored_before_renewals(db, code)
    assert sorted(_members_shown(api, code)) == [("李*", "valid"), ("李*", "valid"), ("王*", "valid")]
    listed = service.list_for(db, actor=ADMIN, code=code).data
    assert sorted((row.name, row.current) for row in listed) == [
        ("李娜", True), ("李娜", True), ("王伟", False), ("王伟", True)]


def test_namesakes_added_as_members_are_two_people(db, api, place):
    """李娜 the cook and 李娜 the cashier, no phone given: both on the page, both renewable, both
    warned about; only a renewal replaces a certificate."""
    code = factories.business(db)
    owner = factories.signed_in(api, db, role=Role.ENTERPRISE, business_code=code)
    for position, number, days in (("帮厨", "4401062026QA0003", 5), ("收银员", "4401062026QA0004", 300)):
        response = api.post(f"/api/v1/businesses/{code}/staff", headers=owner, json={
            "name": "李娜", "position": position, "health_certificate_number": number,
            "certificate_issued_on": str(days_from_today(days - 365)),
            "certificate_expires_on": str(days_from_today(days))})
        assert response.status_code == 201, response.text
    assert sorted(_members_shown(api, code)) == [("李*", "expiring"), ("李*", "valid")]
    assert _public(api, code)["staff"]["total"] == 2
    listed = service.list_for(db, actor=ADMIN, code=code).data
    assert [(row.position, row.current) for row in listed] == [("收银员", True), ("帮厨", True)]
    cook = next(row for row in listed if row.position == "帮厨")
    expiry.scan(db)
    assert any("4401062026QA0003" in notice["text"] for notice in db.notice_outbox.find(
        {"business_code": code}))
    renewed = api.put(f"/api/v1/businesses/{code}/staff/{cook.id}/certificate", headers=owner,
                      json=_renewal(number="4401062026QA0005"))
    assert renewed.status_code == 200, renewed.text
    assert sorted(_members_shown(api, code)) == [("李*", "valid"), ("李*", "valid")]


def test_a_member_stored_before_departures_were_recorded_can_leave_and_be_renewed(db, api, place):
    code = factories.business(db)
    now = clock.now()
    for name, number in (("老张", "JK2020OLD001"), ("老李", "JK2020OLD002")):
        db.staff.insert_one({"business_code": code, "name": name, "position": "厨师", "phone": "",
                             "health_certificate_number": number,
                             "certificate_issued_on": clock.to_stored(days_from_today(-300)),
                             "certificate_expires_on": clock.to_stored(days_from_today(65)),
                             "created_at": now})   # no left_on at all
    ids = {row.name: row.id for row in service.list_for(db, actor=ADMIN, code=code).data}
    assert {row.left_on for row in service.list_for(db, actor=ADMIN, code=code).data} == {None}
    service.renew(db, actor=ADMIN, code=code, member_id=ids["老张"], data=CertificateRenewal(
        number="JK2026NEW001", issued_on=clock.today(), expires_on=days_from_today(365)))
    service.record_departure(db, actor=ADMIN, code=code, member_id=ids["老李"],
                             data=Departure(left_on=clock.today()))
    assert db.staff.find_one({"name": "老张"})["health_certificate_number"] == "JK2026NEW001"
    assert _members_shown(api, code) == [("老*", "valid")]

