"""What an inspection checks (检查事项) per trade, and the result that the ticked items give (三显结果)."""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from backend.businesses.schemas import Trade
from backend.i18n import N_, gettext
from backend.inspections.schemas import InspectionResult

FOOD_CHECKLIST = (
    "许可证照公示", "从业人员健康管理", "原料控制（进货查验）", "加工制作过程", "食品贮存",
    "清洗消毒", "食品添加剂使用", "虫害防控", "餐厨废弃物处置", "食品留样", "食品安全自查制度",
    "明厨亮灶设施",
)
EQUIPMENT_CHECKLIST = (
    "使用登记", "定期检验", "维护保养", "安全管理人员", "应急预案", "安全技术档案",
    "使用标志张贴",
)

# What each item is called on a page: the item itself (the record keeps it as the checklist
# names it) in the page's language.
ITEM_LABELS = {
    "许可证照公示": N_("Licences and certificates displayed"),
    "从业人员健康管理": N_("Staff health management"),
    "原料控制（进货查验）": N_("Ingredient control (checks on purchases)"),
    "加工制作过程": N_("Food preparation"),
    "食品贮存": N_("Food storage"),
    "清洗消毒": N_("Cleaning and disinfection"),
    "食品添加剂使用": N_("Use of food additives"),
    "虫害防控": N_("Pest control"),
    "餐厨废弃物处置": N_("Kitchen waste disposal"),
    "食品留样": N_("Food samples kept"),
    "食品安全自查制度": N_("Food safety self-inspection"),
    "明厨亮灶设施": N_("Bright-kitchen facilities"),
    "使用登记": N_("Registration of use"),
    "定期检验": N_("Periodic inspection"),
    "维护保养": N_("Maintenance"),
    "安全管理人员": N_("Safety managers"),
    "应急预案": N_("Emergency plan"),
    "安全技术档案": N_("Safety and technical records"),
    "使用标志张贴": N_("Use mark displayed"),
}


class Finding(StrEnum):
    """What the officer ticked for one item."""

    NO_PROBLEM = "ok"
    MINOR = "minor"  # 一般问题
    SERIOUS = "serious"  # 严重问题
    NOT_CHECKED = "not_checked"


FINDING_LABELS = {
    Finding.NO_PROBLEM: N_("No problem"),
    Finding.MINOR: N_("Minor problem"),
    Finding.SERIOUS: N_("Serious problem"),
    Finding.NOT_CHECKED: N_("Not checked"),
}


@dataclass(frozen=True)
class ItemCheck:
    item: str
    finding: Finding
    note: str = ""

    @property
    def found(self) -> str:
        """How the problem is published: the item, and what was seen when the officer said."""
        return f"{self.item}：{self.note}" if self.note else self.item


def checklist(trade: Trade | str) -> tuple[str, ...]:
    return EQUIPMENT_CHECKLIST if Trade(trade) == Trade.SPECIAL_EQUIPMENT_USER else FOOD_CHECKLIST


def result_for(findings: Iterable[Finding]) -> InspectionResult:
    """Any serious problem: 不符合; only minor ones: 基本符合; none: 符合."""
    found = set(findings)
    if Finding.SERIOUS in found:
        return InspectionResult.NON_COMPLIANT
    if Finding.MINOR in found:
        return InspectionResult.BASICALLY_COMPLIANT
    return InspectionResult.COMPLIANT


def checked_items(checks: Iterable[ItemCheck]) -> list[str]:
    return [check.item for check in checks if check.finding != Finding.NOT_CHECKED]


def item_label(item: str) -> str:
    """A checklist item in the page's language (an item no longer on any list: as recorded)."""
    return gettext(ITEM_LABELS[item]) if item in ITEM_LABELS else item


def found_label(found: str) -> str:
    """A recorded finding (the item, then `：` and what was seen) with its item in the page's
    language; a finding written otherwise stays as recorded."""
    item, separator, note = found.partition("：")
    if item not in ITEM_LABELS:
        return found
    return gettext("{item}: {note}").format(item=item_label(item), note=note) if separator \
        else item_label(item)


def items_found(checks: Iterable[ItemCheck]) -> list[str]:
    """Serious problems first: they decide the result."""
    problems = [check for check in checks if check.finding in (Finding.MINOR, Finding.SERIOUS)]
    return [check.found for check in sorted(problems, key=lambda c: c.finding != Finding.SERIOUS)]
