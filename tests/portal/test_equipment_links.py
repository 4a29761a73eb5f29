"""The QR page links the business's special equipment to each piece's own page (/e/<code>), with
its overdue warning, from the one stored profile (rebuilt when equipment is registered or updated)."""

import re

import pytest

from backend.equipment import service as equipment
from backend.equipment import summary
from backend.equipment.schemas import EquipmentCreate, EquipmentUpdate
from tests import factories
from tests.factories import ADMIN, days_from_today
from tests.portal.conftest import ENGLISH

LIFT, BOILER = "31104401062019000091", "21104401062019000092"


@pytest.fixture(scope="module")
def shop(db):
    code = factories.business(db, name="恒福写字楼", trade="special_equipment_user")
    equipment.register(db, actor=ADMIN, data=EquipmentCreate(
        code=LIFT, registration_number="梯11粤A0000091(19)", kind="elevator", business_code=code,
        place="地下车库电梯", last_maintained_on=days_from_today(-2),
        next_inspection_on=days_from_today(90)))
    equipment.register(db, actor=ADMIN, data=EquipmentCreate(
        code=BOILER, registration_number="锅11粤A0000091(19)-1", kind="boiler", business_code=code,
        place="锅炉房", last_maintained_on=days_from_today(-3), next_inspection_on=days_from_today(-1)))
    return code


def _card(html: str) -> str:
    start = html.index("card-equipment")
    return html[start:html.index("</section>", start)]


def test_the_qr_page_links_each_piece_with_its_warning(site, shop):
    card = _card(site.get(f"/b/{shop}", headers=ENGLISH).text)
    assert f'href="/e/{LIFT}"' in card and f'href="/e/{BOILER}"' in card
    assert re.search(r"Boiler · 锅炉房</a>\s*<span class=\"badge badge-bad\">Overdue", card)
    assert "Elevator · 地下车库电梯</a>" in card and card.count("Overdue") == 1


def test_an_update_reaches_the_qr_page(site, db, shop):
    equipment.update(db, actor=ADMIN, code=BOILER,
                     data=EquipmentUpdate(next_inspection_on=days_from_today(300)))
    assert "Overdue" not in _card(site.get(f"/b/{shop}", headers=ENGLISH).text)


def test_a_business_without_equipment_has_no_such_section(site, db):
    code = factories.business(db, name="无设备小馆")
    assert "card-equipment" not in site.get(f"/b/{code}", headers=ENGLISH).text


def test_a_large_building_names_a_few_and_counts_the_rest():
    rows = [{"code": f"3110{n:016d}", "kind": "elevator"} for n in range(summary.SHOWN + 5)]
    shown = summary.section(rows)
    assert shown is not None and (shown["count"], len(shown["items"])) == (summary.SHOWN + 5, summary.SHOWN)
