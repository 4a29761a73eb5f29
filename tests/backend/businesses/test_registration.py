"""Registering a business: a valid, unique credit code, stored in canonical form."""

import pytest

from backend.users.schemas import Role
from tests import factories

BUSINESSES = "/api/v1/businesses"


@pytest.fixture(scope="module")
def officer(db, api):
    return factories.signed_in(api, db, role=Role.OFFICER, officer_id=factories.officer(db))


def new_business(**changes):
    return {"code": factories.valid_code(), "name": "好味道餐厅", "trade": "catering",
            "address": "天河区林和西路9号", "district": "天河区", "contact_name": "陈老板",
            "contact_phone": "13800138000"} | changes


def test_a_registered_business_gets_a_public_record(api, officer):
    body = new_business(location={"lat": 23.14, "lng": 113.32})
    response = api.post(BUSINESSES, json=body, headers=officer)
    assert response.status_code == 201, response.text
    assert response.json()["code"] == body["code"]
    record = api.get(f"{BUSINESSES}/{body['code']}").json()
    assert record["business"]["name"] == "好味道餐厅"
    assert record["business"]["location"] == {"lat": 23.14, "lng": 113.32}
    assert (record["licences"], record["inspections"], record["penalties"]) == ([], [], [])
    assert record["staff"]["total"] == 0


def test_contact_details_stay_off_the_public_record(api, officer):
    body = new_business()
    api.post(BUSINESSES, json=body, headers=officer)
    published = api.get(f"{BUSINESSES}/{body['code']}").text
    assert "陈老板" not in published and "13800138000" not in published


def test_a_lower_case_code_is_stored_in_capitals(api, officer):
    code = factories.valid_code()
    response = api.post(BUSINESSES, json=new_business(code=f" {code.lower()} "), headers=officer)
    assert response.status_code == 201
    assert response.json()["code"] == code


def test_the_same_code_cannot_be_registered_twice(db, api, officer):
    body = new_business()
    assert api.post(BUSINESSES, json=body, headers=officer).status_code == 201
    again = api.post(BUSINESSES, json=new_business(code=body["code"].lower(), name="冒名店"),
                     headers=officer)
    assert again.status_code == 409
    assert again.json()["detail"] == f"A business with credit code {body['code']} already exists."
    assert db.businesses.count_documents({"code": body["code"]}) == 1
    assert api.get(f"{BUSINESSES}/{body['code']}").json()["business"]["name"] == "好味道餐厅"


@pytest.mark.parametrize("changes, message", [
    ({"code": "91350100M000100Y44"}, "code: The check character of this credit code is wrong"),
    ({"code": "91350100M000100Y4"}, "code: A unified social credit code has 18 characters."),
    ({"code": "91350100O000100Y43"}, "code: A unified social credit code uses only digits"),
    ({"name": ""}, "name: "),
    ({"trade": "bakery"}, "trade: "),
    ({"district": ""}, "district: "),
    ({"location": {"lat": 123, "lng": 0}}, "location.lat: "),
])
def test_unsound_registrations_are_refused_readably(api, officer, changes, message):
    response = api.post(BUSINESSES, json=new_business(**changes), headers=officer)
    assert response.status_code == 422, response.text
    assert response.json()["detail"].startswith(message)
