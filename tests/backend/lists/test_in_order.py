"""The red list's default criterion wants, on the cut-off day, no expired licence and no special
equipment overdue: an edition leaves out a top-graded business whose papers are not in order."""

import pytest

from backend.equipment import service as equipment
from backend.equipment.schemas import EquipmentCreate
from backend.lists import service as lists
from backend.lists.schemas import EditionPublish
from tests import factories
from tests.factories import ADMIN, days_from_today


def _lift(db, code: str, serial: int, *, inspection_in_days: int) -> None:
    equipment.register(db, actor=ADMIN, data=EquipmentCreate(
        code=f"311044010620190001{serial:02d}", registration_number=f"梯11粤A00001{serial:02d}(19)",
        kind="elevator", business_code=code, last_maintained_on=days_from_today(-2),
        next_inspection_on=days_from_today(inspection_in_days)))


@pytest.fixture(scope="module")
def edition(db):
    officers = [factories.officer(db), factories.officer(db)]
    shops = {}
    for name in ("在册大厦", "证照过期大厦", "检验逾期大厦"):
        code = shops[name] = factories.business(db, name=name, trade="special_equipment_user")
        factories.inspection(db, code, officers, days_ago=15)
        factories.licence(db, code, kind="business_licence", number=code, expires_in_days=None)
    factories.licence(db, shops["在册大厦"], kind="special_equipment_registration",
                      number="梯11粤A0000101(19)", expires_in_days=200)
    _lift(db, shops["在册大厦"], 1, inspection_in_days=200)
    factories.licence(db, shops["证照过期大厦"], kind="special_equipment_registration",
                      number="梯11粤A0000102(19)", expires_in_days=-3)
    _lift(db, shops["检验逾期大厦"], 3, inspection_in_days=-3)
    lists.publish(db, actor=ADMIN, data=EditionPublish())
    return {entry.business_name: entry for entry in lists.entries(db, number=1)}, shops


def test_only_the_business_with_its_papers_in_order_is_on_the_red_list(edition):
    entries, _shops = edition
    assert {name: (entry.list, entry.criterion_id) for name, entry in entries.items()} == {
        "在册大厦": ("red", "r-clean")}

