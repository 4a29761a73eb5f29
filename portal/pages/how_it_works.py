"""How it works (/how-it-works): every publication rule, grade, list criterion and deadline, with
the defaults this site runs with (read from the settings, so the page never disagrees with them)."""

from __future__ import annotations

from typing import Any

import dash

from backend import clock
from backend.businesses.schemas import TRADE_LABELS
from backend.config import get_settings
from backend.database import get_db
from backend.grading import rules as grading
from backend.i18n import _, listed
from backend.lists import service as lists
from backend.officers.consistency import MIN_SAMPLE
from backend.repair.schemas import EVIDENCE_GUIDE
from portal.components.lists import criterion_text
from portal.components.sections import page, section
from portal.components.tags import dcc, html

dash.register_page(__name__, path="/how-it-works", title=lambda **_path: _("How it works"))

# The follow-up deadline of a bad officer evaluation belongs to the evaluations feature; this
# default is what it ships with when that setting is absent.
EVALUATION_FOLLOW_UP_DAYS = 15


def _points(*items: Any) -> html.Ul:
    return html.Ul([html.Li(item) for item in items])


def _publication() -> html.Section:
    s = get_settings()
    return section(_("Publication"), _points(
        _("Inspection results are published within {days} working days of the inspection and stay "
          "public until the business's next inspection.").format(
            days=s.inspection_publish_working_days),
        _("Working days exclude weekends and public holidays and include the make-up working days "
          "(调休) of the national calendar; local extra holidays: {extra}.").format(
            extra=listed(d.isoformat() for d in s.extra_holidays) or _("none")),
        _("Days and times are those of {zone} ({offset}): today's date, the day a deadline counts "
          "from, and the deadline day itself, which ends at midnight there.").format(
            zone=s.timezone, offset=clock.zone_label(clock.local(clock.now()))),
        _("Administrative penalties stay public for {days} days; a warning, or a fine under "
          "{threshold} yuan, for {minor} days. Then they leave the public pages (not the "
          "database).").format(days=s.penalty_public_days, minor=s.penalty_public_days_minor,
                               threshold=f"{s.minor_fine_yuan:,}")), name="rules-publication")


def _grade() -> html.Section:
    s = get_settings()
    excellent, good = s.grade_bands
    return section(_("Quantified grade (量化分级)"), _points(
        _("Each inspection scores {c} (compliant), {b} (basically compliant) or {n} "
          "(non-compliant).").format(c=100, b=70, n=30),
        _("The grade is the weighted mean of the last three inspections within {days} days, the "
          "newest weighing 3, then 2, then 1.").format(days=s.grade_window_days),
        _("Excellent (big smile) from {excellent}, Good (smile) from {good}, Fair (flat face) "
          "below.").format(excellent=f"{excellent:g}", good=f"{good:g}"),
        _("The trend compares with the grade before the newest inspection. While an objection to "
          "an inspection is open the grade shows \"objection pending\"."),
        _("A grade is dated from the day its inspections began to count together: the newest one's "
          "day, or the day an older one left the {days}-day window. Each business's \"why this "
          "grade\" page lists the inspections counted (date, result, points, weight), also those a "
          "later inspection has taken off its public record.").format(days=s.grade_window_days)),
        name="rules-grade")


def _risk() -> html.Section:
    s = get_settings()
    a, b, c = s.risk_bands
    static = "; ".join(f"{_(label)} {grading.static_risk(trade.value):g}"
                       for trade, label in TRADE_LABELS.items())
    often = "; ".join(f"{level}: {low}–{high}" if low != high else f"{level}: {low}"
                      for level, (low, high) in s.risk_inspections_per_year.items())
    return section(_("Risk level (风险等级)"), _points(
        _("Static risk by trade: {static}.").format(static=static),
        _("Plus, over the last year, {failed} per non-compliant and {basic} per basically "
          "compliant inspection, {penalty} per penalty ({serious} if serious), at most {cap}.").format(
            failed=f"{grading.RISK_PER_RESULT['non_compliant']:g}",
            basic=f"{grading.RISK_PER_RESULT['basically_compliant']:g}",
            penalty=f"{grading.RISK_PER_PENALTY:g}", serious=f"{grading.RISK_PER_SERIOUS_PENALTY:g}",
            cap=f"{grading.DYNAMIC_RISK_CAP:g}"),
        _("A penalty of the last year counts even once it has left the public pages (a warning or "
          "a small fine is public for {days} days): the risk level is the regulator's, from its "
          "whole record.").format(days=s.penalty_public_days_minor),
        _("Level A up to {a}, B up to {b}, C up to {c}, D above.").format(
            a=f"{a:g}", b=f"{b:g}", c=f"{c:g}"),
        _("Inspections a year by level: {often}.").format(often=often),
        _("Each business's \"why this grade\" page shows its risk score in parts: its trade's, and "
          "each failed inspection and penalty of the last year (a penalty past its publication "
          "period unnamed); the score is dated from the day those facts began to count together."),
        [_("Which businesses are inspected is drawn at random (双随机): each plan's register, "
           "weights and seed are published before the draw, so anyone can draw again and check "
           "the result."), " ", dcc.Link(_("Random inspections"), href="/random-draws")]),
        name="rules-risk")


def _lists() -> html.Section:
    s = get_settings()
    criteria = lists.current_criteria(get_db())
    return section(_("Red and black lists (红黑榜)"), _points(
        _("An edition is computed on day {day} of every month from the criteria in force, "
          "numbered and dated, and never changed; a correction is a new edition that says what "
          "changed and why. Each edition carries a SHA-256 hash of its entries.").format(
            day=s.list_edition_day),
        [_("Criteria, version {version}:").format(version=criteria.version),
         html.Ul([html.Li(f"{c.id}: {criterion_text(c)}") for c in criteria.criteria])],
        dcc.Link(_("Current lists and past editions"), href="/lists")), name="rules-lists")


def _repair_and_objections() -> html.Section:
    s = get_settings()
    return section(_("Credit repair and objections"), _points(
        _("A black-listed business may apply for credit repair (信用修复) {days} days after it was "
          "listed, once its penalties are fulfilled; an officer decides within {decide} working "
          "days and gives the reason.").format(days=s.repair_wait_days,
                                                decide=s.repair_decision_working_days),
        [_("Evidence to upload:"), html.Ul([html.Li(_(item)) for item in EVIDENCE_GUIDE])],
        _("A business may object (异议申诉) to a published record; the answer is due within {days} "
          "working days, and until then the record shows \"objection pending\".").format(
            days=s.objection_answer_working_days)), name="rules-repair")


def _evaluations() -> html.Section:
    days = getattr(get_settings(), "evaluation_follow_up_working_days", EVALUATION_FOLLOW_UP_DAYS)
    return section(_("Two-way evaluation"), _points(
        _("After an inspection the business rates each officer: very satisfied, satisfied, basically "
          "satisfied, dissatisfied or very dissatisfied, once per inspection."),
        _("The last two are bad evaluations: each opens a follow-up with a rectification deadline "
          "of {days} working days and a revisit.").format(days=days),
        _("An officer of the unit over the business's district, never the officer evaluated, "
          "records the revisit and "
          "whether it was put right; officer profiles count good and bad evaluations and how many "
          "bad ones were rectified. The officer may answer each evaluation publicly, once."),
        _("Inspector consistency: how often an officer's inspections find problems, against how "
          "often the rest of the unit finds them at businesses of the same trade and risk level, "
          "weighted by the officer's own mix, over {window} days; shown with both sample sizes. "
          "Within two standard errors it counts as in line; below {least} comparable inspections "
          "there are too few to judge.").format(
            window=get_settings().consistency_window_days, least=MIN_SAMPLE)),
        name="rules-evaluation")


def _deadlines() -> html.Section:
    s = get_settings()
    return section(_("Deadlines"), _points(
        _("A complaint: decide whether to accept it within {accept} working days, verify it within "
          "{verify}, tell the complainant the result within {notify} after that, and close a "
          "mediation within {mediate}. A reopened complaint is verified again within {verify}.").format(
            accept=s.complaint_accept_days, verify=s.complaint_verify_days,
            notify=s.complaint_notify_days, mediate=s.complaint_mediation_days),
        _("A licence or certificate shows \"expiring\" {days} days before it ends; notices go out "
          "{windows} days before; an expired one becomes a task due in {task} working days.").format(
            days=s.expiring_within_days, windows=listed(str(d) for d in s.expiry_windows),
            task=s.expiry_task_working_days),
        _("Special equipment shows a warning once its last maintenance is more than {days} days old "
          "or its inspection date has passed; a fault reported by the public is a task due in "
          "{fault} working days.").format(days=s.equipment_maintenance_days,
                                          fault=s.equipment_fault_working_days),
        _("A confirmed kitchen alert must be put right within {days} working days.").format(
            days=s.alert_rectify_working_days)), name="rules-deadlines")


def _audit() -> html.Section:
    return section(_("Audit trail"), _points(
        _("Every write records who, when, what, and what it changed from."),
        _("Entries are numbered and chained by hash; anyone with the data can re-check the chain "
          "with: python -m backend.audit verify")), name="rules-audit")


def layout(**_query: str) -> html.Article:
    return page(_("How it works"), _publication(), _deadlines(), _grade(), _risk(), _lists(),
                _repair_and_objections(), _evaluations(), _audit(),
                lead=_("Every rule this site applies, with the defaults it runs with."))
