"""The home page (/): find a business by name, address or credit code; filter; page through."""

from __future__ import annotations

from urllib.parse import urlencode

import dash
from dash import Input, Output, State

from backend.businesses import service as businesses
from backend.businesses.schemas import TRADE_LABELS, BusinessesPublic, Trade
from backend.database import get_db
from backend.errors import DomainError
from backend.i18n import _, ngettext
from portal.components.records import past_the_end
from portal.components.sections import empty, notice, page
from portal.components.tags import dcc, html
from portal.numbers import page_number
from portal.serialize import dom_id

dash.register_page(__name__, path="/", title=lambda **_path: _("Find a business"))

SEARCH_FORM = "search-form"
SEARCH_TEXT = "search-text"
# Dict ids: a Dropdown has no `name`, and the server render names its <select> from "name".
SEARCH_DISTRICT = {"type": "search-field", "name": "district"}
SEARCH_TRADE = {"type": "search-field", "name": "trade"}
SEARCH_BUTTON = "search-button"
SEARCH_NAVIGATE = "search-navigate"
SEARCH_RESULTS = "search-results"
PAGE_SIZE = 10


def search_url(*, q: str = "", district: str = "", trade: str = "", page: int = 1) -> str:
    """The shareable address of a search; the same one a plain GET form submits."""
    params = {"q": q, "district": district, "trade": trade, "page": page if page > 1 else ""}
    query = urlencode({key: value for key, value in params.items() if value})
    return f"/?{query}" if query else "/"


def layout(q: str = "", district: str = "", trade: str = "", page: str = "1",
           **_query: str) -> html.Article:
    trade = trade if trade in Trade.__members__.values() else ""
    number = page_number(page)
    return _search_page(q.strip(), district, trade, number)


def _search_page(text: str, district: str, trade: str, number: int) -> html.Article:
    db = get_db()
    try:
        found = businesses.search(db, text=text, district=district, trade=trade,
                                  page_number=number, page_size=PAGE_SIZE)
        results = _results(found, q=text, district=district, trade=trade)
    except DomainError as exc:
        results = notice(exc.translated(_), "warn")
    return page(_("Find a business"),
                _form(text, district, trade, businesses.districts(db)),
                html.Section(results, id=SEARCH_RESULTS, className="results",
                             **{"aria-live": "polite"}),
                lead=_("Search by name, address or unified social credit code."))


def _form(text: str, district: str, trade: str, districts: list[str]) -> html.Form:
    """A plain GET form, so search works before (or without) Dash; Dash then takes it over."""
    trades = [{"label": _(label), "value": value.value} for value, label in TRADE_LABELS.items()]
    return html.Form([
        html.Div([
            html.Div([html.Label(_("Name, address or credit code"), htmlFor=SEARCH_TEXT),
                      dcc.Input(id=SEARCH_TEXT, name="q", type="search", value=text,
                                maxLength=100, autoComplete="off")]),
            html.Div([html.Label(_("District"), htmlFor=dom_id(SEARCH_DISTRICT)),
                      dcc.Dropdown(id=SEARCH_DISTRICT, value=district or None,
                                   options=[{"label": d, "value": d} for d in districts],
                                   placeholder=_("All districts"))]),
            html.Div([html.Label(_("Trade"), htmlFor=dom_id(SEARCH_TRADE)),
                      dcc.Dropdown(id=SEARCH_TRADE, value=trade or None, options=trades,
                                   placeholder=_("All trades"))]),
            html.Button(_("Search"), id=SEARCH_BUTTON, type="submit"),
        ], className="form-row form"),
        dcc.Location(id=SEARCH_NAVIGATE, refresh="callback-nav"),
    ], id=SEARCH_FORM, action="/", method="get", role="search", **{"data-dash-submit": "1"})


def _results(found: BusinessesPublic, **search: str) -> list:
    meta = found.meta
    if not meta.totalCount:
        return [empty(_("No business matches your search."))]
    rows = [html.Li([
        html.Div([dcc.Link(row.name, href=f"/b/{row.code}"),
                  html.Span(_(TRADE_LABELS[row.trade]), className="muted")], className="row-head"),
        html.Div(row.address, className="muted"),
    ]) for row in found.data]
    if not rows:
        return [past_the_end(search_url(**search, page=meta.totalPages))]
    found_text = ngettext("about {count} business found", "about {count} businesses found",
                          meta.totalCount) if meta.totalIsEstimate else \
        ngettext("{count} business found", "{count} businesses found", meta.totalCount)
    count = _("{found} · page {page} of {pages}").format(
        found=found_text.format(count=meta.totalCount), page=meta.pageNumber,
        pages=max(meta.totalPages, 1))
    return [html.P(count, className="muted"), html.Ul(rows, className="rows card"),
            _pager(meta.pageNumber, meta.totalPages, search)]


def _pager(number: int, pages: int, search: dict[str, str]) -> html.Nav:
    links = []
    if number > 1:
        links.append(dcc.Link(_("← Previous"), href=search_url(**search, page=number - 1)))
    if number < pages:
        links.append(dcc.Link(_("Next →"), href=search_url(**search, page=number + 1)))
    return html.Nav(links, className="pager", **{"aria-label": _("Pages")})


def go_to_search(_clicks: int | None, _submits: int | None, district: str | None,
                 trade: str | None, text: str | None) -> str:
    """Any change becomes a navigation to the search's address: one code path renders results,
    and the address stays shareable."""
    return search_url(q=(text or "").strip(), district=district or "", trade=trade or "")


def register_callbacks(app: dash.Dash) -> None:
    app.callback(Output(SEARCH_NAVIGATE, "href"),
                 Input(SEARCH_BUTTON, "n_clicks"), Input(SEARCH_TEXT, "n_submit"),
                 Input(SEARCH_DISTRICT, "value"), Input(SEARCH_TRADE, "value"),
                 State(SEARCH_TEXT, "value"), prevent_initial_call=True)(go_to_search)
