"""The fault form behind the equipment page: a plain POST (no JS needed), answered by a redirect to
a thank-you page, so that reloading it sends nothing again."""

from datetime import date
from typing import Any

import flask
from pydantic import ValidationError
from werkzeug.wrappers import Response

from backend.database import get_db
from backend.equipment import service as equipment
from backend.equipment.schemas import FaultReport
from backend.errors import DomainError, Invalid, NotFound
from backend.i18n import _
from portal import csrf, form_errors, once
from portal.components.sections import notice, page
from portal.components.tags import dcc, html, light
from portal.prerender import PortalDash

THANKS = "fault-thanks"


def _client() -> str:
    return flask.request.remote_addr or "unknown"


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        return None


def thanks(path: str, answer_by: date | None) -> Any:
    """`answer_by` is read from the address: changing it misleads only whoever changed it."""
    said = (_("Your report was passed to the officers responsible for this equipment. "
              "They will deal with it by {date}.").format(date=answer_by.isoformat()) if answer_by
            else _("Your report was passed to the officers responsible for this equipment."))
    return page(_("Thank you"), html.Div(notice(said, "ok"), id=THANKS),
                html.P(dcc.Link(_("Back to the equipment page"), href=path)))


def install(app: PortalDash) -> None:
    from portal.pages import equipment as equipment_page

    @app.server.post("/e/<code>/fault")
    def report_fault(code: str) -> Response:
        form = flask.request.form
        # Uncut: the schema refuses an over-long field with its limit, and the form keeps it all.
        fault = {"text": form.get("text", "").strip(), "phone": form.get("phone", "").strip()}
        path = f"/e/{code}"
        try:
            item = equipment.get(get_db(), code=code)
        except (NotFound, Invalid):
            return app.render_page(path, {}, with_scripts=False)  # the page's own 404 / 400
        try:
            csrf.verify()
            data = FaultReport(**fault)

            def record() -> str:
                received = equipment.report_fault(get_db(), code=item.code, data=data, client=_client())
                return f"/e/{item.code}/fault/received?by={received.answer_by.isoformat()}"

            # A double tap or a resend of this same form: the first report's answer, not a second task.
            answer = once.run(once.key(f"fault:{item.code}", fault.values()), record)
        except (ValidationError, DomainError) as exc:
            message, status = form_errors.message(exc)  # "Phone: …": the field at fault, by name
            with light():  # only serialized; its inputs carry aria attributes Dash's own would refuse
                content = equipment_page.equipment_page(item, None, fault=fault, error=message,
                                                        errors=form_errors.refused_fields(exc))
            return form_errors.with_retry_after(app.render_page(
                path, {}, content=content, title=equipment_page.title(item), with_scripts=False,
                status=status), exc)
        # Post/redirect/get, as complaints: reloading the thanks must not report the fault again.
        return flask.redirect(answer, code=303)

    @app.server.get("/e/<code>/fault/received")
    def fault_received(code: str) -> flask.Response:
        try:
            item = equipment.get(get_db(), code=code)
        except (NotFound, Invalid):
            return app.render_page(f"/e/{code}", {}, with_scripts=False)  # the page's own 404 / 400
        return app.render_page(f"/e/{item.code}", {}, content=thanks(
            f"/e/{item.code}", _day(flask.request.args.get("by"))), title=_("Thank you"),
            with_scripts=False)
