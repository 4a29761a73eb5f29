"""The public record of one business (全科档案), as the API and the QR page show it."""

import json

import pytest
from fastapi.encoders import jsonable_encoder

from backend import clock
from backend.profiles import service as profiles
from tests import factories

STAFF = {"欧阳娜娜": -5, "张三丰": 30, "李四": 200}  # name: days until the certificate expires
PHONE = "13987654321"


@pytest.fixture(scope="module")
def shop(db):
    code = factories.business(db, name="明亮小厨")
    officers = [factories.officer(db, name="周正"), factories.officer(db, name="吴明")]
    licences = {days: factories.licence(db, code, expires_in_days=days) for days in (-1, 0, 90, 91)}
    # long-term: a business licence may be, a food licence never is
    licences[None] = factories.licence(db, code, expires_in_days=None, kind="business_licence", number=code)
    for name, days in STAFF.items():
        factories.staff_member(db, code, name=name, expires_in_days=days, phone=PHONE)
    for days_ago, result in ((30, "compliant"), (2, "non_compliant"), (90, "basically_compliant")):
        factories.inspection(db, code, officers, days_ago=days_ago, result=result)
    penalties = {
        "recent warning": factories.penalty(db, code, days_ago=10, measures=("warning",), fine_yuan=0),
        "old warning": factories.penalty(db, code, days_ago=100, measures=("warning",), fine_yuan=0),
        "old big fine": factories.penalty(db, code, days_ago=400, fine_yuan=50_000),
        "ancient revocation": factories.penalty(db, code, days_ago=1200,
                                                measures=("licence_revocation",)),
    }
    for days_ago, item in ((5, "鸡蛋"), (1, "猪肉"), (3, "大米")):
        factories.purchase(db, code, item=item, days_ago=days_ago)
    for days_ago, item in ((4, "豆芽"), (0, "青菜"), (2, "韭菜")):
        factories.rapid_test(db, code, item=item, days_ago=days_ago)
    return {"code": code, "officers": officers, "licences": licences, "penalties": penalties}


@pytest.fixture(scope="module")
def record(api, shop):
    response = api.get(f"/api/v1/businesses/{shop['code']}")
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize("days, status", [
    (-1, "expired"), (0, "expiring"), (90, "expiring"), (91, "valid"), (None, "valid")])
def test_licence_status_and_days_left(shop, record, days, status):
    shown = {row["number"]: row for row in record["licences"]}[shop["licences"][days]]
    assert shown["status"] == status
    assert shown["days_left"] == days


def test_staff_are_summarised_by_certificate_status(record):
    staff = record["staff"]
    assert (staff["total"], staff["valid"], staff["expiring"], staff["expired"]) == (3, 1, 1, 1)
    shown = {member["masked_name"]: member["certificate_status"] for member in staff["members"]}
    assert shown == {"欧***": "expired", "张**": "expiring", "李*": "valid"}


def test_no_personal_detail_of_staff_is_published(record):
    published = json.dumps(record, ensure_ascii=False)
    for name in STAFF:
        assert name not in published
    assert PHONE not in published and "JK" not in published
    assert all(set(member) == {"masked_name", "position", "certificate_status",
                               "certificate_expires_on"} for member in record["staff"]["members"])


def test_the_inspection_still_public_with_its_officers(db, shop, record):
    inspections = record["inspections"]  # public until the next one: the newest alone
    assert [row["result"] for row in inspections] == ["non_compliant"]
    assert db.inspections.count_documents({"business_code": shop["code"]}) == 3  # kept, not shown
    assert inspections[0]["items_found"] == ["后厨地面有积水"]
    assert inspections[0]["rectification_deadline"] == str(factories.days_from_today(10))
    officers = inspections[0]["officers"]
    assert [officer["id"] for officer in officers] == shop["officers"]
    assert [officer["name"] for officer in officers] == ["周正", "吴明"]
    assert all(officer["badge_number"] for officer in officers)


def test_penalties_show_only_inside_their_publication_period(db, shop, record):
    numbers = shop["penalties"]
    shown = [row["decision_number"] for row in record["penalties"]]
    assert shown == [numbers["recent warning"], numbers["old big fine"]]  # newest first
    assert db.penalties.count_documents({"business_code": shop["code"]}) == 4  # kept, not shown


def test_purchases_and_rapid_tests_newest_first(record):
    assert [row["item"] for row in record["purchases"]] == ["猪肉", "大米", "鸡蛋"]
    assert [row["item"] for row in record["rapid_tests"]] == ["青菜", "韭菜", "豆芽"]
    assert record["purchases"][0]["purchased_on"] == str(factories.days_from_today(-1))


def test_api_shows_the_same_record_the_qr_page_reads(db, shop, record):
    from_service = jsonable_encoder(profiles.public_record(db, code=shop["code"]))
    assert record == from_service
    assert record["business"]["name"] == "明亮小厨"
    assert record["as_of"] == str(factories.days_from_today(0))


def test_statuses_and_publication_are_judged_on_the_day_read(db, shop):
    later = profiles.public_record(db, code=shop["code"], today=factories.days_from_today(81))
    by_number = {row.number: row.status for row in later.licences}
    assert by_number[shop["licences"][0]] == "expired"
    assert by_number[shop["licences"][91]] == "expiring"
    shown = [row.decision_number for row in later.penalties]
    assert shop["penalties"]["recent warning"] not in shown  # its three months have run out
    assert shop["penalties"]["old big fine"] in shown
    assert later.staff.expired == 2


def test_only_the_ten_newest_purchases_are_kept_on_the_page(db, api):
    code = factories.business(db)
    for days_ago in range(12):
        factories.purchase(db, code, item=f"食材{days_ago:02d}", days_ago=days_ago)
    purchases = api.get(f"/api/v1/businesses/{code}").json()["purchases"]
    assert [row["item"] for row in purchases] == [f"食材{n:02d}" for n in range(10)]


@pytest.mark.parametrize("established_on", [factories.days_from_today(-3650), None])
def test_the_profile_carries_the_founding_date_where_the_registration_gives_one(db, api,
                                                                                established_on):
    code = factories.business(db, established_on=established_on)
    stored = db.public_profiles.find_one({"_id": code})["business"]
    assert stored.get("established_on") == (clock.to_stored(established_on)
                                            if established_on else None)
    shown = api.get(f"/api/v1/businesses/{code}").json()["business"]
    assert shown["established_on"] == (str(established_on) if established_on else None)
