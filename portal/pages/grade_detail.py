"""Why this grade (/grades/<code>): the consumer grade's reasons in words, then a 12-month chart."""

from __future__ import annotations

from typing import Any

import dash

from backend.database import get_db
from backend.errors import DomainError
from backend.i18n import _
from backend.profiles import service as profiles
from portal import page_response, sticker
from portal.components.charts import chart, trend_figure
from portal.components.reviews import band_text, why_this_grade
from portal.components.sections import empty, facts, not_found_title, page, problem_page, section
from portal.components.tags import dcc, html

dash.register_page(__name__, path_template="/grades/<code>",
                   title=lambda **_path: _("Why this grade"))

TREND_CHART = "grade-trend-chart"


def layout(code: str | None = None, s: str | list[str] | None = None, **_query: str) -> Any:
    try:
        record = profiles.public_record(get_db(), code=code or "")
    except DomainError as exc:  # an unknown code, or one that cannot be a credit code (a typo)
        return problem_page(not_found_title(exc), exc.translated(_), exc.status_code)
    page_response.set_title(_("{kind} – {name}").format(kind=_("Why this grade"), name=record.business.name))
    grade = record.grades.consumer
    back = html.P(dcc.Link(_("Back to the public record"),
                           href=f"/b/{record.business.code}{sticker.carried(record.business.code, s)}"))
    if grade is None:
        return page(_("Why this grade"), empty(_("No scored review yet: this business has no "
                                                 "consumer grade.")), back, lead=record.business.name)
    months = html.Table([html.Thead(html.Tr([html.Th(_("Month")), html.Th(_("Average score")),
                                             html.Th(_("Reviews"))])),
                         html.Tbody([html.Tr([html.Td(row["month"]), html.Td(str(row["score"])),
                                              html.Td(str(row["reviews"]))])
                                     for row in grade.trend])], className="table")
    return page(
        _("Why this grade"),
        facts([(_("Consumer grade"), band_text(grade.band)),
               (_("Score behind the band"), f"{grade.score} / 100")]),
        section(_("Reasons"), why_this_grade(grade), name="why"),
        section(_("Trend over 12 months"), months,
                chart(trend_figure(grade.trend), id=TREND_CHART, label=_("Trend over 12 months")),
                name="trend"),
        html.P(dcc.Link(_("How grades work"), href="/grades")), back,
        lead=record.business.name)
