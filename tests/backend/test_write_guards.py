"""Guards in front of every write: sign-in before validation, readable bodies, consistent records."""

import pytest

from backend.users.schemas import Role
from tests import factories


@pytest.fixture(scope="module")
def officer_headers(db, api):
    officer_id = factories.officer(db)
    return factories.token(api, factories.user(db, role=Role.OFFICER, officer_id=officer_id))


@pytest.mark.parametrize("path", ["/api/v1/inspections", "/api/v1/penalties", "/api/v1/businesses"])
def test_anonymous_write_is_401_even_with_a_bad_body(api, path):
    response = api.post(path, json={"nonsense": True})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_malformed_json_gets_a_readable_message(api, officer_headers):
    response = api.post("/api/v1/penalties", content=b"{not json",
                        headers=officer_headers | {"Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.json()["detail"] == "The request body is not valid JSON."


@pytest.mark.parametrize(("measures", "fine_yuan", "status"), [
    (["fine"], 5000, 201),
    (["warning"], 0, 201),
    (["warning"], 5000, 422),  # an amount without the fine measure
    (["fine"], 0, 422),  # a fine of nothing
])
def test_fine_amount_and_fine_measure_go_together(db, api, officer_headers, measures, fine_yuan,
                                                  status):
    code, decided_on = factories.business(db), factories.days_from_today(-3)
    serial = len(measures[0]) * 10_000 + fine_yuan  # one per row: a decision number is unique
    body = {"business_code": code, "decision_number": f"穗天市监罚〔{decided_on.year}〕{serial}号",
            "facts": "销售过期食品", "legal_basis": "《食品安全法》第一百二十四条",
            "measures": measures, "fine_yuan": fine_yuan, "decided_on": str(decided_on)}
    response = api.post("/api/v1/penalties", json=body, headers=officer_headers)
    assert response.status_code == status, response.text


def test_a_licence_issued_in_the_future_is_refused(db, api, officer_headers):
    code = factories.business(db)
    body = {"kind": "food_business_licence", "number": "JY14401060000001",
            "issued_on": str(factories.days_from_today(5))}
    response = api.post(f"/api/v1/businesses/{code}/licences", json=body, headers=officer_headers)
    assert response.status_code == 422
    assert "future" in response.json()["detail"]
    assert api.get(f"/api/v1/businesses/{code}").json()["licences"] == []


def test_a_consumer_is_told_who_may_record_staff(db, api):
    code = factories.business(db)
    headers = factories.token(api, factories.user(db, role=Role.CONSUMER))
    body = {"name": "王小明", "health_certificate_number": "JK2026000001",
            "certificate_issued_on": str(factories.days_from_today(-10)),
            "certificate_expires_on": str(factories.days_from_today(300))}
    response = api.post(f"/api/v1/businesses/{code}/staff", json=body, headers=headers)
    assert response.status_code == 403
    assert response.json()["detail"] == "Only the business itself or an enforcement officer may do this."


def test_enterprise_accounts_bind_to_the_normalised_code(db):
    from backend.users import service as users

    code = factories.business(db)
    username = factories.user(db, role=Role.ENTERPRISE, business_code=code.lower())
    assert users.actor_for(db, username=username).business_code == code
