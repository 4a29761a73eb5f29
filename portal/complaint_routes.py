"""Plain routes for complaints: the form behind the QR page's link and the tracking page.

Server-rendered without Dash's scripts: a consumer on a slow phone needs only the HTML."""

import flask
from pydantic import ValidationError

from backend import uploads
from backend.businesses import service as businesses
from backend.complaints import rules
from backend.complaints import service as complaints
from backend.complaints.schemas import ComplaintCreate, ComplaintFeedback, ComplaintReopen
from backend.config import get_settings
from backend.database import get_db
from backend.errors import DomainError
from backend.i18n import _
from portal import csrf, form_errors, once
from portal.components import complaint_views as views
from portal.components.sections import not_found_title, problem_page
from portal.components.tags import light
from portal.prerender import PortalDash


def client() -> str:
    return flask.request.remote_addr or "unknown"


def received_files(field: str) -> list[uploads.Upload]:
    """Each file read up to one byte over the limit: an oversized one is refused, not buffered."""
    return [uploads.Upload(part.filename or "", part.stream.read(uploads.max_bytes() + 1))
            for part in flask.request.files.getlist(field) if part.filename]


def install(app: PortalDash) -> None:
    server = app.server

    def show(path: str, build, title: str, status: int = 200) -> flask.Response:  # type: ignore[no-untyped-def]
        with light():
            content = build()
        return app.render_page(path, {}, content=content, title=title, with_scripts=False,
                               status=status)

    def business_name(code: str) -> str | None:
        try:
            return str(businesses.get(get_db(), code=code)["name"])
        except DomainError:
            return None

    @server.get("/complain/<code>")
    def complaint_form(code: str) -> flask.Response:
        try:
            name = str(businesses.get(get_db(), code=code)["name"])
        except DomainError as exc:  # unknown, or a typo the check character gives away: say which
            title, status = not_found_title(exc), exc.status_code
            refused = problem_page(title, exc.translated(_), status)
            return show(flask.request.path, lambda: refused, title, status)
        return show(flask.request.path, lambda: views.complaint_form(
            code, name, max_photos=get_settings().complaint_max_photos), _("Make a complaint"))

    @server.post("/complain/<code>")
    def complain(code: str) -> flask.Response:
        form = flask.request.form
        # Whole, as sent: the schema refuses an over-long field with its limit, and the form comes
        # back with all of it; cutting here would store a shorter text than the one written.
        values = {key: form.get(key, "") for key in ("category", "text", "phone")}
        # counted, not read, before the form's token is checked: a refusal says they were not kept
        chosen = sum(1 for part in flask.request.files.getlist("photos") if part.filename)
        try:
            csrf.verify()
            data = ComplaintCreate(business_code=code, category=values["category"],
                                   text=values["text"], phone=values["phone"] or None)
            photos = received_files("photos")

            def record() -> str:
                created = complaints.submit(get_db(), data=data, client=client(), photos=photos)
                return f"/track/{created.tracking_code}?received=1"

            # A double tap or a resend of this same form: the first complaint's page, not a second one.
            sent = once.key(f"complaint:{code}", [*values.values(), *(photo.content for photo in photos)])
            answer = once.run(sent, record)
        except (ValidationError, DomainError) as exc:
            text, status = form_errors.message(exc)
            name = business_name(code) or code
            # reloading sends the photos again: only a refusal of the form itself loses them
            dropped = 0 if isinstance(exc, once.StillRecording) else chosen
            failed = form_errors.refused_fields(exc)
            return form_errors.with_retry_after(show(flask.request.path, lambda: views.complaint_form(
                code, name, values=values, error=text, photos_dropped=dropped, errors=failed,
                max_photos=get_settings().complaint_max_photos), _("Make a complaint"), status), exc)
        # Post/redirect/get: reloading the answer must not send the complaint again.
        return flask.redirect(answer, code=303)

    @server.get("/track")
    def track_lookup() -> flask.Response:
        typed = flask.request.args.get("code", "").strip()
        code = typed.upper()[:20]
        if not code:
            return show("/track", views.lookup_form, _("Follow a complaint"))
        if rules.looks_like_code(code):
            return flask.redirect(f"/track/{code}", code=303)
        # Not a code (a "/" in it could not even travel in the address): the box again, as typed.
        return tracking_page(typed)

    def tracking_page(code: str, *, error: str = "", status: int = 200, received: bool = False,
                      reason: str = "") -> flask.Response:
        try:
            shown = complaints.public(get_db(), tracking_code=code)
        except DomainError as exc:  # a mistyped code: the lookup box again, holding it to correct
            text, failed = exc.translated(_), exc.status_code
            return show(flask.request.path, lambda: views.lookup_form(code, text),
                        _("Complaint not found"), failed)
        return show(f"/track/{shown.tracking_code}",
                    lambda: views.tracker(shown, error=error, received=received, reason=reason),
                    _("Complaint {code}").format(code=shown.tracking_code), status)

    @server.get("/track/<code>")
    def track(code: str) -> flask.Response:
        return tracking_page(code, received=flask.request.args.get("received") == "1")

    @server.get("/track/<path:typed>")  # a code with a "/" typed into the address: no code, said so
    def track_slashed(typed: str) -> flask.Response:
        return tracking_page(typed)

    @server.post("/track/<code>/<action>")
    def track_action(code: str, action: str) -> flask.Response:
        form = flask.request.form
        try:
            csrf.verify()
            if action == "reopen":
                complaints.reopen(get_db(), tracking_code=code,
                                  data=ComplaintReopen(reason=form.get("reason", "")))
            elif action == "feedback":  # the form's two buttons send yes or no; nothing else counts
                complaints.give_feedback(get_db(), tracking_code=code, data=ComplaintFeedback(
                    satisfied=form.get("satisfied", "") if form.get("satisfied") in ("yes", "no") else ""))
            else:
                flask.abort(404)
        except (ValidationError, DomainError) as exc:
            text, status = form_errors.message(exc)
            return form_errors.with_retry_after(tracking_page(
                code, error=text, status=status, reason=form.get("reason", "")), exc)
        return flask.redirect(f"/track/{code}", code=303)
