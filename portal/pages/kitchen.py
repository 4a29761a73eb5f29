"""The bright-kitchen wall (/kitchen): live views of the businesses that consented, by district and trade."""

from __future__ import annotations

import dash

from backend.businesses import service as businesses
from backend.businesses.schemas import TRADE_LABELS, Trade
from backend.cameras import service as cameras
from backend.database import get_db
from backend.i18n import _
from portal.components.kitchen import camera_card
from portal.components.sections import empty, page
from portal.components.tags import html

dash.register_page(__name__, path="/kitchen", title=lambda **_path: _("Bright kitchen"))

WALL = "kitchen-wall"
PAGE_SIZE = 24


def layout(district: str = "", trade: str = "", **_query: str) -> html.Article:
    db = get_db()
    trade = trade if trade in Trade.__members__.values() else ""
    found = cameras.search_public(db, district=district[:40], trade=trade, page_size=PAGE_SIZE)
    grid = (html.Ul([camera_card(camera) for camera in found.data], id=WALL, className="kitchen-wall")
            if found.data else empty(_("No business here shows its kitchen yet.")))
    return page(_("Bright kitchen"), _filters(district, trade, businesses.districts(db)), grid,
                html.P(html.A(_("How the AI is checked"), href="/kitchen/ai")),
                lead=_("Kitchens whose businesses chose to show them, as the cameras see them now."))


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
