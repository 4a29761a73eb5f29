"""The officers' queues of credit-repair applications and objections (overdue first): whose each
is, its evidence, and the decision, approve or reject, chosen each time with a published reason."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from backend import paging
from backend.database import get_db
from backend.errors import DomainError
from backend.i18n import N_, _
from backend.inspections import service as inspections
from backend.objections import service as objections
from backend.objections.schemas import ObjectionStatus, RecordKind
from backend.paging import PageMeta
from backend.profiles import service as profiles
from backend.profiles.schemas import PublicRecord
from backend.repair import service as repair
from backend.repair.schemas import ApplicationStatus, Decision
from backend.users.schemas import Actor
from portal import once
from portal.components.badges import badge
from portal.components.forms import choices, limit, post_form, submit, textarea
from portal.components.sections import empty, facts, notice, section
from portal.components.tags import html
from portal.workspace.applications import OBJECT, REPAIR, business_named, evidence_list, objection_row
from portal.workspace.views import Refusal

DECISION_CHOICES = {"yes": True, "no": False}  # the decision form's values; none is preselected
# The decision form's labels, which its refusals name the fields by too (form_errors.message).
DECISION_FIELDS = {"reason": N_("Reason (published)"), "approve": N_("Decision")}


def decision(form: Mapping[str, str]) -> Decision:
    """The decision as posted: approve or reject must be chosen (a form without the choice, or
    with one it does not offer, is refused as missing it, the reason kept as typed)."""
    fields: dict[str, Any] = {"reason": form.get("reason", "")}
    if form.get("approve") in DECISION_CHOICES:
        fields["approve"] = DECISION_CHOICES[form["approve"]]
    return Decision(**fields)


def _records(codes: set[str]) -> dict[str, PublicRecord]:
    """The published records of the businesses in a queue (a few): their names, and the dates of
    their inspections that objections name."""
    db, found = get_db(), {}
    for code in sorted(codes):
        try:
            found[code] = profiles.public_record(db, code=code)
        except DomainError:  # deregistered since: the row keeps its code
            continue
    return found


def _inspection_dates(actor: Actor, record: PublicRecord | None, code: str,
                      wanted: set[str]) -> dict[str, date]:
    """The dates of the inspections objected to: from the published record, else (an inspection
    no longer the latest) from the business's full history, which its officers may read."""
    dates = {row.id: row.date for row in record.inspections} if record else {}
    if wanted - dates.keys():
        try:
            history = inspections.for_business(get_db(), actor=actor, business_code=code,
                                               page_size=paging.MAX_PAGE_SIZE).data
        except DomainError:
            return dates
        dates |= {row.id: row.date for row in history}
    return dates


def _decision_form(action: str, form_id: str, record_id: str, refused: Refusal) -> html.Form:
    """Approve or reject, chosen each time: neither is preselected, so a decision is never taken
    by leaving the choice as it was."""
    error = refused.error_of(record_id)
    return post_form(action, notice(error, "bad") if error else None,
                     choices("approve", _(DECISION_FIELDS["approve"]),
                             [("yes", _("Approve")), ("no", _("Reject"))],
                             chosen={refused.typed_in(record_id, "approve")}, kind="radio",
                             group_id=f"{form_id}-approve", required=True,
                             errors=refused.errors_of(record_id)),
                     *textarea("reason", _(DECISION_FIELDS["reason"]), required=True,
                               value=refused.typed_in(record_id, "reason"),
                               max_length=limit(Decision, "reason"), control_id=f"{form_id}-reason",
                               errors=refused.errors_of(record_id)),
                     once.field(), submit(_("Record the decision")), form_id=form_id)


def to_decide(actor: Actor, refused: Refusal) -> list[html.Section]:
    """The unit's pending repair applications and objections, overdue first; a refused decision
    (`refused`, by the record's id) comes back as typed, with why."""
    db = get_db()
    applications = repair.list_for(db, actor=actor, status=ApplicationStatus.PENDING)
    raised = objections.list_for(db, actor=actor, status=ObjectionStatus.PENDING)
    repair_rows = [html.Li([
        html.Div([*business_named(row.business_code, row.business_name),
                  *([badge(_("Overdue"), "bad")] if row.overdue else [])], className="row-head"),
        facts([(_("Statement"), row.statement), (_("Decision due by"), row.decide_by.isoformat()),
               (_("Evidence"), evidence_list(row))]),
        _decision_form(f"{REPAIR}/{row.id}/decide", f"repair-{row.id}", row.id, refused)])
        for row in applications.data]
    records = _records({row.business_code for row in raised.data})
    objected = {code: {row.record_id for row in raised.data
                       if row.business_code == code and row.record_kind == RecordKind.INSPECTION}
                for code in records}
    dates = {code: _inspection_dates(actor, records[code], code, wanted) if wanted else {}
             for code, wanted in objected.items()}
    objection_rows = [objection_row(row, _decision_form(f"{OBJECT}s/{row.id}/decide",
                                                     f"objection-{row.id}", row.id, refused),
                                 inspection_dates=dates.get(row.business_code, {}),
                                 business_name=records[row.business_code].business.name
                                 if row.business_code in records else "")
                      for row in raised.data]
    return [
        section(_("Credit repair applications to decide (overdue first)"),
                html.Ul(repair_rows, className="rows") if repair_rows
                else empty(_("No application is waiting.")), _more(applications.meta),
                name="repairs-to-decide"),
        section(_("Objections to answer (overdue first)"),
                html.Ul(objection_rows, className="rows") if objection_rows
                else empty(_("No objection is waiting.")), _more(raised.meta),
                name="objections-to-decide"),
    ]


def _more(meta: PageMeta) -> html.P | None:
    """Past the first page: how many more wait (they come up as these are decided)."""
    if meta.totalCount <= meta.pageSize:
        return None
    return html.P(_("The {shown} due soonest of {total} waiting are shown; the others follow as "
                    "these are decided.").format(shown=meta.pageSize, total=meta.totalCount),
                  className="muted")
