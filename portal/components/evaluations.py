"""Evaluations of officers: level badges, the counts and consistency figure, and rows with answers."""

from __future__ import annotations

from typing import Any

from backend.evaluations.schemas import LEVEL_LABELS, EvaluationPublic, EvaluationSummary, Level
from backend.i18n import N_, _, listed
from backend.officers.consistency import Verdict
from backend.officers.schemas import Consistency
from portal.components.badges import badge
from portal.components.sections import empty, facts, section
from portal.components.tags import dcc, html
from portal.components.times import time_tag

_LEVEL_TONES = {Level.VERY_SATISFIED: "ok", Level.SATISFIED: "ok", Level.BASICALLY_SATISFIED: "info",
                Level.DISSATISFIED: "bad", Level.VERY_DISSATISFIED: "bad"}
VERDICT_LABELS = {
    Verdict.TOO_FEW: N_("Too few comparable inspections to judge"),
    Verdict.IN_LINE: N_("In line with the unit"),
    Verdict.STRICTER: N_("Finds problems more often than the unit"),
    Verdict.MORE_LENIENT: N_("Finds problems less often than the unit"),
}
FOLLOW_UP_LABELS = {"open": N_("Follow-up open"), "rectified": N_("Rectified"),
                    "not_rectified": N_("Not rectified")}


def level_badge(level: Level | str) -> html.Span:
    level = Level(level)
    return badge(_(LEVEL_LABELS[level]), _LEVEL_TONES[level])


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.0%}"


def consistency_facts(figure: Consistency) -> html.Div:
    """The figure, its baseline and both sample sizes, in words a reader can check."""
    text = _("Found problems in {rate} of {n} comparable inspections; the rest of the unit found "
             "them in {expected} on similar businesses ({unit_n} inspections since {since}).")
    similar = listed(_("same trade") if field == "trade" else _("same risk level")
                       for field in figure.compared_by)
    return html.Div([
        html.P([html.Strong(_("Inspector consistency")), " ",
                badge(_(VERDICT_LABELS[figure.verdict]),
                      "ok" if figure.verdict == Verdict.IN_LINE else "info")]),
        html.P(text.format(rate=_percent(figure.officer_rate), n=figure.sample_size,
                           expected=_percent(figure.expected_rate), unit_n=figure.unit_sample_size,
                           since=figure.since.isoformat()), className="muted"),
        html.P(_("Similar means: {how}.").format(how=similar), className="muted"),
    ], className="consistency")


def summary_counts(summary: EvaluationSummary) -> html.Ul:
    counts = [(_("Evaluations"), summary.total), (_("Good"), summary.good), (_("Bad"), summary.bad),
              (_("Bad ones rectified"), summary.bad_rectified),
              (_("Follow-ups open"), summary.bad_open)]
    return html.Ul([html.Li([html.Strong(str(value)), " ", label]) for label, value in counts],
                   className="counts")


def evaluation_row(row: EvaluationPublic, *, about_officer: bool = True,
                   extra: Any = None) -> html.Li:
    """One evaluation; `about_officer` names the business (officer pages) or the officer."""
    who = (dcc.Link(row.business_name, href=f"/b/{row.business_code}") if about_officer
           else dcc.Link(row.officer_name, href=f"/officers/{row.officer_id}"))
    follow = row.follow_up
    follow_text = None
    if follow:
        follow_text = [badge(_(FOLLOW_UP_LABELS[follow.status]),
                             "ok" if follow.status == "rectified" else "warn"), " ",
                       _("rectify by {date}").format(date=follow.deadline.isoformat())]
        if follow.overdue:
            follow_text += [" ", badge(_("Overdue"), "bad")]
    return html.Li([
        html.Div([time_tag(row.created_at, with_time=False),
                  who, level_badge(row.level)], className="row-head"),
        facts([(_("Inspection of"), row.inspection_date.isoformat()),
               (_("Comment"), row.comment), (_("Follow-up"), follow_text),
               (_("Revisit"), follow.revisit_note if follow else None),
               (_("Officer's answer"), row.answer.text if row.answer else None)]),
        *([extra] if extra is not None else []),
    ])


def officer_evaluations_section(summary: EvaluationSummary | None, figure: Consistency | None,
                                rows: list[EvaluationPublic]) -> html.Section:
    title = _("Evaluations by inspected businesses")
    body: list[Any] = []
    if summary is not None:
        body.append(summary_counts(summary))
    if figure is not None:
        body.append(consistency_facts(figure))
    body.append(html.Ul([evaluation_row(row) for row in rows], className="rows") if rows
                else empty(_("No business has evaluated this officer yet.")))
    return section(title, *body, name="evaluations")
