"""Random inspection plans (/random-draws): every published plan, its seed and its result."""

from __future__ import annotations

from collections.abc import Mapping

import dash

from backend.database import get_db
from backend.i18n import _
from backend.random_draw import service
from portal import random_draw_admin
from portal.auth import current_actor
from portal.components.random_draw import plan_row
from portal.components.records import nothing_on_page, page_url, pager
from portal.components.sections import page, section
from portal.components.tags import html
from portal.numbers import page_number

PATH = "/random-draws"
dash.register_page(__name__, path=PATH, title=lambda **_path: _("Random inspections"))


def layout(page: str = "1", **_query: str) -> html.Article:
    return listing(number=page_number(page))


def listing(error: str = "", typed: Mapping[str, str] | None = None, number: int = 1) -> html.Article:
    """`error` comes only from an administrator's rejected form, never from the address; `typed`
    is that form as sent, shown again."""
    found = service.listed(get_db(), actor=current_actor(), page_number=number)
    rows = html.Ul([plan_row(plan) for plan in found.data], className="rows") if found.data else \
        nothing_on_page(found.meta.totalCount, page_url(PATH, {}, found.meta.totalPages),
                        _("No draw has been published yet."))
    more = pager(PATH, {}, number, found.meta.totalPages) if found.meta.totalPages > 1 else None
    return page(_("Random inspections"),
                html.P(_("Businesses and officers are drawn at random (双随机) from published "
                         "registers. Each plan's register hash, weights and random seed are "
                         "published before the draw, so anyone can re-run it (一公开).")),
                section(_("Plans"), rows, more, name="plans"),
                random_draw_admin.create_form(error, typed) if random_draw_admin.is_admin() else None,
                lead=_("Double random, one public"))
