"""Writes that would leave garbage on a public page are refused: numbers out of their kind's
format (422), an identical record sent twice (409, still one record), implausible dates (422)."""

import pytest

from backend.users.schemas import Role
from tests import factories


@pytest.fixture(scope="module")
def desk(db, api):
    code = factories.business(db)
    officers = [factories.officer(db), factories.officer(db)]
    headers = factories.signed_in(api, db, role=Role.ADMIN)
    return {"code": code, "officers": officers, "headers": headers}


def _licence(**changes):
    return {"kind": "food_business_licence", "number": "JY24401060000777",
            "issued_on": str(factories.days_from_today(-30)),
            "expires_on": str(factories.days_from_today(1500))} | changes


def _staff(**changes):
    return {"name": "陈大厨", "position": "厨师", "health_certificate_number": "440106202400000011",
            "certificate_issued_on": str(factories.days_from_today(-30)),
            "certificate_expires_on": str(factories.days_from_today(335))} | changes


def _inspection(desk, **changes):
    return {"business_code": desk["code"], "date": str(factories.days_from_today(-7)),
            "source": "routine", "officer_ids": desk["officers"], "result": "compliant",
            "checked_items": ["许可证公示"]} | changes


def _penalty(desk, **changes):
    decided_on = factories.days_from_today(-2)
    return {"business_code": desk["code"], "decision_number": f"穗天市监罚〔{decided_on.year}〕31号",
            "facts": "未公示许可证", "legal_basis": "《食品安全法》", "measures": ["warning"],
            "decided_on": str(decided_on)} | changes


def _post(api, desk, what, body):
    paths = {"licence": f"/api/v1/businesses/{desk['code']}/licences",
             "staff": f"/api/v1/businesses/{desk['code']}/staff",
             "inspection": "/api/v1/inspections", "penalty": "/api/v1/penalties"}
    return api.post(paths[what], json=body, headers=desk["headers"])


@pytest.mark.parametrize("what, changes, message", [
    ("licence", {"kind": "business_licence", "number": "0000"},
     "A business licence's number is the business's unified social credit code"),
    ("licence", {"number": "JY44010600001"}, "JY followed by 14 digits"),
    ("licence", {"kind": "food_production_licence", "number": "JY24401060000777"},
     "SC followed by 14 digits"),
    ("licence", {"kind": "special_equipment_registration", "number": "电梯登记证"},
     "at least one digit"),
    ("staff", {"health_certificate_number": "HC-陈-1"}, "health_certificate_number: "),
    ("penalty", {"decision_number": "罚单2026-1"}, "decision_number: A decision number reads like"),
    ("penalty", {"decision_number": "穗天市监罚〔1999〕31号"}, "must be the year of the decision"),
])
def test_a_number_out_of_its_format_is_refused_and_nothing_stored(db, api, desk, what, changes,
                                                                  message):
    body = _penalty(desk, **changes) if what == "penalty" else \
        {"licence": _licence, "staff": _staff}[what](**changes)
    before = sum(db[name].count_documents({}) for name in ("licences", "staff", "penalties"))
    response = _post(api, desk, what, body)
    assert response.status_code == 422, response.text
    assert message in response.json()["detail"]
    assert sum(db[name].count_documents({}) for name in ("licences", "staff", "penalties")) == before


def test_a_business_licence_carries_the_credit_code(api, desk):
    body = _licence(kind="business_licence", number=desk["code"].lower(), expires_on=None)
    assert _post(api, desk, "licence", body).status_code == 201
    shown = api.get(f"/api/v1/businesses/{desk['code']}").json()["licences"]
    assert desk["code"] in [row["number"] for row in shown]


def test_bracket_variants_of_a_decision_number_are_stored_in_one_form(db, api, desk):
    decided_on = factories.days_from_today(-2)
    body = _penalty(desk, decision_number=f"穗天市监罚({decided_on.year})32号")
    response = _post(api, desk, "penalty", body)
    assert response.status_code == 201, response.text
    assert response.json()["decision_number"] == f"穗天市监罚〔{decided_on.year}〕32号"
    again = _post(api, desk, "penalty", body | {"decision_number": f"穗天市监罚[{decided_on.year}]32号"})
    assert again.status_code == 409


@pytest.mark.parametrize("what, collection", [
    ("licence", "licences"), ("staff", "staff"), ("inspection", "inspections"),
    ("penalty", "penalties")])
def test_an_identical_record_sent_twice_is_a_conflict(db, api, desk, what, collection):
    body = {"licence": _licence(), "staff": _staff(), "inspection": _inspection(desk),
            "penalty": _penalty(desk)}[what]
    before = db[collection].count_documents({})
    assert _post(api, desk, what, body).status_code == 201
    again = _post(api, desk, what, body)
    assert again.status_code == 409, again.text
    assert again.json()["error"] == "Conflict" and "already recorded" in again.json()["detail"]
    assert db[collection].count_documents({}) == before + 1


def test_the_same_officers_in_another_order_are_the_same_inspection(api, desk):
    body = _inspection(desk, date=str(factories.days_from_today(-8)))
    assert _post(api, desk, "inspection", body).status_code == 201
    swapped = body | {"officer_ids": desk["officers"][::-1]}
    assert _post(api, desk, "inspection", swapped).status_code == 409
    other_result = swapped | {"result": "basically_compliant", "items_found": ["地面积水"],
                              "rectification_deadline": str(factories.days_from_today(3))}
    assert _post(api, desk, "inspection", other_result).status_code == 201


@pytest.mark.parametrize("what, changes, message", [
    ("licence", {"issued_on": +1}, "A licence cannot be issued in the future."),  # days from today
    ("staff", {"certificate_issued_on": +2}, "A health certificate cannot be issued in the future."),
    ("inspection", {"date": +1}, "An inspection cannot be dated in the future."),
    ("licence", {"issued_on": "1949-09-30"}, "A date before 1949-10-01"),
    ("staff", {"certificate_issued_on": "1900-01-01"}, "A date before 1949-10-01"),
    ("inspection", {"date": "1931-05-01"}, "A date before 1949-10-01"),
    ("penalty", {"decided_on": "1948-12-31", "decision_number": "穗天市监罚〔1948〕1号"},
     "A date before 1949-10-01"),
])
def test_an_implausible_date_is_refused(db, api, desk, what, changes, message):
    # days from today counted when the test runs, not when it is collected (a run crossing the
    # municipality's midnight took tomorrow for today)
    changes = {k: str(factories.days_from_today(v)) if isinstance(v, int) else v for k, v in changes.items()}
    body = {"licence": _licence, "staff": _staff}[what](**changes) if what in ("licence", "staff") \
        else {"inspection": _inspection, "penalty": _penalty}[what](desk, **changes)
    response = _post(api, desk, what, body)
    assert response.status_code == 422, response.text
    assert message in response.json()["detail"]


@pytest.fixture(scope="module")
def young(db, desk):
    """A business established 100 days ago, with the desk's officers and administrator."""
    return desk | {"code": factories.business(db, established_on=factories.days_from_today(-100))}


@pytest.mark.parametrize("what, changes", [
    ("licence", {"issued_on": str(factories.days_from_today(-101))}),
    ("inspection", {"date": str(factories.days_from_today(-150))}),
    ("penalty", {"decided_on": str(factories.days_from_today(-365))}),
])
def test_no_record_is_dated_before_the_business_was_established(api, young, what, changes):
    if what == "penalty":
        changes["decision_number"] = f"穗天市监罚〔{changes['decided_on'][:4]}〕77号"
    body = _licence(**changes) if what == "licence" else \
        {"inspection": _inspection, "penalty": _penalty}[what](young, **changes)
    response = _post(api, young, what, body)
    assert response.status_code == 422, response.text
    established = str(factories.days_from_today(-100))
    assert f"is before the business was established on {established}" in response.json()["detail"]


def test_a_record_on_the_day_the_business_was_established_is_kept(api, young):
    day = str(factories.days_from_today(-100))
    assert _post(api, young, "licence", _licence(issued_on=day)).status_code == 201
    found = api.get(f"/api/v1/businesses/{young['code']}").json()
    assert found["business"]["established_on"] == day


def test_a_business_cannot_be_established_in_the_future(api, desk):
    body = {"code": factories.valid_code(), "name": "未来餐馆", "trade": "catering",
            "address": "天河区体育西路1号", "district": "天河区",
            "established_on": str(factories.days_from_today(1))}
    response = api.post("/api/v1/businesses", json=body, headers=desk["headers"])
    assert response.status_code == 422, response.text
    assert "A business cannot be established in the future." in response.json()["detail"]
    assert api.get(f"/api/v1/businesses/{body['code']}").status_code == 404
