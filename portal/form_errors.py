"""One readable, translated line for a rejected form, whether pydantic or a service refused it."""

from pydantic import ValidationError

from backend import invalid_input
from backend.errors import DomainError
from backend.i18n import _


def message(exc: ValidationError | DomainError) -> tuple[str, int]:
    """The text to show and the HTTP status to answer with."""
    if isinstance(exc, DomainError):
        return exc.translated(_), exc.status_code
    return "; ".join(invalid_input.line(dict(error)) for error in exc.errors()), 422
