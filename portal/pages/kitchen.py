"""The bright-kitchen wall (/kitchen): live views of the businesses that consented, by district and trade."""

from __future__ import annotations

import dash

from backend.businesses import service as businesses
from backend.businesses.schemas import TRADE_LABELS, Trade
from backend.cameras import service as cameras
from backend.config import get_settings
from backend.database import get_db
from backend.i18n import _, ngettext
from portal.components.kitchen import live_wall
from portal.components.records import nothing_on_page, page_url, pager
from portal.components.sections import empty, page
from portal.components.tags import dcc, html
from portal.numbers import page_number

dash.register_page(__name__, path="/kitchen", title=lambda **_path: _("Bright kitchen"))

def layout(district: str = "", trade: str = "", page: str = "1", **_query: str) -> html.Article:
    db = get_db()
    district = district[:40]
    trade = trade if trade in Trade.__members__.values() else ""
    number = page_number(page)
    # Each tile is an open stream: a page holds few enough for a phone on mobile data.
    found = cameras.search_public(db, district=district, trade=trade, page_number=number,
                                  page_size=get_settings().wall_page_size)
    query = {"district": district, "trade": trade}
    grid = live_wall(found.data) if found.data else _nothing(found.meta.totalCount, query,
                                                             found.meta.totalPages)
    paging = pager("/kitchen", query, number, found.meta.totalPages) if found.meta.totalPages > 1 else None
    return _page(_filters(district, trade, businesses.districts(db)),
                 html.P(ngettext("{count} camera", "{count} cameras", found.meta.totalCount).format(
                     count=found.meta.totalCount), className="muted"),
                 grid, paging)


def _nothing(total: int, query: dict[str, str], pages: int) -> object:
    """An empty page: past the last one, nothing matching the filter (with the way out of it), or
    no kitchen shown anywhere yet."""
    if total or not any(query.values()):
        return nothing_on_page(total, page_url("/kitchen", query, pages),
                               _("No business here shows its kitchen yet."))
    return html.Div([empty(_("No kitchen matches this filter.")),
                     html.P(dcc.Link(_("Clear the filter and show every kitchen"), href="/kitchen"))])


def _page(*content: object) -> html.Article:
    return page(_("Bright kitchen"), *content,
                html.P(html.A(_("How the AI is checked"), href="/kitchen/ai")),
                lead=_("Kitchens whose businesses chose to show them, live. Tap a view to watch it larger."))


def _filters(district: str, trade: str, districts: list[str]) -> html.Form:
    """A plain GET form: works without scripts."""
    district_options = [html.Option(_("All districts"), value="")] + [
        html.Option(name, value=name, selected=name == district) for name in districts]
    trade_options = [html.Option(_("All trades"), value="")] + [
        html.Option(_(label), value=value.value, selected=value.value == trade)
        for value, label in TRADE_LABELS.items()]
    return html.Form([
        html.Label(_("District"), htmlFor="kitchen-district"),
        html.Select(district_options, id="kitchen-district", name="district"),
        html.Label(_("Trade"), htmlFor="kitchen-trade"),
        html.Select(trade_options, id="kitchen-trade", name="trade"),
        html.Button(_("Filter"), type="submit"),
    ], method="get", action="/kitchen", className="form form-row")
