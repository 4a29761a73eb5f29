"""Plain form posts of the bright-kitchen pages (no script needed) and the evidence snapshots."""

from collections.abc import Callable

import flask
from pydantic import ValidationError

from backend.alerts import rule_text
from backend.alerts import service as alerts
from backend.alerts.schemas import AlertConfirm, AlertDismiss, AlertRectify
from backend.cameras import service as cameras
from backend.cameras import zone_text
from backend.cameras.schemas import CameraCreate, CameraUpdate
from backend.database import get_db
from backend.errors import DomainError, Forbidden
from backend.i18n import _
from portal import csrf, form_errors
from portal.auth import current_actor
from portal.components.tags import light
from portal.prerender import PortalDash

CAMERA_FIELDS = ("name", "location", "source_url", "public", "blur_faces", "zones", "staffed_hours")


def _camera_values() -> dict[str, str]:
    form = flask.request.form
    return {key: form.get(key, "")[:2000] for key in CAMERA_FIELDS}


def _camera_fields(values: dict[str, str]) -> dict[str, object]:
    return {"name": values["name"][:60], "location": values["location"],
            "source_url": values["source_url"][:500], "public": values["public"] == "1",
            "blur_faces": values["blur_faces"] != "0", "zones": zone_text.parse(values["zones"]),
            "staffed_hours": values["staffed_hours"][:40]}


def _submit(back: str, done: str, action: Callable[[], object]) -> flask.Response:
    """Runs a form's action; the outcome (or the reason it failed) shows on the page it came from."""
    try:
        csrf.verify()
        action()
        flask.flash(done, "ok")
    except (DomainError, ValidationError) as exc:
        flask.flash(form_errors.message(exc)[0], "bad")
    return flask.redirect(back, code=303)


def install(app: PortalDash) -> None:
    # Pages register themselves: only once the app exists.
    from portal.pages import kitchen_camera, my_kitchen

    server = app.server

    def save_camera(action: str, done: str, save: Callable[[dict[str, str]], object]) -> flask.Response:
        """Saved: back to the page with the outcome. Refused: the page again, the form as typed."""
        values = _camera_values()
        try:
            csrf.verify()
            save(values)
        except (DomainError, ValidationError) as exc:
            text, status = form_errors.message(exc)
            with light():
                content = my_kitchen.kitchen_page(current_actor(), my_kitchen.Draft(action, values, text))
            return app.render_page("/me/kitchen", {}, content=content, title=_("My kitchen cameras"),
                                   status=status)
        flask.flash(done, "ok")
        return flask.redirect("/me/kitchen", code=303)

    @server.post(my_kitchen.ADD_ACTION)
    def add_camera() -> flask.Response:
        actor = current_actor()
        code = actor.business_code if actor and actor.business_code else ""
        return save_camera(my_kitchen.ADD_ACTION, _("Camera added."), lambda values: cameras.create(
            get_db(), actor=actor, data=CameraCreate(business_code=code, **_camera_fields(values))))

    @server.post(f"{my_kitchen.ADD_ACTION}/<camera_id>")
    def edit_camera(camera_id: str) -> flask.Response:
        return save_camera(f"{my_kitchen.ADD_ACTION}/{camera_id}", _("Camera saved."),
                           lambda values: cameras.update(get_db(), actor=current_actor(), camera_id=camera_id,
                                                         data=CameraUpdate(**_camera_fields(values))))

    @server.post("/kitchen/<camera_id>/rules")
    def set_rules(camera_id: str) -> flask.Response:
        """Officers set a camera's own alert rules; a refused text comes back as typed."""
        text = flask.request.form.get("rules", "")[:2000]
        try:
            csrf.verify()
            cameras.update(get_db(), actor=current_actor(), camera_id=camera_id,
                           data=CameraUpdate(rules=rule_text.parse(text)))
        except (DomainError, ValidationError) as exc:
            message, status = form_errors.message(exc)
            with light():
                content = kitchen_camera.camera_page(camera_id, draft=(text, message))
            return app.render_page(f"/kitchen/{camera_id}", {}, content=content, status=status)
        flask.flash(_("Rules saved."), "ok")
        return flask.redirect(f"/kitchen/{camera_id}", code=303)

    @server.post("/alerts/<alert_id>/confirm")
    def confirm(alert_id: str) -> flask.Response:
        done = _("Alert confirmed; a rectification task was created.")
        return _submit("/alerts", done, lambda: alerts.confirm(
            get_db(), actor=current_actor(), alert_id=alert_id, data=AlertConfirm()))

    @server.post("/alerts/<alert_id>/dismiss")
    def dismiss(alert_id: str) -> flask.Response:
        reason = flask.request.form.get("reason", "")[:500]
        return _submit("/alerts", _("Alert dismissed."), lambda: alerts.dismiss(
            get_db(), actor=current_actor(), alert_id=alert_id, data=AlertDismiss(reason=reason)))

    @server.post("/alerts/<alert_id>/rectify")
    def rectify(alert_id: str) -> flask.Response:
        note = flask.request.form.get("note", "")[:1000]
        return _submit("/me/kitchen", _("Rectification reported."), lambda: alerts.rectify(
            get_db(), actor=current_actor(), alert_id=alert_id, data=AlertRectify(note=note)))

    @server.get("/alerts/<alert_id>/snapshot.jpg")
    def snapshot(alert_id: str) -> flask.Response:
        return _image(lambda: alerts.snapshot(get_db(), actor=current_actor(), alert_id=alert_id))

    @server.get("/alerts/<alert_id>/clip/<int:index>.jpg")
    def clip_frame(alert_id: str, index: int) -> flask.Response:
        return _image(lambda: alerts.clip_frame(get_db(), actor=current_actor(), alert_id=alert_id,
                                                index=index))


def _image(read: Callable[[], bytes]) -> flask.Response:
    """Evidence for the signed-in viewer; a refusal is plain text (it shows as a broken image)."""
    try:
        jpeg = read()
    except DomainError as exc:
        return flask.Response(exc.translated(_), status=exc.status_code if not isinstance(
            exc, Forbidden) else 403, mimetype="text/plain")
    return flask.Response(jpeg, mimetype="image/jpeg", headers={"Cache-Control": "private, max-age=3600"})
