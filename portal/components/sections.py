"""Page scaffolding: a titled page, titled sections, fact lists, notices and empty states."""

from __future__ import annotations

from typing import Any

from backend.errors import DomainError
from backend.i18n import _
from portal import page_response
from portal.components.tags import dcc, html


def page(title: str, *children: Any, lead: Any = None) -> html.Article:
    """One page's content; the H1 is the page's only top-level heading."""
    heading = [html.H1(title)] + ([html.P(lead, className="lead")] if lead else [])
    return html.Article(heading + list(children), className="page")


def section(title: str, *children: Any, name: str = "") -> html.Section:
    """A titled card; `name` gives it a stable class so tests and styles can find it."""
    return html.Section([html.H2(title), *children],
                        className=f"card card-{name}" if name else "card")


def facts(rows: list[tuple[str, Any]]) -> html.Dl:
    """Label/value pairs; rows with an empty value are left out."""
    items: list[Any] = []
    for label, value in rows:
        if value not in (None, "", []):
            items += [html.Dt(label), html.Dd(value)]
    return html.Dl(items, className="facts")


def empty(text: str) -> html.P:
    return html.P(text, className="empty")


def notice(text: Any, tone: str = "info") -> html.P:
    """A message the reader must see; warnings are announced by screen readers."""
    role = "alert" if tone in ("bad", "warn") else "status"
    return html.P(text, className=f"notice notice-{tone}", role=role)


def not_found_title(exc: DomainError) -> str:
    """The heading for a business that could not be shown: unknown, or a code that cannot be one."""
    return _("Business not found") if exc.status_code == 404 else _("This is not a valid credit code")


def problem_page(title: str, message: str, status: int, *, of: object = None) -> html.Article:
    """A friendly page for a missing or malformed address, with the right HTTP status; `of` as
    for `page_response.set_title`."""
    page_response.set_status(status)
    page_response.set_title(title, of=of)
    return page(title, notice(message, "warn"),
                html.P(dcc.Link(_("Search for a business"), href="/")))
