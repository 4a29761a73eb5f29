"""The fault form behind the equipment page: a plain POST, answered with a page (no JS needed)."""

import flask
from pydantic import ValidationError

from backend.database import get_db
from backend.equipment import service as equipment
from backend.equipment.schemas import FaultReport
from backend.errors import DomainError, Invalid, NotFound
from backend.i18n import _
from portal import csrf, form_errors
from portal.components.sections import notice, page
from portal.components.tags import dcc, html
from portal.prerender import PortalDash

THANKS = "fault-thanks"


def _client() -> str:
    return flask.request.remote_addr or "unknown"


def install(app: PortalDash) -> None:
    from portal.pages import equipment as equipment_page

    @app.server.post("/e/<code>/fault")
    def report_fault(code: str) -> flask.Response:
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
            received = equipment.report_fault(get_db(), code=code, data=FaultReport(**fault),
                                              client=_client())
        except (ValidationError, DomainError) as exc:
            message, status = form_errors.message(exc)  # "Phone: …": the field at fault, by name
            content = equipment_page.equipment_page(item, None, fault=fault, error=message)
            return form_errors.with_retry_after(app.render_page(
                path, {}, content=content, title=equipment_page.title(item), with_scripts=False,
                status=status), exc)
        content = page(_("Thank you"), html.Div(notice(
            _("Your report was passed to the officers responsible for this equipment. "
              "They will deal with it by {date}.").format(date=received.answer_by.isoformat()),
            "ok"), id=THANKS), html.P(dcc.Link(_("Back to the equipment page"), href=path)))
        return app.render_page(path, {}, content=content, title=_("Thank you"), with_scripts=False,
                               status=201)
