"""Paging for every JSON list: the page's query parameters, its `meta`, and opaque keyset cursors
for deep paging (where the last row of a page sorted)."""

import base64
import json
import math
from typing import Annotated

from fastapi import Query
from pydantic import BaseModel

from backend.errors import Invalid

MAX_PAGE_SIZE = 100
# Query parameters named as in the FHRS ratings API.
PageNumber = Annotated[int, Query(ge=1, le=1_000_000)]
PageSize = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)]


class PageMeta(BaseModel):
    """Paging metadata named as in the FHRS ratings API."""

    totalCount: int
    totalPages: int
    pageSize: int
    pageNumber: int
    nextCursor: str | None = None  # beside pageNumber: the next page by keyset, however deep
    # A long search text with very many candidates checks a share of them and scales the count.
    totalIsEstimate: bool = False

    @classmethod
    def of(cls, total: int, page_number: int, page_size: int, **extra: object) -> "PageMeta":
        return cls(totalCount=total, totalPages=math.ceil(total / page_size), pageSize=page_size,
                   pageNumber=page_number, **extra)


def check(page_number: int, page_size: int) -> None:
    """For callers other than the API (whose query parameters are bounded already)."""
    if page_number < 1:
        raise Invalid("The page number starts at 1.")
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise Invalid("The page size must be between 1 and {most}.", most=MAX_PAGE_SIZE)


def skip(page_number: int, page_size: int) -> int:
    """How many rows come before the page."""
    return (page_number - 1) * page_size


def cursor_position(text: str) -> int:
    """How many rows come before the page a cursor leads to; Invalid unless it says so."""
    if not text.isascii() or not text.isdigit() or len(text) > 12:
        raise Invalid("This paging cursor is not valid; start again from the first page.")
    return int(text)


def write_cursor(*key: str) -> str:
    return base64.urlsafe_b64encode(json.dumps(key, ensure_ascii=False).encode()).decode().rstrip("=")


def read_cursor(cursor: str, parts: int) -> list[str]:
    """The `parts` strings a cursor made by `write_cursor` carries; Invalid for anything else."""
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, UnicodeDecodeError) as exc:
        raise Invalid("This paging cursor is not valid; start again from the first page.") from exc
    if not isinstance(key, list) or len(key) != parts or not all(isinstance(part, str) for part in key):
        raise Invalid("This paging cursor is not valid; start again from the first page.")
    return key
