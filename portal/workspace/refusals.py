"""A refused form's fields marked, for forms whose own refusals (DomainErrors, which name no field)
are each about one field: a taken user name, a wrong current password, a district of another unit."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pydantic import ValidationError

from backend.errors import DomainError
from portal import form_errors, form_text, page_response
from portal.workspace import views


def marked(exc: ValidationError | DomainError, text: str, about: Mapping[str, str]) -> dict[str, str]:
    """pydantic names its fields; ours are found by message in `about` (msgid → field)."""
    if isinstance(exc, ValidationError):
        return form_errors.refused_fields(exc)
    field = about.get(exc.message)
    return {field: text} if field else {}


def attempt(act: Callable[[], Any], refused_form: Callable[[str, Mapping[str, str]], Any],
            labels: Mapping[str, str], about: Mapping[str, str]) -> Any:
    """As views.attempt, with the fields of our own refusals marked too (`about`, see `marked`);
    None when it went through. A refusal of the person (not allowed, unknown record) propagates."""
    try:
        form_text.check()  # text first, so a refused character stores nothing anywhere
        act()
    except (ValidationError, DomainError) as exc:
        if isinstance(exc, DomainError) and exc.status_code in (401, 403, 404):
            raise
        page_response.set_status(exc.status_code if isinstance(exc, DomainError) else 422)
        text = views.error_text(exc, labels)
        return views.opened_at(refused_form(text, marked(exc, text, about)), text)
    return None
