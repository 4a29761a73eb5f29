"""Why this quantified grade and this risk level (/grades/<code>): the facts behind each score with
their points and weights, what the score's date means and what its trend compares with."""

from __future__ import annotations

from typing import Any

from backend.businesses.schemas import TRADE_LABELS, Trade
from backend.config import get_settings
from backend.grading.rules import DYNAMIC_RISK_CAP, FACE_LABELS, FACE_SYMBOLS, TREND_LABELS, Face, Trend
from backend.grading.schemas import BandPublic, FactPublic, PartPublic, RiskPublic
from backend.i18n import _, listed
from backend.inspections.schemas import RESULT_LABELS
from portal.components.sections import empty, facts
from portal.components.tags import dcc, html

QUANTIFIED_ID, RISK_ID = "quantified-grade", "risk-level"  # anchors the QR page links to


def _points(value: float) -> str:
    return f"{value:g}"


def _result(result: str | None) -> str:
    return _(RESULT_LABELS[result]) if result in RESULT_LABELS else (result or "")


def _trend(band: BandPublic) -> str:
    return _(TREND_LABELS[Trend(band.trend)]) if band.trend else "—"


def _named(fact: FactPublic) -> str:
    """A fact as a reader knows it; a penalty past its publication period stays unnamed."""
    if fact.kind == "inspection" and fact.date:
        return _("the inspection of {date}").format(date=fact.date.isoformat())
    if fact.decision_number and fact.date:
        return _("penalty {number} of {date}").format(number=fact.decision_number,
                                                      date=fact.date.isoformat())
    return _("a penalty past its publication period")


def _dated(band: BandPublic, *, window: str) -> str:
    """What the score's date means: the day its newest fact came, or the day one ran out of
    `window` (the rule's look-back, in words)."""
    if band.stopped:
        return _("Dated {date}: the score since that day, when {facts} stopped counting "
                 "({window}).").format(date=band.on.isoformat(), window=window,
                                       facts=listed(_named(fact) for fact in band.stopped))
    if any(part.date == band.on for part in band.counted):
        return _("Dated {date}: the day of the newest fact it counts.").format(date=band.on.isoformat())
    return _("Dated {date}: since then no failed inspection or penalty has counted; the score is "
             "its trade's alone.").format(date=band.on.isoformat())


def _inspection_row(part: PartPublic) -> html.Tr:
    return html.Tr([html.Td(part.date.isoformat() if part.date else "—"), html.Td(_result(part.result)),
                    html.Td(_points(part.points)), html.Td(_points(part.weight))])


def quantified_section(band: BandPublic | None) -> html.Section:
    days = get_settings().grade_window_days
    title = _("Quantified grade (量化分级)")
    if band is None:
        return _card(title, empty(_("Not graded yet: no inspection in the period.")),
                     name="quantified", anchor=QUANTIFIED_ID)
    face = Face(band.band)
    children: list[Any] = [facts([(_("Quantified grade"), [
        html.Span(FACE_SYMBOLS[face], className="face", **{"aria-hidden": "true"}), " ",
        html.Strong(_(FACE_LABELS[face])), " · ",
        _("score {score} of 100").format(score=_points(band.score))])])]
    if band.counted:
        head = html.Tr([html.Th(_("Inspection")), html.Th(_("Result")), html.Th(_("Points")),
                        html.Th(_("Weight"))])
        children.append(html.Table([html.Thead(head), html.Tbody([_inspection_row(p) for p in band.counted])],
                                   className="table"))
        weighted = " + ".join(f"{_points(p.points)} × {_points(p.weight)}" for p in band.counted)
        children.append(html.P(_("Weighted mean: ({weighted}) ÷ {weights} = {score}.").format(
            weighted=weighted, weights=_points(sum(p.weight for p in band.counted)),
            score=_points(band.score))))
    window = _("the grade counts the last {days} days").format(days=days)
    children.append(html.P(_dated(band, window=window)))
    newest = band.counted[0].date if band.counted else None
    if band.before is not None and newest is not None:
        children.append(html.P(_("Trend {trend}: before the inspection of {date} the score was "
                                 "{before}.").format(trend=_trend(band), date=newest.isoformat(),
                                                     before=_points(band.before))))
    return _card(title, *children, name="quantified", anchor=QUANTIFIED_ID)


def _risk_line(part: PartPublic) -> str:
    points, day = _points(part.points), part.date.isoformat() if part.date else ""
    if part.kind == "inspection":
        return _("Inspection of {date}, {result}: +{points}").format(
            date=day, result=_result(part.result), points=points)
    if not part.decision_number:
        return _("A penalty past its publication period: +{points}").format(points=points)
    if part.serious:
        return _("Serious penalty {number} of {date}: +{points}").format(
            number=part.decision_number, date=day, points=points)
    return _("Penalty {number} of {date}: +{points}").format(number=part.decision_number, date=day,
                                                              points=points)


def risk_section(band: RiskPublic | None, trade: str) -> html.Section | None:
    if band is None:
        return None
    low, high = band.per_year
    often = (_("{n} inspections a year").format(n=low) if low == high
             else _("{low}–{high} inspections a year").format(low=low, high=high))
    children: list[Any] = [facts([(_("Risk level"), [html.Strong(band.band), " · ", often]),
                                  (_("Risk score"), _points(band.score))])]
    if band.static is not None:
        label = _(TRADE_LABELS[Trade(trade)]) if trade in Trade.__members__.values() else trade
        lines = [_("Static risk of its trade ({trade}): {points}").format(trade=label,
                                                                          points=_points(band.static))]
        lines += [_risk_line(part) for part in band.counted]
        if sum(part.points for part in band.counted) > DYNAMIC_RISK_CAP:
            lines.append(_("The last year's facts add at most {cap}.").format(cap=_points(DYNAMIC_RISK_CAP)))
        children += [html.Ul([html.Li(line) for line in lines]),
                     html.P(_("{static} by trade + {dynamic} from the last year = {score}.").format(
                         static=_points(band.static), dynamic=_points(band.score - band.static),
                         score=_points(band.score)))]
    children.append(html.P(_dated(band, window=_("the risk counts the last year"))))
    if band.before is not None:
        children.append(html.P(_("Trend {trend}: a quarter earlier the score was {before}.").format(
            trend=_trend(band), before=_points(band.before))))
    return _card(_("Risk level (风险等级)"), *children, name="risk", anchor=RISK_ID)


def _card(title: str, *children: Any, name: str, anchor: str) -> html.Section:
    """A titled card (as sections.section draws it) that a link can point into."""
    return html.Section([html.H2(title), *children], className=f"card card-{name}", id=anchor)


def rules_link() -> html.P:
    return html.P(dcc.Link(_("How grades and lists work"), href="/how-it-works"), className="muted")
