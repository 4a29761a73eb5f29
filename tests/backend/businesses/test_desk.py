"""The businesses desk's reads: an officer finds and corrects the unit's businesses only, an
administrator any, nobody else either."""

import pytest

from backend.businesses import service
from backend.businesses.schemas import BusinessUpdate
from backend.errors import Forbidden, Unauthorized
from backend.users.schemas import Actor, Role
from tests import factories

OFFICER = Actor(username="desk-officer", role=Role.OFFICER, officer_id="OF-D", unit_districts=["天河区"])
SHOP = Actor(username="desk-shop", role=Role.ENTERPRISE, business_code="x")


@pytest.fixture(scope="module")
def shops(db):
    return {"ours": factories.business(db, district="天河区", name="柜台面馆"),
            "theirs": factories.business(db, district="越秀区", name="柜台粥铺")}


def _names(found):
    return {row.name for row in found.data}


def test_an_officer_finds_the_units_businesses_and_an_administrator_every_one(db, shops):
    assert _names(service.desk_search(db, actor=OFFICER, text="柜台")) == {"柜台面馆"}
    assert _names(service.desk_search(db, actor=factories.ADMIN, text="柜台")) == {"柜台面馆", "柜台粥铺"}
    assert "柜台面馆" in _names(service.desk_search(db, actor=OFFICER, text=""))  # the listing
    assert "柜台粥铺" not in _names(service.desk_search(db, actor=OFFICER, text=""))
    assert _names(service.desk_search(db, actor=OFFICER, text=shops["ours"])) == {"柜台面馆"}


def test_the_desk_pages_with_its_count_one_district_at_a_time(db, shops):
    for n in range(5):
        factories.business(db, district="天河区", name=f"翻页小店{n}")
    first = service.desk_search(db, actor=OFFICER, text="翻页小店", page_size=2)
    assert (len(first.data), first.meta.totalCount, first.meta.totalPages) == (2, 5, 3)
    third = service.desk_search(db, actor=OFFICER, text="翻页小店", page_number=3, page_size=2)
    assert len(third.data) == 1 and not _names(first) & _names(third)
    with pytest.raises(Forbidden, match="越秀区"):   # another unit's district
        service.desk_search(db, actor=OFFICER, text="", district="越秀区")
    chosen = service.desk_search(db, actor=factories.ADMIN, text="柜台", district="越秀区")
    assert _names(chosen) == {"柜台粥铺"}


@pytest.mark.parametrize("actor, refusal", [(None, Unauthorized), (SHOP, Forbidden)])
def test_nobody_else_searches_the_desk(db, shops, actor, refusal):
    with pytest.raises(refusal):
        service.desk_search(db, actor=actor, text="柜台")


def test_only_those_who_may_rename_read_a_business_to_correct(db, shops):
    assert service.editable(db, actor=OFFICER, code=shops["ours"])["name"] == "柜台面馆"
    assert service.editable(db, actor=factories.ADMIN, code=shops["theirs"])["name"] == "柜台粥铺"
    for actor, code in ((OFFICER, shops["theirs"]), (SHOP, shops["ours"])):
        with pytest.raises(Forbidden):
            service.editable(db, actor=actor, code=code)
        with pytest.raises(Forbidden):
            service.rename(db, actor=actor, code=code, data=BusinessUpdate(name="改名"))


def test_the_api_registers_only_in_a_district_a_unit_covers(db, api):
    factories.unit(db, id="U-TH", districts=("天河区",))
    admin = factories.signed_in(api, db, role=Role.ADMIN)
    body = {"name": "接口登记小店", "trade": "catering", "address": "某路1号"}
    typo = api.post("/api/v1/businesses", headers=admin, json=body | {"code": factories.valid_code(),
                                                                    "district": "天河"})
    assert typo.status_code == 422 and "No unit covers the district 天河" in typo.json()["detail"]
    assert "天河" not in service.districts(db)
    covered = api.post("/api/v1/businesses", headers=admin, json=body | {"code": factories.valid_code(),
                                                                       "district": "天河区"})
    assert covered.status_code == 201
