"""One readable, translated line for a rejected form, whether pydantic or a service refused it."""

from pydantic import ValidationError

from backend.errors import DomainError
from backend.i18n import _


def message(exc: ValidationError | DomainError) -> tuple[str, int]:
    """The text to show and the HTTP status to answer with."""
    if isinstance(exc, DomainError):
        return exc.translated(_), exc.status_code
    lines = []
    for error in exc.errors():
        cause = (error.get("ctx") or {}).get("error")
        text = cause.translated(_) if isinstance(cause, DomainError) else error["msg"]
        where = ".".join(str(part) for part in error.get("loc", ()))
        lines.append(f"{where}: {text}" if where else text)
    return "; ".join(lines), 422
