"""A business's own kitchen (/me/kitchen): its cameras (add, edit), live views, its alerts to rectify."""

from __future__ import annotations

from typing import Any

import dash

from backend.alerts import service as alerts
from backend.alerts.schemas import AlertPublic, AlertStatus
from backend.cameras import service as cameras
from backend.cameras.schemas import LOCATION_LABELS, STATUS_LABELS, CameraDetail
from backend.database import get_db
from backend.errors import DomainError
from backend.i18n import _
from backend.users.schemas import Role
from portal.auth import current_actor
from portal.components.header import sign_in_url
from portal.components.kitchen import alert_row, flashed, post_form
from portal.components.sections import empty, notice, page, section
from portal.components.tags import dcc, html

dash.register_page(__name__, path="/me/kitchen", title=lambda **_path: _("My kitchen cameras"))


def layout(**_query: str) -> html.Article:
    actor = current_actor()
    if actor is None or actor.role != Role.ENTERPRISE or not actor.business_code:
        return page(_("My kitchen cameras"), notice(_("Sign in with your business's account."), "info"),
                    html.P(html.A(_("Sign in"), href=sign_in_url("/me/kitchen"))))
    db = get_db()
    try:
        mine = cameras.for_business(db, actor=actor, code=actor.business_code)
        found = alerts.list_for(db, actor=actor, page_size=50)
    except DomainError as exc:
        return page(_("My kitchen cameras"), notice(exc.translated(_), "warn"))
    return page(
        _("My kitchen cameras"), *flashed(),
        section(_("Cameras"), html.Ul([_camera(camera) for camera in mine], className="rows")
                if mine else empty(_("No camera yet.")), name="cameras"),
        section(_("Add a camera"), camera_form("/me/kitchen/cameras", None), name="add-camera"),
        section(_("Alerts"), html.Ul([_alert(alert) for alert in found.data], className="rows")
                if found.data else empty(_("No alert.")), name="alerts"),
        lead=_("Cameras in your kitchen, what the AI saw, and what you must rectify."))


def _camera(camera: CameraDetail) -> html.Li:
    return html.Li([
        html.Div([dcc.Link(camera.name, href=f"/kitchen/{camera.id}"),
                  html.Span(f" · {_(LOCATION_LABELS[camera.location])} · {_(STATUS_LABELS[camera.status])}",
                            className="muted")]),
        html.Details([html.Summary(_("Edit")), camera_form(f"/me/kitchen/cameras/{camera.id}", camera)]),
    ])


def _yes_no(name: str, value: bool) -> html.Select:
    return html.Select([html.Option(_("Yes"), value="1", selected=value),
                        html.Option(_("No"), value="0", selected=not value)], name=name, id=None)


def camera_form(action: str, camera: CameraDetail | None) -> html.Form:
    """A plain POST form (CSRF-protected); the same one adds and edits."""
    location = camera.location if camera else "kitchen"
    fields: list[Any] = [
        html.Label(_("Name")), dcc.Input(name="name", value=camera.name if camera else "", required=True,
                                         maxLength=60),
        html.Label(_("Location")),
        html.Select([html.Option(_(label), value=value.value, selected=value == location)
                     for value, label in LOCATION_LABELS.items()], name="location"),
        html.Label(_("Source address (rtsp://, http(s)://, or sim://<number> for a simulated camera)")),
        dcc.Input(name="source_url", value=camera.source_url if camera else "", required=True, maxLength=500),
        html.Label(_("Show this camera to the public")),
        _yes_no("public", camera.public if camera else False),
        html.Label(_("Blur faces in public views")),
        _yes_no("blur_faces", camera.blur_faces if camera else True),
    ]
    return post_form(action, _("Save") if camera else _("Add camera"), *fields)


def _alert(alert: AlertPublic) -> html.Li:
    actions = []
    if alert.status == AlertStatus.CONFIRMED and not alert.rectified_at:
        actions.append(post_form(f"/alerts/{alert.id}/rectify", _("Report rectification"),
                                 html.Label(_("What did you change?")),
                                 dcc.Input(name="note", required=True, maxLength=1000)))
    return alert_row(alert, actions=actions)
