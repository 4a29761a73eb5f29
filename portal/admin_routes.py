"""Plain form handlers for list administration: save criteria, publish an edition."""

from typing import Any

import flask
from pydantic import ValidationError

from backend.database import get_db
from backend.errors import DomainError
from backend.i18n import N_, _
from backend.lists import service as lists
from backend.lists.schemas import CriteriaUpdate, EditionPublish
from backend.users import permissions
from portal import csrf, form_errors
from portal.auth import current_actor
from portal.numbers import whole_number
from portal.prerender import PortalDash

# The criteria form's label for its note (portal/pages/admin_lists.py), which its refusals name
# the field by: "Note" alone, in a refusal, names nothing the reader sees on the form.
CRITERIA_FIELDS = {"note": N_("Why they change (published with them)")}


def _criteria(form: Any) -> CriteriaUpdate:
    """The posted rows as typed; pydantic reads the numbers, so a wrong one is named in words."""
    rows = []
    for n in range(whole_number(form.get("rows"), at_most=30) or 0):
        if form.get(f"c{n}_rule", ""):
            rows.append({"id": form.get(f"c{n}_id", ""), "rule": form.get(f"c{n}_rule"),
                         "within_days": form.get(f"c{n}_days", "").strip() or 0,
                         "threshold": form.get(f"c{n}_threshold", "").strip() or 0})
    return CriteriaUpdate.model_validate({"criteria": rows, "note": form.get("note", "")})


def _edition(form: Any) -> EditionPublish:
    return EditionPublish.model_validate({
        "cut_off": form.get("cut_off", "").strip() or None,
        "corrects": form.get("corrects", "").strip() or None,
        "correction_note": form.get("note", "")})


def install(app: PortalDash) -> None:
    from portal.pages import admin_lists

    def answer(message: str, tone: str, status: int = 200, typed: Any = None) -> flask.Response:
        return app.render_page("/admin/lists", {}, title=_("List administration"),
                               content=admin_lists.admin_page(message, tone, typed=typed),
                               with_scripts=False, status=status)

    def handle(action: Any, done: str, labels: dict[str, str] | None = None) -> flask.Response:
        try:
            csrf.verify()
            permissions.require_admin(current_actor())  # before the form: its checks are the admin's
            result = action(flask.request.form)
        except (DomainError, ValidationError) as exc:
            text, status = form_errors.message(exc, labels)
            return answer(text, "bad", status, typed=flask.request.form)  # what was typed stays
        return answer(done.format(n=result), "ok")

    @app.server.post("/admin/lists/criteria")
    def save_criteria() -> flask.Response:
        return handle(lambda form: lists.update_criteria(
            get_db(), actor=current_actor(), data=_criteria(form)).version,
            _("Criteria saved as version {n}."), CRITERIA_FIELDS)

    @app.server.post("/admin/lists/publish")
    def publish_edition() -> flask.Response:
        return handle(lambda form: lists.publish(
            get_db(), actor=current_actor(), data=_edition(form)).number,
            _("Edition {n} published."))
