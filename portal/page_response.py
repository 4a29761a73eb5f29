"""What a page's layout tells the server-side render besides its components: status and title."""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass
class PageResponse:
    status: int = 200
    title: str | None = None


_current: ContextVar[PageResponse] = ContextVar("page_response")
# Dash's page router asks for a page's `title` (by the address's variables) right after building
# its layout, in the same context, also when its scripts take over the server's page: the title can
# be what the layout read (a shop's name) without reading it again. Kept with what it is the title
# of, so a title left from another address is never taken.
_chosen: ContextVar[tuple[object, str] | None] = ContextVar("chosen_title", default=None)


def start() -> PageResponse:
    """A fresh response for the layout about to be built; the server reads it afterwards."""
    response = PageResponse()
    _current.set(response)
    return response


def set_status(status: int) -> None:
    """Inside a Dash callback nobody reads it, which is fine: only the first response has a status."""
    _current.get(PageResponse()).status = status


def status() -> int:
    """The status set so far (a refused form's, say)."""
    return _current.get(PageResponse()).status


def set_title(title: str, *, of: object = None) -> None:
    """`of`: what the address names (a business's code), to give the title to `chosen_title` too."""
    _current.get(PageResponse()).title = title
    if of is not None:
        _chosen.set((of, title))


def chosen_title(of: object, default: str) -> str:
    """The title the layout just chose for `of`; `default` if it chose none."""
    chosen = _chosen.get()
    return chosen[1] if chosen is not None and chosen[0] == of else default
