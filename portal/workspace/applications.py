"""Credit repair (信用修复) and objections (异议申诉): the business's forms and its applications; the
rows and evidence links the officers' queues (portal.workspace.decisions) share with them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from pydantic import Field, create_model, field_validator

from backend import clock
from backend.database import get_db
from backend.errors import Invalid
from backend.i18n import N_, _, listed, ngettext
from backend.objections import service as objections
from backend.objections.schemas import KIND_LABELS as RECORD_LABELS
from backend.objections.schemas import STATUS_LABELS as OBJECTION_LABELS
from backend.objections.schemas import ObjectionCreate, ObjectionPublic, ObjectionStatus, RecordKind
from backend.profiles import service as profiles
from backend.profiles.schemas import PublicRecord
from backend.repair import service as repair
from backend.repair.schemas import EVIDENCE_GUIDE, Eligibility, Evidence, RepairCreate, RepairPublic
from backend.repair.schemas import STATUS_LABELS as REPAIR_LABELS
from backend.users.schemas import Actor
from portal import once
from portal.components.badges import badge
from portal.components.forms import hidden, limit, post_form, select, submit, text_input, textarea
from portal.components.sections import facts, notice, section
from portal.components.tags import dcc, html
from portal.components.times import time_tag
from portal.workspace import evidence_files
from portal.workspace.views import Refusal

REPAIR, OBJECT = "/me/repair", "/me/objection"
EVIDENCE_ROWS = len(EVIDENCE_GUIDE)
OBJECTION_FILES = "objection-files"  # the objection form's file picker (several files)
# Each form's labels, which its refusals name the fields by too (form_errors.message).
REPAIR_FIELDS = {"statement": N_("Your statement"), "note": N_("Description")} | {
    f"file_{n}": item for n, item in enumerate(EVIDENCE_GUIDE)}


def _uploaded(file_name: str) -> str:
    if not file_name:
        raise Invalid("Upload this document: each one listed is required.")
    return file_name


# One file of each kind the form lists (EVIDENCE_GUIDE), `file_<n>` the name of the one in its
# n-th picker: a missing one is refused on its own field, named by its kind, before any is stored.
EvidenceFiles = create_model(
    "EvidenceFiles", __validators__={"uploaded": field_validator("*")(_uploaded)},
    **{f"file_{n}": (str, Field("", validate_default=True)) for n in range(EVIDENCE_ROWS)})  # type: ignore[call-overload]
OBJECTION_FIELDS = {"reason": N_("Why it is wrong"), "evidence": N_("Evidence files (optional)")}


def _typed(refused: Refusal, form: str) -> Mapping[str, str]:
    """What was posted in `form` when it came back refused (nothing for the page's other forms)."""
    return refused.typed if refused.form == form else {}


def evidence_path(application_id: str, file_id: str) -> str:
    """Where the business and the district's officers open one file of an application's evidence."""
    return f"{REPAIR}/{application_id}/evidence/{file_id}"


def objection_evidence_path(objection_id: str, file_id: str) -> str:
    """Where the business and the district's officers open one file of an objection's evidence."""
    return f"{OBJECT}s/{objection_id}/evidence/{file_id}"


def repair_section(actor: Actor, refused: Refusal, status: Eligibility | None = None) -> html.Section:
    """Where the business stands on the black list, the countdown, and the form once eligible
    (as typed, with why, when `refused` is it: "repair"); `status`: its eligibility, when the
    page has it already."""
    db, code, error = get_db(), actor.business_code or "", refused.error_of("repair")
    status = status or repair.eligibility(db, actor=actor, business_code=code)
    filed = repair.list_for(db, actor=actor).data
    body: list[Any] = [notice(error, "bad") if error else None]
    if not status.listed:
        body.append(html.P(_("Your business is not on the black list: there is nothing to repair."),
                           className="muted"))
    elif status.repaired:
        body.append(notice(_("Your credit repair is approved: your business leaves the black list "
                             "with the next edition, expected on or after {date}. The editions "
                             "already published stay as they were.").format(
            date=str(status.next_edition_on)), "ok"))
    else:
        body += _countdown(status)
        if status.eligible:
            body.append(_repair_form(actor, refused))
        elif status.open_application:
            body.append(html.P(_("Your application is waiting for a decision."), className="muted"))
    if filed:
        body.append(html.Ul([_application(row) for row in filed], className="rows"))
    return section(_("Credit repair"), *body, name="repair")


def _countdown(status: Eligibility) -> list[Any]:
    """When the business may apply and what still stands in the way: the time, then the
    penalties, which only the district's officers can record as fulfilled."""
    if status.days_left:
        start = ngettext("{date} ({days} day left)", "{date} ({days} days left)", status.days_left).format(
            date=status.eligible_from, days=status.days_left)
    elif status.unfulfilled_penalties:
        start = _("{date}, once the penalties below are recorded as fulfilled").format(
            date=status.eligible_from)
    else:
        start = _("{date} (now)").format(date=status.eligible_from)
    rows: list[Any] = [facts([
        (_("Black list edition"), dcc.Link(str(status.edition), href=f"/lists/{status.edition}")),
        (_("Listed since"), str(status.listed_since)), (_("May apply from"), start),
        (_("Penalties still to fulfil"), listed(status.unfulfilled_penalties))])]
    if status.unfulfilled_penalties:
        rows.append(html.P(_("A penalty counts as fulfilled once the officers of your district record "
                             "it (the fine paid, the suspension served): show them the receipt or "
                             "record. Until then no application can be filed."), className="muted"))
    rows.append(html.Div([html.P(_("Evidence to upload with the application:")),
                          html.Ul([html.Li(_(item)) for item in EVIDENCE_GUIDE])]))
    return rows


def _repair_form(actor: Actor, refused: Refusal) -> html.Form:
    rows: list[Any] = []
    errors = refused.errors_of("repair")
    for n, item in enumerate(EVIDENCE_GUIDE):
        note, file = f"evidence-note-{n}", f"evidence-file-{n}"
        rows.append(html.Fieldset([
            html.Legend(_(item)), hidden(f"evidence-title-{n}", _(item)),
            *text_input(note, _(REPAIR_FIELDS["note"]), control_id=note,
                        value=refused.typed_in("repair", note), max_length=limit(Evidence, "note")),
            *evidence_files.picker(file, _("File (PDF, JPEG or PNG)"), actor=actor,
                                   kept=evidence_files.kept_ids(_typed(refused, "repair"), file),
                                   required=True,
                                   reason=errors.get(f"file_{n}"),
                                   hint=_("Choose a file only to replace it."))],
            className="choices"))
    return post_form(REPAIR, *textarea("statement", _(REPAIR_FIELDS["statement"]), required=True,
                                       control_id="repair-statement",
                                       value=refused.typed_in("repair", "statement"),
                                       max_length=limit(RepairCreate, "statement"),
                                       errors=refused.errors_of("repair")),
                     *rows, once.field(), submit(_("Apply for credit repair"), button_id="repair-apply"),
                     form_id="repair-form", files=True)


def _application(row: RepairPublic) -> html.Li:
    tone = {"approved": "ok", "rejected": "bad"}.get(row.status, "info")
    return html.Li([html.Div([time_tag(row.filed_at, with_time=False),
                              badge(_(REPAIR_LABELS[row.status]), tone)], className="row-head"),
                    facts([(_("Decision due by"), row.decide_by.isoformat()),
                           (_("Evidence"), evidence_list(row)), (_("Reason"), row.reason)])])


def evidence_list(row: RepairPublic) -> html.Ul:
    """The application's evidence, each file to open where one was uploaded."""
    return evidence_files.evidence_list(row.id, row.evidence, evidence_path)


def file_objection(actor: Actor, choice: str, reason: str,
                   evidence: list[Evidence] | None = None) -> ObjectionPublic:
    """The objection form's service call: a record that is not one of the form's choices (a value
    changed on the way) is refused as such (422, the reason kept in the form), not looked up as an
    unknown record (404, a page that loses what was typed)."""
    db, code = get_db(), actor.business_code or ""
    offered = {f"{kind.value}|{record_id}" for kind, record_id in
               objections.objectable(profiles.public_record(db, code=code))}
    if choice not in offered:
        raise Invalid("The record you object to is not one of the choices: choose it from the list.")
    kind, _sep, record_id = choice.partition("|")
    return objections.file(db, actor=actor, data=ObjectionCreate(
        business_code=code, record_kind=RecordKind(kind), record_id=record_id, reason=reason,
        evidence=evidence or []))


def objection_section(actor: Actor, record: PublicRecord, refused: Refusal) -> html.Section:
    """Object to one of the business's own published records; the answer is due within a deadline.
    The form comes back as typed, with why, when `refused` is it ("objection")."""
    error = refused.error_of("objection")
    filed = objections.list_for(get_db(), actor=actor).data
    pending = {(row.record_kind, row.record_id) for row in filed if row.status == ObjectionStatus.PENDING}
    dates = {row.id: row.date for row in record.inspections}
    options = [(f"{kind.value}|{record_id}", record_words(kind, record_id, dates))
               for kind, record_id in objections.objectable(record) if (kind, record_id) not in pending]
    due = objections.answer_by(clock.today())
    form = post_form(OBJECT, notice(error, "bad") if error else None,
                     *select("record", _("The record you object to"), options,
                             value=refused.typed_in("objection", "record"), control_id="objection-record"),
                     *textarea("reason", _(OBJECTION_FIELDS["reason"]), required=True,
                               value=refused.typed_in("objection", "reason"),
                               max_length=limit(ObjectionCreate, "reason"), control_id="objection-reason",
                               errors=refused.errors_of("objection")),
                     *evidence_files.picker(
                         OBJECTION_FILES, _(OBJECTION_FIELDS["evidence"]), actor=actor, multiple=True,
                         kept=evidence_files.kept_ids(_typed(refused, "objection"), OBJECTION_FILES),
                         reason=refused.errors_of("objection").get("evidence"),
                         hint=_("Files you choose now are added.")),
                     html.P(_("The regulator must answer by {date}; until then the record shows "
                              "\"objection pending\".").format(date=due.isoformat()), className="muted"),
                     once.field(), submit(_("File the objection"), button_id="objection-file"),
                     form_id="objection-form", files=True)
    rows = [objection_row(row, inspection_dates=dates) for row in filed]
    return section(_("Objections"), form, html.Ul(rows, className="rows") if rows else None,
                   name="objections")


def record_words(kind: RecordKind, record_id: str, inspection_dates: Mapping[str, date]) -> str:
    """Which record an objection is about, as the business and the officer know it: an
    inspection by its date, a grade by its name, a listing by its edition; a penalty's decision
    number is its name already."""
    if kind == RecordKind.GRADE:
        return _("Quantified grade") if record_id == "quantified" else _("Risk level")
    if kind == RecordKind.LIST_ENTRY and record_id.partition(":")[0].isdigit():
        return _("Black list, edition {n}").format(n=record_id.partition(":")[0])
    if kind == RecordKind.INSPECTION and record_id in inspection_dates:
        return _("Inspection of {date}").format(date=inspection_dates[record_id].isoformat())
    return record_id


def business_named(code: str, name: str) -> list[Any]:
    """Whose record it is, as an officer's queue names it: the name linked to its public page, and
    the credit code (the code alone where the name is not known)."""
    return [dcc.Link(name or code, href=f"/b/{code}"), html.Span(code, className="muted")] if name \
        else [dcc.Link(code, href=f"/b/{code}")]


def objection_row(row: ObjectionPublic, extra: Any = None,
               inspection_dates: Mapping[str, date] | None = None,
               business_name: str | None = None) -> html.Li:
    """`business_name`: in an officer's queue, whose record it is heads the row ("" where the
    name is not known: its code then)."""
    tone = {"upheld": "ok", "rejected": "bad"}.get(row.status, "warn")
    marks = [badge(_(OBJECTION_LABELS[row.status]), tone)]
    if row.overdue:
        marks.append(badge(_("Overdue"), "bad"))
    words = record_words(row.record_kind, row.record_id, inspection_dates or {})
    whose = ([html.Div(business_named(row.business_code, business_name), className="row-head")]
             if business_name is not None else [])
    return html.Li([*whose,
                    html.Div([html.Strong(_(RECORD_LABELS[row.record_kind])),
                              html.Span(words, className="muted"), *marks],
                             className="row-head"),
                    facts([(_("Reason"), row.reason),
                           (_("Evidence"), evidence_files.evidence_list(row.id, row.evidence,
                                                                        objection_evidence_path)
                            if row.evidence else None),
                           (_("Answer due by"), row.answer_by.isoformat()), (_("Answer"), row.answer)]),
                    extra])
