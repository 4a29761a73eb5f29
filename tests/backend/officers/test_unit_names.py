"""A unit's name is its own, but for case and surrounding spaces: two units of one name could not be
told apart on the public pages (/performance lists them by name)."""

import pytest

from backend.errors import Conflict
from backend.officers import admin
from backend.officers.schemas import UnitCreate, UnitUpdate
from backend.users.schemas import Role
from tests import factories

UNITS = "/api/v1/units"


@pytest.fixture(scope="module")
def admin_headers(db, api):
    return factories.signed_in(api, db, role=Role.ADMIN)


@pytest.fixture(scope="module", autouse=True)
def named(db):
    factories.unit(db, id="U-NA", districts=("名一区",))  # "U-NA 市场监督管理所"
    factories.unit(db, id="U-NB", districts=("名二区",))


@pytest.mark.parametrize("name", ["U-NA 市场监督管理所", " u-na 市场监督管理所  ", "U-na 市场监督管理所"])
def test_a_new_unit_may_not_take_another_units_name(db, api, admin_headers, name):
    body = {"id": "U-NEW", "name": name, "districts": ["新名区"]}
    response = api.post(UNITS, headers=admin_headers, json=body)
    assert response.status_code == 409, response.text
    assert response.json()["detail"] == f"Unit U-NA is already named {name.strip()}."
    assert db.units.find_one({"_id": "U-NEW"}) is None
    with pytest.raises(Conflict, match="Unit U-NA is already named"):
        admin.add_unit(db, actor=factories.ADMIN, data=UnitCreate(**body))


@pytest.mark.parametrize("name", ["U-NA 市场监督管理所", "u-na 市场监督管理所 ", " U-NA 市场监督管理所"])
def test_a_unit_may_not_be_renamed_to_another_units_name(db, api, admin_headers, name):
    response = api.patch(f"{UNITS}/U-NB", headers=admin_headers, json={"name": name})
    assert response.status_code == 409 and "Unit U-NA is already named" in response.json()["detail"]
    assert db.units.find_one({"_id": "U-NB"})["name"] == "U-NB 市场监督管理所"
    assert db.audit.count_documents({"target": "unit:U-NB"}) == 0
    dry = api.patch(f"{UNITS}/U-NB", headers=admin_headers, json={"name": name}, params={"dry_run": "true"})
    assert dry.status_code == 409


def test_its_own_name_is_nothing_to_change_and_another_case_of_it_a_change(db, api, admin_headers):
    same = api.patch(f"{UNITS}/U-NB", headers=admin_headers, json={"name": " U-NB 市场监督管理所 "})
    assert same.status_code == 422 and same.json()["detail"] == "Nothing to change."
    recased = api.patch(f"{UNITS}/U-NB", headers=admin_headers, json={"name": "u-nb 市场监督管理所"})
    assert recased.status_code == 200 and recased.json()["name"] == "u-nb 市场监督管理所"


def test_a_name_with_signs_is_compared_as_written(db):
    admin.add_unit(db, actor=factories.ADMIN, data=UnitCreate(id="U-SG", name="(新)所.*", districts=["符区"]))
    factories.unit(db, id="U-SX", districts=("符二区",))
    # not read as a pattern: "(新)所.*" names no other unit
    change = admin.update_unit(db, actor=factories.ADMIN, unit_id="U-SX", data=UnitUpdate(name="(新)所X"))
    assert change.name == "(新)所X"
    with pytest.raises(Conflict, match="Unit U-SG"):
        admin.update_unit(db, actor=factories.ADMIN, unit_id="U-SX", data=UnitUpdate(name="(新)所.*"))
