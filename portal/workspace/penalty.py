"""Recording an administrative penalty decision from the officer workspace."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from backend import clock
from backend.businesses import service as businesses
from backend.database import get_db
from backend.i18n import _
from backend.inspections import service as inspections
from backend.penalties.schemas import MEASURE_LABELS, PenaltyCreate
from backend.users.schemas import Actor
from portal import page_response
from portal.components.forms import choices, hidden, limit, post_form, submit, text_input, textarea
from portal.components.sections import empty, facts, notice, page
from portal.components.tags import html

FORM = "/me/penalty"


def choose(actor: Actor, text: str = "") -> html.Article:
    page_response.set_title(_("Record a penalty"))
    found = (businesses.search_in_districts(get_db(), text=text, districts=actor.unit_districts)
             if text else [])
    rows = [html.Li(html.Div([html.A(row.name, href=f"{FORM}?code={row.code}"),
                              html.Span(row.address, className="muted")], className="row-head"))
            for row in found]
    return page(_("Record a penalty"), html.Form([
        *text_input("q", _("Name, address or credit code"), value=text, required=True,
                    control_id="penalty-search"),
        html.Button(_("Search"), type="submit")], method="get", action=FORM, className="form card"),
        html.Ul(rows, className="rows") if rows
        else empty(_("No business of your unit matches.")) if text else None)


def form_page(actor: Actor, code: str, values: dict[str, Any] | None = None,
              error: str = "", errors: Mapping[str, str] | None = None) -> html.Article:
    """The form for a business the officer may act on (in the unit's districts, as for an
    inspection): refused before anything is typed, not on submitting it; `errors` (field → why)
    mark the fields a refused one got wrong."""
    _actor, business = inspections.subject(get_db(), actor=actor, code=code)
    page_response.set_title(_("Record a penalty"))
    values = values or {}
    measures = [(measure.value, _(label)) for measure, label in MEASURE_LABELS.items()]
    return page(_("Record a penalty"),
                facts([(_("Business"), business["name"]), (_("Credit code"), business["code"])]),
                notice(error, "bad") if error else None,
                post_form(FORM, hidden("code", business["code"]),
                          *text_input("decision_number", _("Decision number"), required=True,
                                      value=values.get("decision_number", ""),
                                      max_length=limit(PenaltyCreate, "decision_number"),
                                      hint="穗天市监罚〔2026〕12号", errors=errors),
                          *textarea("facts", _("Facts"), required=True, value=values.get("facts", ""),
                                    max_length=limit(PenaltyCreate, "facts"), errors=errors),
                          *text_input("legal_basis", _("Legal basis"), required=True,
                                      value=values.get("legal_basis", ""),
                                      max_length=limit(PenaltyCreate, "legal_basis"), errors=errors),
                          choices("measures", _("Penalty"), measures, chosen=set(values.get("measures", [])),
                                  group_id="penalty-measures", errors=errors),
                          *text_input("fine_yuan", _("Fine (yuan)"), kind="number", step="0.01",
                                      value=values.get("fine_yuan", "0"), errors=errors),
                          *text_input("decided_on", _("Decided on"), kind="date", required=True,
                                      value=values.get("decided_on", clock.today().isoformat()),
                                      errors=errors),
                          submit(_("Record the penalty"), button_id="penalty-record"),
                          form_id="penalty-form", className="form card"))


def read(form: Any) -> dict[str, Any]:
    """The form as posted, whole: the schema refuses an over-long field with its limit."""
    return {"code": form.get("code", ""), "decision_number": form.get("decision_number", ""),
            "facts": form.get("facts", ""), "legal_basis": form.get("legal_basis", ""),
            "measures": form.getlist("measures"), "fine_yuan": form.get("fine_yuan", "0") or "0",
            "decided_on": form.get("decided_on", "")}


def to_record(values: dict[str, Any]) -> PenaltyCreate:
    return PenaltyCreate(business_code=values["code"], decision_number=values["decision_number"],
                         facts=values["facts"], legal_basis=values["legal_basis"],
                         measures=values["measures"], fine_yuan=values["fine_yuan"],
                         decided_on=values["decided_on"])
