"""Plain form posts of the bright-kitchen pages (no script needed) and the evidence snapshots."""

from collections.abc import Callable, Mapping

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
from portal.components.kitchen import Draft
from portal.components.tags import light
from portal.prerender import PortalDash

CAMERA_FIELDS = ("name", "location", "source_url", "public", "blur_faces", "zones", "staffed_hours")


def _typed(*names: str) -> dict[str, str]:
    """The form's fields as posted, whole: a schema refuses an over-long one with its limit and
    the form comes back with all of it; cutting here would store less than was written."""
    return {name: flask.request.form.get(name, "") for name in names}


def _camera_fields(values: dict[str, str]) -> dict[str, object]:
    return {"name": values["name"], "location": values["location"],
            "source_url": values["source_url"], "public": values["public"] == "1",
            "blur_faces": values["blur_faces"] != "0", "zones": zone_text.parse(values["zones"]),
            "staffed_hours": values["staffed_hours"]}


def install(app: PortalDash) -> None:
    # Pages register themselves: only once the app exists.
    from portal.pages import alert_queue, kitchen_camera, my_kitchen

    server = app.server

    def save(path: str, done: str, action: Callable[[], object], refused_page: Callable[[str], object],
             title: str | None = None, labels: Mapping[str, str] | None = None) -> flask.Response:
        """Saved: back to the page at `path` with the outcome. Refused: that page again, drawn by
        `refused_page` with the reason (fields named by `labels`) and the form as typed."""
        try:
            csrf.verify()
            action()
        except (DomainError, ValidationError) as exc:
            text, status = form_errors.message(exc, labels)
            with light():
                content = refused_page(text)
            return app.render_page(path, {}, content=content, title=title, status=status)
        flask.flash(done, "ok")
        return flask.redirect(path, code=303)

    def save_camera(action: str, done: str, store: Callable[[dict[str, str]], object]) -> flask.Response:
        values = _typed(*CAMERA_FIELDS)
        return save("/me/kitchen", done, lambda: store(values), lambda error: my_kitchen.kitchen_page(
            current_actor(), Draft(action, values, error)), _("My kitchen cameras"))

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
        text = _typed("rules")["rules"]
        return save(f"/kitchen/{camera_id}", _("Rules saved."), lambda: cameras.update(
            get_db(), actor=current_actor(), camera_id=camera_id,
            data=CameraUpdate(rules=rule_text.parse(text))),
            lambda error: kitchen_camera.camera_page(camera_id, draft=(text, error)))

    def decide(action: str, done: str, act: Callable[[], object], typed: dict[str, str]) -> flask.Response:
        """An officer's decision on an alert: done, back to the tab it was taken on, saying so in
        the address (?done=…); refused, that tab again with the reason (and a dismissal as typed)."""
        try:
            csrf.verify()
            act()
        except (DomainError, ValidationError) as exc:
            text, status = form_errors.message(exc)
            with light():
                content = alert_queue.queue_page(typed.get("tab", ""), Draft(action, typed, text))
            return app.render_page("/alerts", {}, content=content, title=_("Kitchen alerts"), status=status)
        return flask.redirect(alert_queue.after(done, typed.get("tab", "")), code=303)

    @server.post("/alerts/<alert_id>/confirm")
    def confirm(alert_id: str) -> flask.Response:
        return decide(alert_queue.confirm_action(alert_id), "confirmed", lambda: alerts.confirm(
            get_db(), actor=current_actor(), alert_id=alert_id, data=AlertConfirm()), {})

    @server.post("/alerts/<alert_id>/dismiss")
    def dismiss(alert_id: str) -> flask.Response:
        typed = _typed("reason", "tab")
        return decide(alert_queue.dismiss_action(alert_id), "dismissed", lambda: alerts.dismiss(
            get_db(), actor=current_actor(), alert_id=alert_id, data=AlertDismiss(reason=typed["reason"])),
            typed)

    @server.post("/alerts/<alert_id>/rectify")
    def rectify(alert_id: str) -> flask.Response:
        typed = _typed("note")
        return save("/me/kitchen", _("Rectification reported."), lambda: alerts.rectify(
            get_db(), actor=current_actor(), alert_id=alert_id, data=AlertRectify(note=typed["note"])),
            lambda error: my_kitchen.kitchen_page(current_actor(), Draft(
                my_kitchen.rectify_action(alert_id), typed, error)),
            _("My kitchen cameras"), my_kitchen.RECTIFY_FIELDS)

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
