"""One camera live (/kitchen/<camera_id>): the MJPEG stream with its detection boxes."""

from __future__ import annotations

from typing import Any

import dash

from backend.alerts import rule_text
from backend.alerts import rules as alert_rules
from backend.alerts.schemas import KIND_LABELS, RULED_KINDS
from backend.cameras import hours
from backend.cameras import service as cameras
from backend.cameras.schemas import LOCATION_LABELS, STATUS_LABELS, CameraDetail, CameraPublic
from backend.cameras.stream import view_token
from backend.database import get_db
from backend.errors import DomainError
from backend.i18n import _
from portal import page_response, sticker
from portal.auth import current_actor
from portal.components.kitchen import CLOSED, flashed, post_form, rules_table, when
from portal.components.sections import facts, notice, page, problem_page, section
from portal.components.tags import dcc, html

dash.register_page(__name__, path_template="/kitchen/<camera_id>", title=lambda **_path: _("Kitchen live"))

LIVE_IMAGE = "kitchen-live"
OWN_RULES = "kitchen-camera-rules"
RULES_FIELD = "camera-rules-text"


def layout(camera_id: str | None = None, s: str | list[str] | None = None, **_query: str) -> html.Article:
    return camera_page(camera_id or "", signed=s)


def camera_page(camera_id: str, draft: tuple[str, str] | None = None,
                signed: str | list[str] | None = None) -> html.Article:
    """`draft`: a refused rules form (the text as typed, the reason), shown again; `signed`: the
    sticker's signature, carried back to the business's page."""
    actor = current_actor()
    try:
        camera = cameras.can_view(get_db(), actor=actor, camera_id=camera_id)
    except DomainError:
        return problem_page(_("Camera not found"), _("No public camera has this address."), 404)
    shown = CameraPublic.from_stored(camera)
    page_response.set_title(_("{kind} – {name}").format(
        kind=_("Kitchen live"), name=shown.business_name or shown.business_code))
    token = "" if camera.get("public") else f"?v={view_token(shown.id)}"
    return page(
        shown.business_name or shown.business_code, *flashed(),
        html.Img(src=f"/kitchen/{shown.id}/stream.mjpg{token}", alt=_("Live view of {name}").format(
            name=shown.name), id=LIVE_IMAGE, className="kitchen-live", width=480, height=360),
        facts([(_("Camera"), shown.name), (_("Location"), _(LOCATION_LABELS[shown.location])),
               (_("Status"), _(STATUS_LABELS[shown.status]) + (
                   " · " + _(CLOSED) if hours.closed_now(shown.staffed_hours) else "")),
               (_("Last frame"), when(shown.last_frame_at)),
               (_("Staffed hours"), _("{hours}: outside them, anyone in view raises an alert").format(
                   hours=camera["staffed_hours"]) if camera.get("staffed_hours") else None),
               (_("Business"), dcc.Link(_("Public record"), href=f"/b/{shown.business_code}"
                                        f"{sticker.carried(shown.business_code, signed)}"))]),
        html.P(_("Boxes show what the AI saw; red ones are possible violations, which an officer "
                 "checks before they count. Faces may be blurred."), className="muted"),
        *_own_rules(camera),
        _rules_form(camera, draft) if cameras.may_set_rules(actor, camera)
        else notice(draft[1], "bad") if draft else None,  # refused to someone without the form
        html.P([dcc.Link(_("All kitchens"), href="/kitchen"), " · ",
                html.A(_("How the AI is checked"), href="/kitchen/ai")]),
        lead=_(LOCATION_LABELS[shown.location]))


def _own_rules(camera: dict[str, Any]) -> list[Any]:
    """Only where an officer set rules for this camera; the others follow /kitchen/ai."""
    overrides = camera.get("rules") or {}
    if not overrides:
        return []
    try:
        rows = alert_rules.table(camera)
    except DomainError:
        rows = alert_rules.table()
    off = [_(KIND_LABELS[kind]) for kind, rule in overrides.items() if rule is None and kind in KIND_LABELS]
    return [section(_("This camera's alert rules"), rules_table(rows, table_id=OWN_RULES),
                    html.P(_("No alert on this camera for: {kinds}.").format(kinds=", ".join(off)))
                    if off else None, name="camera-rules")]


def _rules_form(camera: dict[str, Any], draft: tuple[str, str] | None) -> html.Section:
    """Officers only: this camera's own rules as lines (empty: the published rules apply)."""
    overrides = CameraDetail.from_stored(camera).rules
    try:
        in_force = alert_rules.in_force(camera)
    except DomainError:
        in_force = alert_rules.in_force()
    text = draft[0] if draft else rule_text.format_rules(overrides, in_force)
    fields: list[Any] = [notice(draft[1], "bad")] if draft else []
    fields += [html.Label(_("Rules, one class per line"), htmlFor=RULES_FIELD),
               html.Textarea(text, id=RULES_FIELD, name="rules", rows=4, maxLength=2000),
               html.P(_("A class, frames needed of frames looked at, quiet time in minutes, confidence "
                        "floor, e.g. rat 1/5 10 0.6; or a class and off, e.g. phone off. Classes: {kinds}. "
                        "Leave empty to follow the published rules.").format(
                   kinds=", ".join(RULED_KINDS)), className="muted")]
    return section(_("Set this camera's alert rules"),
                   post_form(f"/kitchen/{camera['_id']}/rules", _("Save rules"), *fields), name="set-rules")
