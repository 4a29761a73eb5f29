"""The audit trail as administrators read it: each entry as stored, with any secret that got into
an entry's `data` or `before` withheld (a password hash, a token, a file's bytes)."""

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field

from backend import clock
from backend.clock import Instant
from backend.paging import PageMeta

WITHHELD = "[withheld]"
# A field is a secret when its name is one of these or ends in `_` and one of them (new_password,
# session_token); `password_changed_at` or `content_type` say when or what, and stay. A hash is a
# secret only as a password's: a list edition's or a draw register's hash is published.
SECRET_NAMES = frozenset({"password", "passwd", "password_hash", "hashed_password", "secret", "token",
                          "tokens", "credentials", "content", "salt", "api_key", "private_key", "session",
                          "session_id", "cookie"})


def is_secret(name: str) -> bool:
    name = name.lower()
    return name in SECRET_NAMES or any(name.endswith(f"_{secret}") for secret in SECRET_NAMES)


def shown(value: Any) -> Any:
    """A stored value as JSON shows it: secrets and bytes withheld, times with their offset
    (RFC 3339, as the API publishes them), ids and other BSON values as text."""
    if isinstance(value, dict):
        return {str(key): WITHHELD if is_secret(str(key)) else shown(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [shown(item) for item in value]
    if isinstance(value, bytes | bytearray | memoryview):
        return f"[{len(value)} bytes withheld]"
    if isinstance(value, datetime):
        return clock.rfc3339(value)
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)   # ObjectId, Decimal128…


class AuditEntryPublic(BaseModel):
    seq: int = Field(description="the entry's number in the chain")
    at: Instant
    actor: str = Field(description="the user name, or `anonymous` for the public and the system")
    role: str | None
    action: str = Field(examples=["task.accepted", "user.create", "settings.rules"])
    target: str = Field(description="what was written: a credit code, a task id, `user:<name>`…")
    data: dict[str, Any] = Field(description="what it is now (secrets withheld)")
    before: dict[str, Any] | None = Field(None, description="what an update changed it from")
    intact: bool = Field(description="its hash matches what it says and the entry before it; the whole "
                                     "chain is checked by `python -m backend.audit verify`")


class AuditEntriesPublic(BaseModel):
    data: list[AuditEntryPublic]
    meta: PageMeta
