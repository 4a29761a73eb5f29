"""QR-page section on a business's special equipment (特种设备): each piece linked to its own page."""

from __future__ import annotations

from urllib.parse import quote

from backend.equipment.schemas import KIND_LABELS, EquipmentListed, EquipmentSummary
from backend.i18n import _
from portal.components.badges import badge
from portal.components.sections import section
from portal.components.tags import dcc, html


def _piece(item: EquipmentListed) -> html.Li:
    name = " · ".join(part for part in (_(KIND_LABELS[item.kind]), item.place) if part)
    return html.Li([dcc.Link(name, href=f"/e/{quote(item.code, safe='')}"),
                    " ", badge(_("Overdue"), "bad") if item.overdue else None])


def equipment_section(summary: EquipmentSummary | None, code: str) -> html.Section | None:
    """None without equipment. A few lines: the rest of a large building's equipment is counted
    and left to the open-data list."""
    if summary is None:
        return None
    more = summary.count - len(summary.items)
    rest = html.P(html.A(_("{n} more: the full list as open data").format(n=more),
                         href=f"/api/v1/equipment?business_code={code}&pageSize=100"),
                  className="muted") if more > 0 else None
    return section(_("Special equipment"), html.Ul([_piece(item) for item in summary.items],
                                                   className="rows"), rest, name="equipment")
