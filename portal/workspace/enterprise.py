"""The enterprise workspace (/me for a business account): its own record, papers and sticker, and
evaluating officers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from backend import clock, paging
from backend.database import get_db
from backend.evaluations import service as evaluations
from backend.evaluations.schemas import LEVEL_LABELS, EvaluationCreate
from backend.expiry import service as expiry
from backend.expiry.schemas import NoticesPublic
from backend.i18n import _, ngettext
from backend.inspections import service as inspections
from backend.inspections.checklists import found_label
from backend.inspections.schemas import SOURCE_LABELS, InspectionPublic, InspectionsPublic
from backend.licences.schemas import LICENCE_LABELS
from backend.profiles import service as profiles
from backend.profiles.schemas import PublicRecord
from backend.repair import service as repair
from backend.tasks import service as tasks
from backend.users.schemas import Actor
from portal import once
from portal.components.badges import badge, expiry_badge, result_badge, status_badge
from portal.components.enforcement import officer_named, penalties_section
from portal.components.evaluations import evaluation_row, level_badge
from portal.components.forms import hidden, limit, post_form, select, submit, textarea
from portal.components.reviews import grade_section
from portal.components.sections import empty, facts, notice, section
from portal.components.standing import standing_section
from portal.components.tags import dcc, html
from portal.components.times import time_tag
from portal.workspace import applications, papers, views
from portal.workspace.tasks import tasks_section

EVALUATE = "/me/evaluate"
RECENT_DAYS = 2 * 365  # inspections listed in full; older ones only while an officer is unrated
NOTICES_SHOWN = 10


@dataclass
class EvaluationDraft:
    """What the business typed into one evaluation form, kept when the form comes back refused."""

    inspection_id: str = ""
    officer_id: str = ""
    level: str = ""
    comment: str = ""
    error: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)  # the refused fields, field → why


def sections(actor: Actor, draft: EvaluationDraft | None = None,
             refused: views.Refusal | None = None) -> list[Any]:
    """`refused`: the repair or objection form ("repair", "objection") that came back refused,
    shown in its place with why and what was typed."""
    refused = refused or views.Refusal()
    db = get_db()
    code = actor.business_code or ""
    record = profiles.public_record(db, code=code)
    given = evaluations.list_for(db, actor=actor, page_size=paging.MAX_PAGE_SIZE).data
    done = {(row.inspection_id, row.officer_id): row for row in given}
    standing = repair.eligibility(db, actor=actor, business_code=code)
    business = record.business
    return [
        section(_("My business"), facts([
            (_("Business"), dcc.Link(business.name, href=f"/b/{business.code}")),
            (_("Credit code"), business.code), (_("Address"), business.address),
            (_("Established"), business.established_on and business.established_on.isoformat())]),
            name="business"),
        standing_section(record.standing, standing, code=business.code),
        grade_section(record.grades, business.code),
        _inspections(inspections.for_business(db, actor=actor, business_code=code,
                                               page_size=paging.MAX_PAGE_SIZE), done,
                     draft or EvaluationDraft()),
        penalties_section(record.penalties),
        _papers(record, expiry.notices_for(db, actor=actor, page_size=NOTICES_SHOWN)),
        applications.repair_section(actor, refused, standing),
        applications.objection_section(actor, record, refused),
        section(_("My evaluations of officers"),
                html.Ul([evaluation_row(row, about_officer=False) for row in given], className="rows")
                if given else empty(_("You have not evaluated an officer yet.")), name="given"),
        tasks_section(tasks.list_for(db, actor=actor, page_size=10)),
        _sticker(business.code),
    ]


def _inspections(found: InspectionsPublic, done: dict, draft: EvaluationDraft) -> html.Section:
    """The last two years in full, and any older inspection whose officers are still to be rated
    (the rating has no time limit)."""
    title = _("Inspections and evaluating the officers")
    since = clock.today() - timedelta(days=RECENT_DAYS)
    rows = [inspection for inspection in found.data if inspection.date >= since
            or any((inspection.id, ref.id) not in done for ref in inspection.officers)]
    if not rows:
        return section(title, empty(_("No inspection is on record yet.")), name="my-inspections")
    items = [_inspection(inspection, done, draft) for inspection in rows]
    more = found.meta.totalCount - len(rows)
    return section(title, html.P(_("Rate each officer who inspected you, once per inspection. "
                                   "A rating of dissatisfied or very dissatisfied is followed up "
                                   "by the supervision unit of your district, with a deadline."),
                          className="muted"),
                   html.Ul(items, className="rows"),
                   html.P(ngettext("{n} older inspection is not listed here.",
                                   "{n} older inspections are not listed here.", more).format(n=more),
                          className="muted") if more > 0 else None,
                   name="my-inspections")


def _inspection(inspection: InspectionPublic, done: dict, draft: EvaluationDraft) -> html.Li:
    """What the officers found and what they decided, then the ratings given and the form for
    the officers not rated yet."""
    pending = [ref for ref in inspection.officers if (inspection.id, ref.id) not in done]
    given = [html.Li([ref.name, " ", level_badge(done[(inspection.id, ref.id)].level)])
             for ref in inspection.officers if (inspection.id, ref.id) in done]
    deadline = inspection.rectification_deadline
    return html.Li([
        html.Div([html.Time(inspection.date.isoformat()),
                  html.Span(_(SOURCE_LABELS[inspection.source]), className="muted"),
                  result_badge(inspection.result)], className="row-head"),
        facts([(_("Items found"), html.Ul([html.Li(found_label(item)) for item in inspection.items_found])
                if inspection.items_found else None),
               (_("Opinion"), inspection.opinion),
               (_("Rectify by"), deadline.isoformat() if deadline else None)]),
        html.Ul(given, className="muted") if given else None,
        _evaluate_form(inspection, pending, draft) if pending else None,
    ], id=f"inspection-{inspection.id}")


def _papers(record: PublicRecord, notices: NoticesPublic) -> html.Section:
    """Licences and staff health certificates with the badges the QR page shows, and the expiry
    warnings sent about them (90/30/7 days before, as configured)."""
    licences = [html.Li([html.Div([html.Strong(_(LICENCE_LABELS[row.kind])),
                                   expiry_badge(row.status, row.days_left)], className="row-head"),
                         html.Div([_("No. {number}").format(number=row.number), " · ",
                                   _("Expires on {date}").format(date=row.expires_on.isoformat())
                                   if row.expires_on else _("Long-term")], className="muted")])
                for row in record.licences]
    staff = [html.Li(html.Div([html.Span(member.masked_name), html.Span(member.position, className="muted"),
                               status_badge(member.certificate_status)], className="row-head"))
             for member in record.staff.members]
    warnings = [html.Li([html.Div([time_tag(row.created_at, with_time=False),
                                   badge(_("Renewed since"), "ok") if row.renewed else
                                   badge(_("Expires on {date}").format(date=row.expires_on.isoformat()),
                                         "warn")], className="row-head"),
                         html.P(row.text, className="muted" if row.renewed else "")])
                for row in notices.data]
    return section(
        _("Licences and certificates"),
        html.P(html.A(_("Keep your staff and licences current"), href=papers.PAGE)),
        html.H3(_("Licences")),
        html.Ul(licences, className="rows") if licences else empty(_("No licence is on record.")),
        html.H3(_("Staff health certificates")),
        html.Ul(staff, className="rows") if staff else empty(_("No staff member is on record.")),
        html.H3(_("Expiry warnings")),
        html.Ul(warnings, className="rows") if warnings else empty(_("No expiry warning so far.")),
        name="papers")


def _sticker(code: str) -> html.Section:
    """The QR sticker to print and put up: the code opens the signed public record."""
    links = [(f"/qr/{code}/sticker.pdf", _("Sticker (PDF, to print)")),
             (f"/qr/{code}/sticker.png", _("Sticker (PNG)")),
             (f"/qr/{code}.png", _("QR code only (PNG)")), (f"/qr/{code}.svg", _("QR code only (SVG)"))]
    return section(_("Your QR sticker"),
                   html.P(_("Print it and put it up where customers see it: scanning it opens your "
                            "public record, signed so that a forged sticker is detected."),
                          className="muted"),
                   html.Ul([html.Li(html.A(text, href=href)) for href, text in links]), name="sticker")


def _evaluate_form(inspection: InspectionPublic, pending: list, draft: EvaluationDraft) -> Any:
    mine = draft.inspection_id == inspection.id
    prefix = f"evaluate-{inspection.id}"
    return post_form(
        EVALUATE, hidden("inspection_id", inspection.id),
        notice(draft.error, "bad") if mine and draft.error else None,
        *select("officer_id", _("Officer"), [(ref.id, officer_named(ref.name, ref.badge_number))
                                             for ref in pending],
                value=draft.officer_id if mine else "", control_id=f"{prefix}-officer"),
        # No level is preselected: a rating is given on purpose, never by leaving the list alone.
        *select("level", _("Your evaluation"),
                [("", _("Choose…"))] + [(level.value, _(label)) for level, label in LEVEL_LABELS.items()],
                value=draft.level if mine else "", control_id=f"{prefix}-level", required=True,
                errors=draft.errors if mine else None),
        *textarea("comment", _("Comment (optional)"), value=draft.comment if mine else "",
                  control_id=f"{prefix}-comment", max_length=limit(EvaluationCreate, "comment")),
        once.field(), submit(_("Submit the evaluation"), button_id=f"{prefix}-submit"),
        form_id=prefix, className="form evaluate")
