"""The grid → officer mapping: administrators change it, only to an officer who works there."""

import pytest

from backend.users.schemas import Role
from tests import factories


@pytest.mark.parametrize(("role", "status"), [
    (None, 401), (Role.CONSUMER, 403), (Role.ENTERPRISE, 403), (Role.OFFICER, 403), (Role.ADMIN, 200),
])
def test_who_may_map_a_grid(api, db, role, status):
    officer = factories.officer(db, unit_id="U-TH")
    bound = {Role.OFFICER: {"officer_id": officer},
             Role.ENTERPRISE: {"business_code": factories.business(db)}}.get(role, {})
    headers = factories.signed_in(api, db, role=role, **bound) if role else {}
    response = api.put("/api/v1/grids/天河区/TH-07", json={"officer_id": officer}, headers=headers)
    assert response.status_code == status, response.text
    if status == 200:
        listed = api.get("/api/v1/grids", params={"district": "天河区", "pageSize": 100},
                         headers=headers).json()
        assert {"district": "天河区", "grid": "TH-07", "officer_id": officer} in listed["data"]
        assert listed["meta"]["totalCount"] >= 1


def test_only_an_officer_of_that_district(api, db):
    factories.unit(db, id="U-YX", districts=("越秀区",))
    stranger = factories.officer(db, unit_id="U-YX")
    headers = factories.signed_in(api, db, role=Role.ADMIN)
    response = api.put("/api/v1/grids/天河区/TH-08", json={"officer_id": stranger}, headers=headers)
    assert response.status_code == 422 and stranger in response.json()["detail"]


@pytest.mark.parametrize(("grid", "message"), [
    ("x" * 41, "at most 40 characters"), ("TH%01", "U+0001")])
def test_a_grid_is_named_as_a_business_names_it(api, db, grid, message):
    officer = factories.officer(db, unit_id="U-TH")
    headers = factories.signed_in(api, db, role=Role.ADMIN)
    response = api.put(f"/api/v1/grids/天河区/{grid}", json={"officer_id": officer}, headers=headers)
    assert response.status_code == 422 and message in response.json()["detail"]
