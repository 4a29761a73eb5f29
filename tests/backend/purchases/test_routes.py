"""Purchase checks (进货查验) and rapid tests (快检) recorded by the business itself."""

import pytest

from backend.users.schemas import Role
from tests import factories


@pytest.fixture(scope="module")
def shop(db, api):
    code = factories.business(db)
    return code, factories.signed_in(api, db, role=Role.ENTERPRISE, business_code=code)


def purchase(**changes):
    return {"item": "鲜猪肉", "supplier": "广州市食品公司", "batch": "P2026-01", "quantity": "20kg",
            "purchased_on": str(factories.days_from_today(-1))} | changes


def rapid_test(**changes):
    return {"item": "菠菜", "test": "农药残留", "tested_on": str(factories.days_from_today(0)),
            "result": "fail"} | changes


def test_records_show_newest_first_on_the_public_record(api, shop):
    code, headers = shop
    for days_ago, item in ((3, "牛肉"), (0, "鸡肉"), (8, "羊肉")):
        body = purchase(item=item, purchased_on=str(factories.days_from_today(-days_ago)))
        assert api.post(f"/api/v1/businesses/{code}/purchases", json=body,
                        headers=headers).status_code == 201
    assert api.post(f"/api/v1/businesses/{code}/rapid-tests", json=rapid_test(),
                    headers=headers).status_code == 201
    record = api.get(f"/api/v1/businesses/{code}").json()
    assert [row["item"] for row in record["purchases"]] == ["鸡肉", "牛肉", "羊肉"]
    assert record["purchases"][0]["supplier"] == "广州市食品公司"
    assert record["rapid_tests"][0] == rapid_test(batch="")


def test_the_writer_gets_the_record_back(api, shop):
    code, headers = shop
    for path, body in (("purchases", purchase()), ("rapid-tests", rapid_test())):
        answered = api.post(f"/api/v1/businesses/{code}/{path}", json=body, headers=headers).json()
        assert answered.pop("id") and answered.pop("created_at").endswith("+00:00")   # UTC, said so
        assert answered == {"batch": ""} | body | {"business_code": code}


@pytest.mark.parametrize("path, body, message", [
    ("purchases", lambda: purchase(purchased_on=str(factories.days_from_today(1))),
     "A purchase cannot be dated in the future."),
    ("rapid-tests", lambda: rapid_test(tested_on=str(factories.days_from_today(1))),
     "A rapid test cannot be dated in the future."),
    ("purchases", purchase(purchased_on="1900-01-01"), "1949-10-01"),
    ("rapid-tests", rapid_test(tested_on="0001-01-01"), "1949-10-01"),
    ("rapid-tests", rapid_test(result="unclear"), "result: "),
    ("purchases", purchase(item=""), "item: "),
    ("purchases", purchase(supplier="商" * 81), "supplier: "),
])
def test_unsound_records_are_refused_readably(api, shop, path, body, message):
    code, headers = shop
    body = body() if callable(body) else body  # a date from today, counted when the test runs
    response = api.post(f"/api/v1/businesses/{code}/{path}", json=body, headers=headers)
    assert response.status_code == 422
    assert message in response.json()["detail"]


@pytest.mark.parametrize("path, body", [
    ("purchases", purchase(purchased_on=str(factories.days_from_today(-31)))),
    ("rapid-tests", rapid_test(tested_on=str(factories.days_from_today(-31)))),
])
def test_nothing_is_dated_before_the_business_was_established(api, db, path, body):
    code = factories.business(db, established_on=factories.days_from_today(-30))
    headers = factories.signed_in(api, db, role=Role.ENTERPRISE, business_code=code)
    response = api.post(f"/api/v1/businesses/{code}/{path}", json=body, headers=headers)
    assert response.status_code == 422 and "before the business was established" in response.json()["detail"]


@pytest.mark.parametrize("code, status", [("91350100M000100Y43", 404), ("NOT-A-CODE", 422)])
def test_unknown_or_malformed_business(api, shop, code, status):
    _, headers = shop
    response = api.post(f"/api/v1/businesses/{code}/purchases", json=purchase(), headers=headers)
    assert response.status_code == status
    assert response.json()["detail"]
