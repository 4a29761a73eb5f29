"""What a page's layout tells the server-side render besides its components: status and title."""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass
class PageResponse:
    status: int = 200
    title: str | None = None


_current: ContextVar[PageResponse] = ContextVar("page_response")


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


def set_title(title: str) -> None:
    _current.get(PageResponse()).title = title
