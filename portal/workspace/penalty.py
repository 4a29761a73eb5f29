"""Recording an administrative penalty decision from the officer workspace, and recording a
penalty as fulfilled (which credit repair waits for)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from backend import clock
from backend.businesses import service as businesses
from backend.database import get_db
from backend.i18n import N_, _, listed
from backend.inspections import service as inspections
from backend.penalties.schemas import MEASURE_LABELS, PenaltyCreate
from backend.repair import fulfilments
from backend.repair.schemas import FulfilmentCreate, PenaltyFulfilment
from backend.users.schemas import Actor
from portal import once, page_response
from portal.components.badges import badge
from portal.components.forms import (
    choices,
    folded,
    hidden,
    limit,
    post_form,
    submit,
    text_input,
    textarea,
)
from portal.components.sections import empty, facts, notice, page, section
from portal.components.tags import dcc, html
from portal.numbers import yuan
from portal.workspace import views
from portal.workspace.views import Refusal

FORM = "/me/penalty"
FULFIL = f"{FORM}/fulfilment"
# The fulfilment form's labels, which its refusals name the fields by too (form_errors.message).
FULFIL_FIELDS = {"fulfilled_on": N_("Fulfilled on"), "note": N_("Note (optional)")}
DONE = {"fulfilled": N_("The penalty is recorded as fulfilled.")}
DUE_SHOWN = 20


def fulfil_form_id(decision_number: str) -> str:
    """A stable, plain id for one decision's fulfilment form (decision numbers hold 〔〕 and 号)."""
    return "fulfil-" + hashlib.sha256(decision_number.encode()).hexdigest()[:12]


def fulfilment_from(form: Mapping[str, str]) -> FulfilmentCreate:
    """The fulfilment as posted; a date left empty is missing, not malformed."""
    fields = {"note": form.get("note", "")}
    return FulfilmentCreate(**fields | ({"fulfilled_on": form["fulfilled_on"]} if form.get("fulfilled_on")
                                        else {}))


def not_for_you() -> html.Article:
    return views.not_for_you(_("Record a penalty"), _("Only enforcement officers may do this."))


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
        else empty(_("No business of your unit matches.")) if text else None,
        _due(actor))


def _due(actor: Actor) -> html.Section:
    """The unit's black-listed businesses whose credit repair waits for a penalty to be recorded
    as fulfilled, longest listed first, each linked to its penalties and their forms."""
    found = fulfilments.due(get_db(), actor=actor, page_size=DUE_SHOWN)
    rows = [html.Li([html.Div([html.A(row.business_name, href=f"{FORM}?code={row.business_code}#penalties"),
                               html.Span(row.business_code, className="muted")], className="row-head"),
                     facts([(_("On the black list since"), row.listed_since.isoformat()),
                            (_("Penalties still to fulfil"), listed(row.unfulfilled_penalties))])])
            for row in found.data]
    more = found.meta.totalCount - len(rows)
    return section(_("Penalties waiting to be recorded as fulfilled"),
                   html.P(_("These black-listed businesses of your unit cannot apply for credit repair "
                            "until their penalties are recorded as fulfilled (the fine paid, the "
                            "suspension served). Check the receipt or record first."), className="muted"),
                   html.Ul(rows, className="rows", id="fulfilments-due") if rows
                   else empty(_("No black-listed business of your unit is waiting for one.")),
                   html.P(_("{n} more are waiting; they show here as these are recorded.").format(n=more),
                          className="muted") if more > 0 else None,
                   name="fulfilments-due")


def form_page(actor: Actor, code: str, values: dict[str, Any] | None = None,
              error: str = "", errors: Mapping[str, str] | None = None, *,
              fulfilment: Refusal | None = None, done: str = "") -> html.Article:
    """The form for a business the officer may act on (in the unit's districts, as for an
    inspection): refused before anything is typed, not on submitting it; `errors` (field → why)
    mark the fields a refused one got wrong. Below it, the business's penalties, each to record
    as fulfilled (`fulfilment`: such a form that came back refused, drawn again open, as typed);
    `done`: what the page announces after a form went through (?done=…)."""
    db = get_db()
    _actor, business = inspections.subject(db, actor=actor, code=code)
    page_response.set_title(_("Record a penalty"))
    values = values or {}
    measures = [(measure.value, _(label)) for measure, label in MEASURE_LABELS.items()]
    decided = fulfilments.of_business(db, actor=actor, business_code=business["code"]).data
    return page(_("Record a penalty"),
                notice(_(DONE[done]), "ok") if done in DONE else None,
                facts([(_("Business"), dcc.Link(business["name"], href=f"/b/{business['code']}")),
                       (_("Credit code"), business["code"])]),
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
                          form_id="penalty-form", className="form card"),
                html.Div(_penalties(business["code"], decided, fulfilment or Refusal()), id="penalties"))


def _penalties(code: str, decided: list[PenaltyFulfilment], refused: Refusal) -> html.Section:
    """Each decision, newest first: when it was recorded as fulfilled, or the form to record it."""
    rows = []
    for row in decided:
        what = listed(_(MEASURE_LABELS[measure]) for measure in row.measures)
        status = (_("Fulfilled on {date} (recorded by {who})").format(date=row.fulfilled_on.isoformat(),
                                                                      who=row.recorded_by or "—")
                  if row.fulfilled_on else None)
        rows.append(html.Li([
            html.Div([html.Strong(row.decision_number),
                      badge(_("Fulfilled"), "ok") if row.fulfilled_on
                      else badge(_("Not recorded as fulfilled"), "warn")], className="row-head"),
            facts([(_("Decided on"), row.decided_on.isoformat() if row.decided_on else None),
                   (_("Penalty"), what), (_("Fine (yuan)"), yuan(row.fine_yuan) if row.fine_yuan else None),
                   (_("Fulfilment"), status), (_("Note"), row.note)]),
            None if row.fulfilled_on else _fulfil_form(code, row.decision_number, refused)]))
    return section(_("Penalties of this business"),
                   html.P(_("Credit repair of a black-listed business waits until each of its penalties "
                            "is recorded as fulfilled here."), className="muted"),
                   html.Ul(rows, className="rows") if rows else empty(_("No penalty is recorded.")),
                   name="penalties")


def _fulfil_form(code: str, number: str, refused: Refusal) -> html.Details:
    form_id = fulfil_form_id(number)
    error, errors = refused.error_of(form_id), refused.errors_of(form_id)
    return folded(_("Record as fulfilled"), post_form(
        FULFIL, notice(error, "bad") if error else None,
        hidden("code", code), hidden("decision_number", number),
        *text_input("fulfilled_on", _(FULFIL_FIELDS["fulfilled_on"]), kind="date", required=True,
                    value=refused.typed_in(form_id, "fulfilled_on"), control_id=f"{form_id}-date",
                    errors=errors),
        *text_input("note", _(FULFIL_FIELDS["note"]), value=refused.typed_in(form_id, "note"),
                    max_length=limit(FulfilmentCreate, "note"), control_id=f"{form_id}-note",
                    hint=_("e.g. the receipt's number, or where the suspension was checked"), errors=errors),
        once.field(), submit(_("Record as fulfilled"), button_id=f"{form_id}-submit"),
        form_id=form_id), open_=bool(error))


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
