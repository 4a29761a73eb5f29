"""A business's own kitchen (/me/kitchen): its cameras (add, edit), live views, its alerts to rectify."""

from __future__ import annotations

from typing import Any

import dash

from backend import clock
from backend.alerts import service as alerts
from backend.alerts.schemas import AlertPublic, AlertRectify, AlertStatus
from backend.cameras import service as cameras
from backend.cameras import zone_text
from backend.cameras.schemas import LOCATION_LABELS, STATUS_LABELS, CameraDetail, CameraFields
from backend.database import get_db
from backend.errors import DomainError
from backend.i18n import N_, _, ngettext
from backend.users.schemas import Actor, Role
from portal.auth import current_actor
from portal.components.forms import folded, limit
from portal.components.header import sign_in_url
from portal.components.kitchen import Draft, alert_row, draft_of, flashed, post_form, stray
from portal.components.sections import empty, notice, page, section
from portal.components.tags import dcc, html

dash.register_page(__name__, path="/me/kitchen", title=lambda **_path: _("My kitchen cameras"))

ADD_ACTION = "/me/kitchen/cameras"
# The rectification form's label, which its refusals name the field by too (form_errors.message).
RECTIFY_FIELDS = {"note": N_("What did you change?")}


def rectify_action(alert_id: str) -> str:
    return f"/alerts/{alert_id}/rectify"


def layout(**_query: str) -> html.Article:
    return kitchen_page(current_actor())


def kitchen_page(actor: Actor | None, draft: Draft | None = None) -> html.Article:
    if actor is None or actor.role != Role.ENTERPRISE or not actor.business_code:
        return page(_("My kitchen cameras"), notice(_("Sign in with your business's account."), "info"),
                    html.P(html.A(_("Sign in"), href=sign_in_url("/me/kitchen"))))
    db = get_db()
    try:
        mine = cameras.for_business(db, actor=actor, code=actor.business_code)
        found = alerts.list_for(db, actor=actor, page_size=50)
    except DomainError as exc:
        return page(_("My kitchen cameras"), notice(exc.translated(_), "warn"))
    forms = ({ADD_ACTION} | {f"{ADD_ACTION}/{camera.id}" for camera in mine}
             | {rectify_action(alert.id) for alert in found.data if _rectifiable(alert)})
    return page(
        _("My kitchen cameras"), *flashed(), *stray(draft, forms),
        section(_("Cameras"), html.Ul([_camera(camera, draft) for camera in mine], className="rows")
                if mine else empty(_("No camera yet.")), name="cameras"),
        section(_("Add a camera"), camera_form(ADD_ACTION, None, draft), name="add-camera"),
        section(_("Alerts"), html.Ul([_alert(alert, draft) for alert in found.data], className="rows")
                if found.data else empty(_("No alert.")), name="alerts"),
        lead=_("Cameras in your kitchen, what the AI saw, and what you must rectify."))


def _camera(camera: CameraDetail, draft: Draft | None) -> html.Li:
    action = f"{ADD_ACTION}/{camera.id}"
    zones = ngettext("{count} ignored zone", "{count} ignored zones", len(camera.zones)).format(
        count=len(camera.zones)) if camera.zones else ""
    staffed = _("staffed {hours}").format(hours=camera.staffed_hours) if camera.staffed_hours else ""
    summary = [_(LOCATION_LABELS[camera.location]), _(STATUS_LABELS[camera.status]),
               _("public") if camera.public else _("not public"), zones, staffed]
    return html.Li([
        html.Div([dcc.Link(camera.name, href=f"/kitchen/{camera.id}"),
                  html.Span(" · " + " · ".join(part for part in summary if part), className="muted")]),
        folded(_("Edit"), camera_form(action, camera, draft), open_=bool(draft and draft.action == action)),
    ])


def _yes_no(name: str, value: bool, label_id: str) -> html.Select:
    return html.Select([html.Option(_("Yes"), value="1", selected=value),
                        html.Option(_("No"), value="0", selected=not value)], name=name, id=label_id)


def stored_values(camera: CameraDetail | None) -> dict[str, str]:
    if camera is None:
        return {"name": "", "location": "kitchen", "source_url": "", "public": "0", "blur_faces": "1",
                "zones": "", "staffed_hours": ""}
    return {"name": camera.name, "location": camera.location.value, "source_url": camera.source_url,
            "public": "1" if camera.public else "0", "blur_faces": "1" if camera.blur_faces else "0",
            "zones": zone_text.format_zones(camera.zones), "staffed_hours": camera.staffed_hours}


def camera_form(action: str, camera: CameraDetail | None, draft: Draft | None = None) -> html.Form:
    """A plain POST form (CSRF-protected); the same one adds and edits."""
    mine = draft_of(draft, action)
    values = mine.values if mine else stored_values(camera)
    key = (camera.id if camera else "new")

    def label(text: str, name: str) -> html.Label:
        return html.Label(text, htmlFor=f"{key}-{name}")

    fields: list[Any] = [notice(mine.error, "bad")] if mine else []
    fields += [
        label(_("Name"), "name"),
        dcc.Input(name="name", id=f"{key}-name", value=values["name"], required=True,
                  maxLength=limit(CameraFields, "name")),
        label(_("Location"), "location"),
        html.Select([html.Option(_(text), value=value.value, selected=value.value == values["location"])
                     for value, text in LOCATION_LABELS.items()], name="location", id=f"{key}-location"),
        label(_("Source address (rtsp://, http(s)://, or sim://<number> for a simulated camera)"), "source"),
        dcc.Input(name="source_url", id=f"{key}-source", value=values["source_url"], required=True,
                  maxLength=limit(CameraFields, "source_url")),
        label(_("Show this camera to the public"), "public"),
        _yes_no("public", values["public"] == "1", f"{key}-public"),
        label(_("Blur faces in public views"), "blur"),
        _yes_no("blur_faces", values["blur_faces"] == "1", f"{key}-blur"),
        label(_("Areas the AI ignores (optional)"), "zones"),
        html.Textarea(values["zones"], name="zones", id=f"{key}-zones", rows=3, maxLength=2000),
        html.P(_("One rectangle per line: left, top, right, bottom as fractions of the picture "
                 "(0 to 1), e.g. 0.6,0,1,1 ignores the right 40 %, such as a dining area in view. "
                 "Class names after it limit the zone to them, e.g. 0,0,0.3,0.3 person."),
               className="muted"),
    ]
    fields += [
        label(_("Staffed hours (optional)"), "hours"),
        dcc.Input(name="staffed_hours", id=f"{key}-hours", value=values["staffed_hours"],
                  maxLength=limit(CameraFields, "staffed_hours"), placeholder="06:00-22:00"),
        html.P(_("On the local clock ({zone}). Outside these hours anyone the camera sees raises an "
                 "alert, such as someone in the storage room at night; the AI knows no faces, only "
                 "the hours. Empty: no such alerts.").format(zone=clock.zone_label(clock.local(clock.now()))),
               className="muted"),
    ]
    return post_form(action, _("Save") if camera else _("Add camera"), *fields)


def _rectifiable(alert: AlertPublic) -> bool:
    """Its rectification form is drawn; a refusal for any other (decided otherwise meanwhile) is
    said on top of the page, with what was typed."""
    return alert.status == AlertStatus.CONFIRMED and not alert.rectified_at


def _alert(alert: AlertPublic, draft: Draft | None) -> html.Li:
    actions = []
    if _rectifiable(alert):
        action, control_id = rectify_action(alert.id), f"rectify-note-{alert.id}"
        mine = draft_of(draft, action)
        actions.append(post_form(action, _("Report rectification"),
                                 notice(mine.error, "bad") if mine else None,
                                 html.Label(_(RECTIFY_FIELDS["note"]), htmlFor=control_id),
                                 dcc.Input(id=control_id, name="note", required=True,
                                           value=mine.values.get("note", "") if mine else "",
                                           maxLength=limit(AlertRectify, "note"))))
    return alert_row(alert, actions=actions)
