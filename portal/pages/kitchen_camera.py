"""One camera live (/kitchen/<camera_id>): the MJPEG stream with its detection boxes."""

from __future__ import annotations

from typing import Any

import dash

from backend.alerts import rules as alert_rules
from backend.alerts.schemas import KIND_LABELS
from backend.cameras import service as cameras
from backend.cameras.schemas import LOCATION_LABELS, STATUS_LABELS, CameraPublic
from backend.cameras.stream import view_token
from backend.database import get_db
from backend.errors import DomainError
from backend.i18n import _
from portal import page_response
from portal.auth import current_actor
from portal.components.kitchen import rules_table, when
from portal.components.sections import facts, page, problem_page, section
from portal.components.tags import dcc, html

dash.register_page(__name__, path_template="/kitchen/<camera_id>", title=lambda **_path: _("Kitchen live"))

LIVE_IMAGE = "kitchen-live"
OWN_RULES = "kitchen-camera-rules"


def layout(camera_id: str | None = None, **_query: str) -> html.Article:
    try:
        camera = cameras.can_view(get_db(), actor=current_actor(), camera_id=camera_id or "")
    except DomainError:
        return problem_page(_("Camera not found"), _("No public camera has this address."), 404)
    shown = CameraPublic.from_stored(camera)
    page_response.set_title(shown.business_name or _("Kitchen live"))
    token = "" if camera.get("public") else f"?v={view_token(shown.id)}"
    return page(
        shown.business_name or shown.business_code,
        html.Img(src=f"/kitchen/{shown.id}/stream.mjpg{token}", alt=_("Live view of {name}").format(
            name=shown.name), id=LIVE_IMAGE, className="kitchen-live", width=480, height=360),
        facts([(_("Camera"), shown.name), (_("Location"), _(LOCATION_LABELS[shown.location])),
               (_("Status"), _(STATUS_LABELS[shown.status])), (_("Last frame"), when(shown.last_frame_at)),
               (_("Business"), dcc.Link(_("Public record"), href=f"/b/{shown.business_code}"))]),
        html.P(_("Boxes show what the AI saw; red ones are possible violations, which an officer "
                 "checks before they count. Faces may be blurred."), className="muted"),
        *_own_rules(camera),
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
