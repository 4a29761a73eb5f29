"""One red/black list edition (/lists/<edition>), exactly as published."""

from __future__ import annotations

import dash

from backend.database import get_db
from backend.errors import NotFound
from backend.i18n import _
from backend.lists import service as lists
from backend.lists.schemas import ListKind
from portal import page_response
from portal.components.lists import edition_criteria, edition_facts, entries_section
from portal.components.sections import page, problem_page, section
from portal.components.tags import dcc, html
from portal.numbers import whole_number

dash.register_page(__name__, path_template="/lists/<edition>",
                   title=lambda **_path: _("List edition"))


def layout(edition: str | None = None, **_query: str) -> html.Article:
    if not edition:
        return problem_page(_("Edition not found"), _("Give the edition's number."), 404)
    number = whole_number(edition, at_most=10**9)
    if not number:  # 0, -1, "abc": the service would have no number to name
        return problem_page(_("Edition not found"),
                            _("There is no such edition: editions are numbered 1, 2, 3 and so on."), 404)
    db = get_db()
    try:
        found = lists.edition(db, number=number)
    except NotFound as exc:
        return problem_page(_("Edition not found"), exc.translated(_), 404)
    used = edition_criteria(db, found.criteria_version)
    title = _("List edition {n}").format(n=found.number)
    page_response.set_title(title)
    return page(
        title,
        section(_("About this edition"), edition_facts(found), name="edition"),
        entries_section(ListKind.BLACK, lists.entries(db, number=found.number,
                                                      list_kind=ListKind.BLACK),
                        number=found.number, total=found.black_count, criteria=used),
        entries_section(ListKind.RED, lists.entries(db, number=found.number,
                                                    list_kind=ListKind.RED),
                        number=found.number, total=found.red_count, criteria=used),
        html.P(dcc.Link(_("All editions and the criteria"), href="/lists")),
        lead=_("Cut-off {date}").format(date=found.cut_off.isoformat()))
