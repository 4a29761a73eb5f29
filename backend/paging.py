"""Opaque keyset cursors for deep paging: where the last row of a page sorted."""

import base64
import json

from backend.errors import Invalid


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
