"""The enterprise workspace (/me for a business account): its own record, and evaluating officers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from backend.database import get_db
from backend.evaluations import service as evaluations
from backend.evaluations.schemas import LEVEL_LABELS, EvaluationCreate, Level
from backend.i18n import _
from backend.inspections.schemas import InspectionPublic
from backend.profiles import service as profiles
from backend.tasks import service as tasks
from backend.users.schemas import Actor
from portal.components.badges import result_badge
from portal.components.enforcement import officer_named, penalties_section
from portal.components.evaluations import evaluation_row, level_badge
from portal.components.forms import hidden, limit, post_form, select, submit, textarea
from portal.components.sections import empty, facts, notice, section
from portal.components.standing import standing_section
from portal.components.tags import dcc, html
from portal.workspace import applications, views
from portal.workspace.tasks import tasks_section

EVALUATE = "/me/evaluate"


@dataclass
class EvaluationDraft:
    """What the business typed into one evaluation form, kept when the form comes back refused."""

    inspection_id: str = ""
    officer_id: str = ""
    level: str = ""
    comment: str = ""
    error: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def sections(actor: Actor, draft: EvaluationDraft | None = None,
             refused: views.Refusal | None = None) -> list[Any]:
    """`refused`: the repair or objection form ("repair", "objection") that came back refused,
    shown in its place with why and what was typed."""
    refused = refused or views.Refusal()
    db = get_db()
    code = actor.business_code or ""
    record = profiles.public_record(db, code=code)
    given = evaluations.list_for(db, actor=actor, page_size=100).data
    done = {(row.inspection_id, row.officer_id): row for row in given}
    business = record.business
    return [
        section(_("My business"), facts([
            (_("Business"), dcc.Link(business.name, href=f"/b/{business.code}")),
            (_("Credit code"), business.code), (_("Address"), business.address),
            (_("Established"), business.established_on and business.established_on.isoformat())]),
            name="business"),
        standing_section(record.standing),
        _inspections(record.inspections, done, draft or EvaluationDraft()),
        penalties_section(record.penalties),
        applications.repair_section(actor, refused),
        applications.objection_section(actor, record, refused),
        section(_("My evaluations of officers"),
                html.Ul([evaluation_row(row, about_officer=False) for row in given], className="rows")
                if given else empty(_("You have not evaluated an officer yet.")), name="given"),
        tasks_section(tasks.list_for(db, actor=actor, page_size=10)),
    ]


def _inspections(rows: list[InspectionPublic], done: dict, draft: EvaluationDraft) -> html.Section:
    title = _("Inspections and evaluating the officers")
    if not rows:
        return section(title, empty(_("No inspection is on record yet.")), name="my-inspections")
    items = []
    for inspection in rows:
        pending = [ref for ref in inspection.officers if (inspection.id, ref.id) not in done]
        given = [html.Li([ref.name, " ", level_badge(done[(inspection.id, ref.id)].level)])
                 for ref in inspection.officers if (inspection.id, ref.id) in done]
        items.append(html.Li([
            html.Div([html.Time(inspection.date.isoformat()), result_badge(inspection.result)],
                     className="row-head"),
            html.Ul(given, className="muted") if given else None,
            _evaluate_form(inspection, pending, draft) if pending else None,
        ], id=f"inspection-{inspection.id}"))
    return section(title, html.P(_("Rate each officer who inspected you, once per inspection. "
                                   "A rating of dissatisfied or very dissatisfied is followed up "
                                   "by the supervision unit of your district, with a deadline."),
                          className="muted"),
                   html.Ul(items, className="rows"), name="my-inspections")


def _evaluate_form(inspection: InspectionPublic, pending: list, draft: EvaluationDraft) -> Any:
    mine = draft.inspection_id == inspection.id
    prefix = f"evaluate-{inspection.id}"
    return post_form(
        EVALUATE, hidden("inspection_id", inspection.id),
        notice(draft.error, "bad") if mine and draft.error else None,
        *select("officer_id", _("Officer"), [(ref.id, officer_named(ref.name, ref.badge_number))
                                             for ref in pending],
                value=draft.officer_id if mine else "", control_id=f"{prefix}-officer"),
        *select("level", _("Your evaluation"),
                [(level.value, _(label)) for level, label in LEVEL_LABELS.items()],
                value=draft.level if mine else Level.SATISFIED.value, control_id=f"{prefix}-level"),
        *textarea("comment", _("Comment (optional)"), value=draft.comment if mine else "",
                  control_id=f"{prefix}-comment", max_length=limit(EvaluationCreate, "comment")),
        submit(_("Submit the evaluation"), button_id=f"{prefix}-submit"),
        form_id=prefix, className="form evaluate")
