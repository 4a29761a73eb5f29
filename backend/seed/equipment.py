"""Elevators and other special equipment of the businesses holding an equipment registration."""

from datetime import timedelta
from random import Random
from typing import Any

from backend.equipment.schemas import EquipmentKind
from backend.licences.schemas import LicenceKind
from backend.seed.context import Context, recorded_at, stored
from backend.seed.places import District

# 设备代码 starts with the equipment category (TSG 08 目录): 3110 traction passenger elevator, ...
KIND_CODES = {EquipmentKind.ELEVATOR: "3110", EquipmentKind.ESCALATOR: "3310",
              EquipmentKind.BOILER: "1000", EquipmentKind.PRESSURE_VESSEL: "2100",
              EquipmentKind.LIFTING_MACHINERY: "4000"}
KIND_WEIGHTS = {EquipmentKind.ELEVATOR: 70, EquipmentKind.ESCALATOR: 15,
                EquipmentKind.BOILER: 5, EquipmentKind.PRESSURE_VESSEL: 5,
                EquipmentKind.LIFTING_MACHINERY: 5}
MAINTENANCE_COMPANIES = ("广州日立电梯工程有限公司", "广州奥的斯电梯维保有限公司",
                         "广州迅达电梯服务有限公司", "广州通力电梯工程有限公司",
                         "广州市穗安特种设备维修有限公司")
PLACES = {EquipmentKind.ELEVATOR: ("1号客梯", "2号客梯", "货梯", "地下车库电梯", "消防电梯"),
          EquipmentKind.ESCALATOR: ("东侧扶梯", "西侧扶梯", "中庭扶梯"),
          EquipmentKind.BOILER: ("地下一层锅炉房", "热水锅炉"),
          EquipmentKind.PRESSURE_VESSEL: ("空压机储气罐", "后厨蒸汽发生器"),
          EquipmentKind.LIFTING_MACHINERY: ("仓库桥式起重机", "卸货区电动葫芦")}
# 使用登记证 numbers start with the category's character: 梯 lifts, 锅 boilers, 容 vessels, 起 cranes.
REGISTRATION_PREFIX = {EquipmentKind.ELEVATOR: "梯", EquipmentKind.ESCALATOR: "梯",
                       EquipmentKind.BOILER: "锅", EquipmentKind.PRESSURE_VESSEL: "容",
                       EquipmentKind.LIFTING_MACHINERY: "起"}
MAINTENANCE_OVERDUE_SHARE = 0.15  # a few are overdue, so the demo shows the warnings


def equipment(ctx: Context, index: int, business: dict[str, Any], licences: list[dict[str, Any]],
              *, district: District) -> list[dict[str, Any]]:
    """From a random stream of its own (seeded by the credit code): adding equipment to the demo
    leaves every other seeded record exactly as it was."""
    registration = next((licence for licence in licences
                         if licence["kind"] == LicenceKind.SPECIAL_EQUIPMENT_REGISTRATION), None)
    if registration is None:
        return []
    rng = Random(f"equipment:{business['code']}")
    found = []
    for serial in range(rng.randint(1, 3)):
        # The first is the elevator the registration licence (梯11粤A…) names; others vary.
        kind = EquipmentKind.ELEVATOR if serial == 0 else \
            rng.choices(tuple(KIND_WEIGHTS), weights=tuple(KIND_WEIGHTS.values()))[0]
        installed = registration["issued_on"].year
        overdue = rng.random() < MAINTENANCE_OVERDUE_SHARE
        maintained = ctx.today - timedelta(days=rng.randint(16, 60) if overdue else rng.randint(0, 14))
        number = registration["number"] if serial == 0 else \
            f"{REGISTRATION_PREFIX[kind]}{registration['number'][1:]}-{serial}"
        found.append({
            "code": f"{KIND_CODES[kind]}{district.division}{installed}{index:07d}{serial}",
            "registration_number": number, "kind": kind.value,
            "business_code": business["code"], "business_name": business["name"],
            "district": business["district"], "place": rng.choice(PLACES[kind]),
            "maintenance_company": rng.choice(MAINTENANCE_COMPANIES),
            "last_maintained_on": stored(maintained),
            "next_inspection_on": registration["expires_on"],
            "created_at": recorded_at(registration["issued_on"].date()),
            "updated_at": recorded_at(maintained)})
    return found
