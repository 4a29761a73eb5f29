"""Red and black lists (/lists): the current edition, the criteria, and every past edition."""

from __future__ import annotations

import dash

from backend.database import get_db
from backend.errors import NotFound
from backend.i18n import _
from backend.lists import service as lists
from backend.lists.schemas import ListKind
from portal.components.lists import (
    criteria_section,
    edition_criteria,
    edition_facts,
    entries_section,
)
from portal.components.sections import empty, page, section
from portal.components.tags import dcc, html

dash.register_page(__name__, path="/lists", title=lambda **_path: _("Red and black lists"))


def layout(**_query: str) -> html.Article:
    db = get_db()
    criteria = lists.current_criteria(db)
    try:
        current = lists.edition(db)
    except NotFound:
        return page(_("Red and black lists"), empty(_("No edition has been published yet.")),
                    criteria_section(criteria.version, criteria.criteria, criteria.note))
    past = lists.editions(db, page_size=100)
    used = edition_criteria(db, current.criteria_version)
    return page(
        _("Red and black lists"),
        section(_("Current edition"), edition_facts(current), name="edition"),
        entries_section(ListKind.BLACK, lists.entries(db, number=current.number,
                                                      list_kind=ListKind.BLACK),
                        number=current.number, total=current.black_count, criteria=used),
        entries_section(ListKind.RED, lists.entries(db, number=current.number,
                                                    list_kind=ListKind.RED),
                        number=current.number, total=current.red_count, criteria=used),
        criteria_section(criteria.version, criteria.criteria, criteria.note),
        section(_("All editions"), html.Ul([html.Li([
            dcc.Link(_("Edition {n}").format(n=row.number), href=f"/lists/{row.number}"), " · ",
            _("cut-off {date}").format(date=row.cut_off.isoformat()), " · ",
            _("{red} red, {black} black").format(red=row.red_count, black=row.black_count)])
            for row in past.data], className="rows"), name="editions"),
        lead=_("Published monthly from the criteria below; each edition is numbered, dated and "
               "never changed. A correction is a new edition that says what changed and why."))
