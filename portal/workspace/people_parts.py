"""What the sections of /admin/people share: where the administrator is on the page (the lists'
pages and the accounts' filter, carried by every form), its address, pager and rows."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from backend.i18n import _
from backend.paging import PageMeta
from backend.users.schemas import Role
from portal.components.forms import hidden
from portal.components.sections import notice
from portal.components.tags import html
from portal.workspace.views import Refusal

PATH = "/admin/people"


def state_of(query: Mapping[str, str]) -> dict[str, str]:
    """Where the administrator is on the page: the lists' pages and the accounts' filter. Every
    form carries it (hidden fields), so a refused form comes back on the page it was posted from
    and a done one returns there; never what was done (`done`)."""
    state = {f"{name}_page": str(page_of(query, name)) for name in ("officers", "accounts")
             if page_of(query, name) > 1}
    name = str(query.get("account_name", "")).strip()[:40]
    role = str(query.get("account_role", ""))
    return state | ({"account_name": name} if name else {}) | (
        {"account_role": role} if role in set(Role) else {})


def address(state: Mapping[str, str], **said: str) -> str:
    """The page at `state`, announcing what was done (`said`: done=…, returned=…)."""
    query = {**state, **said}
    return f"{PATH}?{urlencode(query)}" if query else PATH


def kept(state: Mapping[str, str]) -> list[Any]:
    return [hidden(key, value) for key, value in state.items()]


def page_of(query: Mapping[str, str], name: str) -> int:
    value = str(query.get(f"{name}_page", "1"))
    return int(value) if value.isdigit() and 0 < int(value) <= 10_000 else 1


def pager(meta: PageMeta, name: str, state: Mapping[str, str]) -> Any:
    if meta.totalPages <= 1:
        return None
    links = []
    for number, text in ((meta.pageNumber - 1, _("Previous page")), (meta.pageNumber + 1, _("Next page"))):
        if 1 <= number <= meta.totalPages:
            links.append(html.A(text, href=address({**state, f"{name}_page": str(number)})))
    return html.P([*links, html.Span(_("Page {n} of {total}").format(n=meta.pageNumber,
                                                                     total=meta.totalPages),
                                     className="muted")], className="pager")


def row(title: Any, details: list[Any], *extra: Any) -> html.Li:
    return html.Li([html.Div([html.Strong(title), *[html.Span(d, className="muted") for d in details if d]],
                             className="row-head"), *extra])


def error(refused: Refusal, form: str) -> Any:
    error = refused.error_of(form)
    return notice(error, "bad") if error else None


def typed(form: Mapping[str, str]) -> dict[str, str]:
    """What a refused form is drawn again with: everything but passwords (and where the page was,
    which state_of reads)."""
    return {key: value for key, value in form.items() if "password" not in key and key not in STATE}


STATE = ("officers_page", "accounts_page", "account_name", "account_role")
