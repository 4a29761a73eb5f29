"""Why this grade (/grades/<code>): the consumer grade's reasons in words with a 12-month chart,
then the quantified grade's inspections and the risk level's parts, each with its date and trend."""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

import dash

from backend.database import get_db
from backend.errors import DomainError
from backend.i18n import _
from backend.profiles import service as profiles
from portal import page_response, sticker
from portal.components.charts import chart, trend_figure
from portal.components.grade_parts import quantified_section, risk_section, rules_link
from portal.components.reviews import band_text, why_this_grade
from portal.components.sections import empty, facts, not_found_title, page, problem_page, section
from portal.components.tags import dcc, html

# The title the layout chose, for Dash's title callable, which it calls right after the layout in
# the same callback: the shop's name without reading its record twice. Keyed by the address's code,
# so a title left from another page is never taken.
_titled: ContextVar[tuple[str, str] | None] = ContextVar("grade_detail_title", default=None)


def _title(code: str | None = None, **_path: str) -> str:
    chosen = _titled.get()
    return chosen[1] if chosen and chosen[0] == code else _("Why this grade")


dash.register_page(__name__, path_template="/grades/<code>", title=_title)

TREND_CHART = "grade-trend-chart"


def _set_title(code: str | None, title: str) -> None:
    _titled.set((code or "", title))
    page_response.set_title(title)


def layout(code: str | None = None, s: str | list[str] | None = None, **_query: str) -> Any:
    try:
        record = profiles.public_record(get_db(), code=code or "")
    except DomainError as exc:  # an unknown code, or one that cannot be a credit code (a typo)
        _set_title(code, not_found_title(exc))
        return problem_page(not_found_title(exc), exc.translated(_), exc.status_code)
    _set_title(code, _("{kind} – {name}").format(kind=_("Why this grade"), name=record.business.name))
    back = html.P(dcc.Link(_("Back to the public record"),
                           href=f"/b/{record.business.code}{sticker.carried(record.business.code, s)}"))
    standing = record.standing
    return page(
        _("Why this grade"),
        *_consumer(record.grades.consumer),
        quantified_section(standing.grade if standing else None),
        risk_section(standing.risk if standing else None, record.business.trade),
        html.P([dcc.Link(_("How grades work"), href="/grades")]), rules_link(), back,
        lead=record.business.name)


def _consumer(grade: Any) -> list[Any]:
    if grade is None:
        return [section(_("Consumer grade"), empty(_("No scored review yet: this business has no "
                                                     "consumer grade.")), name="consumer")]
    months = html.Table([html.Thead(html.Tr([html.Th(_("Month")), html.Th(_("Average score")),
                                             html.Th(_("Reviews"))])),
                         html.Tbody([html.Tr([html.Td(row["month"]), html.Td(str(row["score"])),
                                              html.Td(str(row["reviews"]))])
                                     for row in grade.trend])], className="table")
    return [
        facts([(_("Consumer grade"), band_text(grade.band)),
               (_("Score behind the band"), f"{grade.score} / 100")]),
        section(_("Reasons"), why_this_grade(grade), name="why"),
        section(_("Trend over 12 months"), months,
                chart(trend_figure(grade.trend), id=TREND_CHART, label=_("Trend over 12 months")),
                name="trend"),
    ]
