"""The QR pages keep their own title once Dash takes them over: the shop's name, the equipment's
kind and place, as in the server's first HTML, not a generic one."""

import re

import pytest

from backend.equipment import service as equipment
from backend.equipment.schemas import EquipmentCreate
from tests import factories
from tests.factories import ADMIN, days_from_today
from tests.portal.conftest import ENGLISH
from tests.portal.test_dash_pages import _through_dash

LIFT = "31104401062019000091"


@pytest.fixture(scope="module")
def shop(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    code = factories.business(db, name="广州市兰州云吞面", trade="special_equipment_user")
    equipment.register(db, actor=ADMIN, data=EquipmentCreate(
        code=LIFT, registration_number="梯11粤A0000091(19)", kind="elevator", business_code=code,
        place="2号客梯", maintenance_company="广州通力电梯工程有限公司",
        last_maintained_on=days_from_today(-2), next_inspection_on=days_from_today(90)))
    return code


def _first_title(site, path: str) -> str:
    return re.search(r"<title>(.*) · 明亮 Mingliang</title>", site.get(path, headers=ENGLISH).text).group(1)


def _dash_title(site, path: str) -> str:
    response = _through_dash(site, path)
    assert response.status_code == 200
    return response.json()["response"]["_pages_store"]["data"]["title"]


def test_the_qr_page_keeps_the_shop_name(site, shop):
    assert _first_title(site, f"/b/{shop}") == "广州市兰州云吞面"
    assert _dash_title(site, f"/b/{shop}") == "广州市兰州云吞面"


def test_the_equipment_page_keeps_its_kind_and_place(site, shop):
    assert _first_title(site, f"/e/{LIFT}") == _dash_title(site, f"/e/{LIFT}") == "Elevator · 2号客梯"


@pytest.mark.parametrize("path, title", [
    (f"/b/{factories.valid_code(999_997)}", "Business not found"),
    ("/b/ABC", "This is not a valid credit code"),
    ("/e/31104401062019999999", "Equipment not found"),
])
def test_a_missing_record_is_titled_so_after_a_found_one(site, shop, path, title):
    """Right after the shop's own page, in the same server: its title does not carry over."""
    _dash_title(site, f"/b/{shop}")
    assert _first_title(site, path) == _dash_title(site, path) == title
