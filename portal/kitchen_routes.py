"""Plain form posts of the bright-kitchen pages (no script needed) and the evidence snapshots."""

from collections.abc import Callable

import flask
from pydantic import ValidationError

from backend.alerts import service as alerts
from backend.alerts.schemas import AlertConfirm, AlertDismiss, AlertRectify
from backend.cameras import service as cameras
from backend.cameras.schemas import CameraCreate, CameraUpdate
from backend.database import get_db
from backend.errors import DomainError, Forbidden
from backend.i18n import _
from portal import csrf
from portal.auth import current_actor


def _camera_fields() -> dict[str, object]:
    form = flask.request.form
    return {"name": form.get("name", "")[:60], "location": form.get("location", ""),
            "source_url": form.get("source_url", "")[:500], "public": form.get("public") == "1",
            "blur_faces": form.get("blur_faces", "1") == "1"}


def _invalid(exc: ValidationError) -> str:
    messages = []
    for error in exc.errors():
        cause = (error.get("ctx") or {}).get("error")
        messages.append(cause.translated(_) if isinstance(cause, DomainError) else error["msg"])
    return "; ".join(messages)


def _submit(back: str, done: str, action: Callable[[], object]) -> flask.Response:
    """Runs a form's action; the outcome (or the reason it failed) shows on the page it came from."""
    try:
        csrf.verify()
        action()
        flask.flash(done, "ok")
    except DomainError as exc:
        flask.flash(exc.translated(_), "bad")
    except ValidationError as exc:
        flask.flash(_invalid(exc), "bad")
    return flask.redirect(back, code=303)


def install(server: flask.Flask) -> None:
    @server.post("/me/kitchen/cameras")
    def add_camera() -> flask.Response:
        actor = current_actor()
        code = actor.business_code if actor and actor.business_code else ""
        return _submit("/me/kitchen", _("Camera added."), lambda: cameras.create(
            get_db(), actor=actor, data=CameraCreate(business_code=code, **_camera_fields())))

    @server.post("/me/kitchen/cameras/<camera_id>")
    def edit_camera(camera_id: str) -> flask.Response:
        return _submit("/me/kitchen", _("Camera saved."), lambda: cameras.update(
            get_db(), actor=current_actor(), camera_id=camera_id, data=CameraUpdate(**_camera_fields())))

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
        try:
            jpeg = alerts.snapshot(get_db(), actor=current_actor(), alert_id=alert_id)
        except DomainError as exc:
            return flask.Response(exc.translated(_), status=exc.status_code if not isinstance(
                exc, Forbidden) else 403, mimetype="text/plain")
        return flask.Response(jpeg, mimetype="image/jpeg", headers={"Cache-Control": "private, max-age=3600"})
