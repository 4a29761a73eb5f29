"""The special-equipment QR page (/e/<code>): who uses it, who maintains it, is it overdue."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import dash

from backend import clock, i18n
from backend.database import get_db
from backend.equipment import service as equipment
from backend.equipment.schemas import KIND_LABELS, EquipmentPublic
from backend.errors import DomainError, NotFound
from backend.i18n import _
from backend.qr import signature
from backend.qr.signature import PageKind
from portal import csrf, once, page_response, sticker
from portal.components.forms import invalid, reason_beside
from portal.components.sections import facts, notice, page, problem_page, section
from portal.components.tags import dcc, html
from portal.render_cache import RenderCache
from portal.serialize import Markup, to_html


def _title(code: str | None = None, **_path: str) -> str:
    """What and where the equipment is, as the layout read it just before (also once Dash takes
    the page over)."""
    return page_response.chosen_title(code, _("Special equipment"))


dash.register_page(__name__, path_template="/e/<code>", title=_title)

VERIFIED_MARK = "equipment-verified"
FAULT_FORM = "fault-form"
FAULT_TEXT = "fault-text"
FAULT_PHONE = "fault-phone"
FAULT_ERROR = "fault-error"
_rendered: RenderCache[str] = RenderCache(size=1024)


def layout(code: str | None = None, s: str | list[str] | None = None, **_query: str) -> Any:
    item = _read(code)
    return equipment_page(item, _first(s)) if isinstance(item, EquipmentPublic) else item


def prerender(code: str | None = None, s: str | list[str] | None = None, **_query: str) -> Any:
    """The first HTML, kept while the record, the day, the language and the signature's verdict
    are unchanged; the form's CSRF token (per browser) and one-time token (per page shown) are
    filled in after the cache."""
    item = _read(code)
    if not isinstance(item, EquipmentPublic):
        return item
    signed = _first(s)
    stored = equipment.get_stored(get_db(), code=item.code)
    key = (item.code, stored.get("updated_at"), clock.today(), i18n.current_language(),
           signature.verify(item.code, signed, PageKind.EQUIPMENT), bool(signed))
    return Markup(once.fill(csrf.fill(_rendered.get_or_render(
        key, lambda: to_html(equipment_page(item, signed, cached=True))))))


def _first(value: str | list[str] | None) -> str | None:
    return value[0] if isinstance(value, list) else value


def _read(code: str | None) -> EquipmentPublic | html.Article:
    if not code:
        return problem_page(_("Equipment not found"), _("No equipment code was given."), 404, of=code)
    try:
        item = equipment.get(get_db(), code=code)
    except NotFound as exc:
        return problem_page(_("Equipment not found"), exc.translated(_), 404, of=code)
    except DomainError as exc:
        return problem_page(_("This is not a valid equipment code"), exc.translated(_),
                            exc.status_code, of=code)
    page_response.set_title(title(item), of=code)
    return item


def title(item: EquipmentPublic) -> str:
    return " · ".join(part for part in (_(KIND_LABELS[item.kind]), item.place) if part)


def equipment_page(item: EquipmentPublic, signed: str | None, *, cached: bool = False,
                   fault: dict[str, str] | None = None, error: str = "",
                   errors: Mapping[str, str] | None = None) -> html.Article:
    """`fault` and `error` refill the form after a rejected report; `errors` (field → why) mark
    the fields it refused."""
    return page(
        title(item),
        _verification(item.code, signed),
        *_warnings(item),
        facts([(_("Equipment code"), item.code),
               (_("Registration number"), item.registration_number),
               (_("User unit"), dcc.Link(item.business_name or item.business_code,
                                         href=f"/b/{item.business_code}")),
               (_("Maintenance company"), item.maintenance_company),
               (_("Last maintenance"), _day(item.last_maintained_on)),
               (_("Next inspection"), _day(item.next_inspection_on))]),
        fault_form(item.code, cached=cached, fault=fault or {}, error=error, errors=errors or {}),
        lead=_(KIND_LABELS[item.kind]),
    )


def _day(value: Any) -> str:
    return value.isoformat() if value else _("Not recorded")


def _warnings(item: EquipmentPublic) -> list[html.P]:
    found = []
    if item.maintenance_overdue:
        found.append(notice(_("Maintenance overdue: the last maintenance was more than {days} days "
                              "ago.").format(days=equipment.maintenance_days()), "bad"))
    if item.inspection_overdue:
        found.append(notice(_("Inspection overdue: the periodic inspection was due on {date}.")
                            .format(date=_day(item.next_inspection_on)), "bad"))
    return found or [notice(_("Maintenance and periodic inspection are up to date."), "ok")]


def _verification(code: str, signed: str | None) -> html.Div:
    return sticker.verification(code, signed, kind=PageKind.EQUIPMENT, mark_id=VERIFIED_MARK, forged=_(
        "Warning: this page's signature is wrong. The QR code you scanned may be forged."), unsigned=_(
        # the sticker's general words name a shop's name and address: none here
        "Warning: this address has no official signature. If you scanned a QR code, it may not be "
        "the regulator's sticker; check that the equipment code and the user unit below match "
        "the registration sign on the equipment."))


def fault_form(code: str, *, cached: bool, fault: dict[str, str], error: str,
               errors: Mapping[str, str]) -> html.Section:
    """A plain form posted to the server: works before (or without) any script."""
    message = [html.Div(notice(error, "bad"), id=FAULT_ERROR)] if error else []
    return section(_("Report a fault"), *message, html.Form([
        html.Label(_("What is wrong with it?"), htmlFor=FAULT_TEXT),
        html.Textarea(fault.get("text", ""), id=FAULT_TEXT, name="text", required=True,
                      minLength=2, maxLength=1000, rows=3, **invalid(FAULT_TEXT, errors.get("text"))),
        *reason_beside(FAULT_TEXT, errors.get("text")),
        html.Label(_("Your phone (optional, never published)"), htmlFor=FAULT_PHONE),
        dcc.Input(id=FAULT_PHONE, name="phone", type="tel", value=fault.get("phone", ""),
                  maxLength=20, autoComplete="tel", **invalid(FAULT_PHONE, errors.get("phone"))),
        *reason_beside(FAULT_PHONE, errors.get("phone")),
        csrf.field(cached=cached),
        once.field(cached=cached),
        html.Button(_("Send report"), type="submit"),
    ], id=FAULT_FORM, method="post", action=f"/e/{code}/fault", className="form"), name="fault")
