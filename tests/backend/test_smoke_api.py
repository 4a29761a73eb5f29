"""First end-to-end check: register, record, read back through the public API."""

from backend.users.schemas import Role
from tests import factories


def test_inspection_shows_on_public_record(db, api):
    code = factories.business(db)
    a, b = factories.officer(db), factories.officer(db)
    officer_user = factories.user(db, role=Role.OFFICER, officer_id=a)
    headers = factories.token(api, officer_user)
    body = {"business_code": code, "date": str(factories.days_from_today(-1)),
            "source": "routine", "officer_ids": [a, b], "result": "non_compliant",
            "checked_items": ["环境卫生"],
            "items_found": ["后厨地面有积水"], "rectification_deadline": str(factories.days_from_today(10))}
    response = api.post("/api/v1/inspections", json=body, headers=headers)
    assert response.status_code == 201, response.text
    record = api.get(f"/api/v1/businesses/{code}").json()
    assert record["inspections"][0]["result"] == "non_compliant"
    assert record["inspections"][0]["officers"][0]["badge_number"]
