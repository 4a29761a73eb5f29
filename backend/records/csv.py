"""CSV answers for the open-data endpoints, written row by row as the client reads them."""

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Annotated, Any

from fastapi import Query
from fastapi.responses import StreamingResponse
from pydantic import BaseModel

from backend import clock

# What a spreadsheet program reads as the start of a formula (OWASP's list): a cell of text that
# begins with one (a business named "=HYPERLINK(…)") would run as one when the file is opened.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """Text that would start a formula, with a ' before it (shown as text, the ' hidden)."""
    return f"'{value}" if isinstance(value, str) and value.startswith(_FORMULA_STARTS) else value


def _cell(value: Any) -> Any:
    if isinstance(value, datetime):  # a moment with its offset, as the JSON answers give it
        return clock.rfc3339(value)
    if isinstance(value, list):
        return spreadsheet_safe("; ".join(str(item) for item in value))
    if isinstance(value, BaseModel):
        return value.model_dump_json()
    return "" if value is None else spreadsheet_safe(value)


def rows_as_csv(columns: Iterable[str], rows: Iterable[BaseModel | dict[str, Any]]) -> Iterator[str]:
    """UTF-8 with a BOM so spreadsheet programs read the Chinese text right."""
    columns = list(columns)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    yield "\ufeff" + buffer.getvalue()
    for row in rows:
        values = row.model_dump() if isinstance(row, BaseModel) else row
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([_cell(getattr(row, c, None) if c not in values else values[c])
                         for c in columns])
        yield buffer.getvalue()


# A listing's `format` query parameter: a page of JSON, or every row as CSV.
Format = Annotated[str, Query(pattern="^(json|csv)$", description="json (paged) or csv (all rows)")]


def csv_response(filename: str, columns: Iterable[str], rows: Iterable[Any]) -> StreamingResponse:
    return StreamingResponse(rows_as_csv(columns, rows), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": f'attachment; filename="{filename}"'})
