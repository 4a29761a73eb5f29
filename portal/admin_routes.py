"""Plain form handlers for list administration: save criteria, publish an edition."""

from datetime import date
from typing import Any

import flask
from pydantic import ValidationError

from backend.database import get_db
from backend.errors import DomainError
from backend.i18n import _
from backend.lists import service as lists
from backend.lists.schemas import CriteriaUpdate, Criterion, EditionPublish
from portal import csrf
from portal.auth import current_actor
from portal.prerender import PortalDash


def _criteria(form: Any) -> CriteriaUpdate:
    rows = []
    for n in range(min(int(form.get("rows", "0") or 0), 30)):
        rule = form.get(f"c{n}_rule", "")
        if rule:
            rows.append(Criterion(id=form.get(f"c{n}_id", ""), rule=rule,
                                  within_days=int(form.get(f"c{n}_days") or 0),
                                  threshold=float(form.get(f"c{n}_threshold") or 0)))
    return CriteriaUpdate(criteria=rows, note=form.get("note", ""))


def _edition(form: Any) -> EditionPublish:
    cut_off = form.get("cut_off", "").strip()
    corrects = form.get("corrects", "").strip()
    return EditionPublish(cut_off=date.fromisoformat(cut_off) if cut_off else None,
                          corrects=int(corrects) if corrects else None,
                          correction_note=form.get("note", ""))


def install(app: PortalDash) -> None:
    from portal.pages import admin_lists

    def answer(message: str, tone: str) -> flask.Response:
        return app.render_page("/admin/lists", {}, content=admin_lists.admin_page(message, tone),
                               title=_("List administration"), with_scripts=False)

    def handle(action: Any, done: str) -> flask.Response:
        try:
            csrf.verify()
            result = action(flask.request.form)
        except DomainError as exc:
            return answer(exc.translated(_), "bad")
        except (ValidationError, ValueError) as exc:
            return answer(str(exc).splitlines()[0] if isinstance(exc, ValueError) else
                          _("Please check the values entered."), "bad")
        return answer(done.format(n=result), "ok")

    @app.server.post("/admin/lists/criteria")
    def save_criteria() -> flask.Response:
        return handle(lambda form: lists.update_criteria(
            get_db(), actor=current_actor(), data=_criteria(form)).version,
            _("Criteria saved as version {n}."))

    @app.server.post("/admin/lists/publish")
    def publish_edition() -> flask.Response:
        return handle(lambda form: lists.publish(
            get_db(), actor=current_actor(), data=_edition(form)).number,
            _("Edition {n} published."))
