"""GET /api/v1/notices: a business reads its own expiry notices, officers their districts'."""

import pytest

from backend.expiry import service
from backend.users.schemas import Role
from tests import factories


@pytest.fixture(scope="module")
def world(db, api):
    factories.unit(db, id="U-TH", districts=("天河区",))
    factories.unit(db, id="U-YX", districts=("越秀区",))
    mine = factories.business(db, district="天河区")
    other = factories.business(db, district="越秀区")
    factories.licence(db, mine, expires_in_days=25, number="JY24401060000925")
    factories.licence(db, other, expires_in_days=5, number="JY24401060000905")
    service.scan(db)
    return {
        "mine": mine, "other": other,
        "enterprise": factories.signed_in(api, db, role=Role.ENTERPRISE, business_code=mine),
        "officer": factories.signed_in(api, db, role=Role.OFFICER,
                                       officer_id=factories.officer(db, unit_id="U-TH")),
        "consumer": factories.signed_in(api, db, role=Role.CONSUMER),
    }


def _listed(api, headers):
    response = api.get("/api/v1/notices", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def test_a_business_sees_its_own_notices(api, world):
    page = _listed(api, world["enterprise"])
    assert page["meta"]["totalCount"] == 1
    notice = page["data"][0]
    assert notice["business_code"] == world["mine"] and notice["window_days"] == 30
    assert "JY24401060000925" in notice["text"] and notice["status"] == "pending"


def test_officers_see_their_districts(api, world):
    codes = {notice["business_code"] for notice in _listed(api, world["officer"])["data"]}
    assert codes == {world["mine"]}


@pytest.mark.parametrize("who, status", [(None, 401), ("consumer", 403)])
def test_others_may_not_read_notices(api, world, who, status):
    assert api.get("/api/v1/notices", headers=world[who] if who else {}).status_code == status
