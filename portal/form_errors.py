"""One readable, translated line for a rejected form, whether pydantic or a service refused it."""

from collections.abc import Mapping

import flask
from pydantic import ValidationError

from backend import invalid_input
from backend.errors import DomainError
from backend.i18n import N_, _

# What the forms' readers call each field a refusal can name. The API answers with its own field
# names (`stars: …`); a person filling in a form never saw those, so a form says "Stars: …".
FIELD_NAMES = {
    "base_ratio": N_("Base ratio (%)"),
    "blur_faces": N_("Blur faces in public views"),
    "business_code": N_("Credit code"),
    "category": N_("Category"),
    "checked_items": N_("Items checked"),
    "comment": N_("Comment"),
    "correction_note": N_("What changed and why"),
    "corrects": N_("Corrects edition"),
    "criteria": N_("Criteria"),
    "cut_off": N_("Cut-off date"),
    "date": N_("Inspection date"),
    "decided_on": N_("Decided on"),
    "decision_number": N_("Decision number"),
    "evidence": N_("Evidence"),
    "facts": N_("Facts"),
    "fine_yuan": N_("Fine (yuan)"),
    "id": N_("Id"),
    "inspection_id": N_("Inspection"),
    "items_found": N_("Items found"),
    "legal_basis": N_("Legal basis"),
    "level": N_("Your evaluation"),
    "location": N_("Location"),
    "measures": N_("Penalty"),
    "name": N_("Name"),
    "note": N_("Note"),
    "officer_id": N_("Officer"),
    "officer_ids": N_("Officers"),
    "opinion": N_("Opinion"),
    "phone": N_("Phone"),
    "public": N_("Show this camera to the public"),
    "reason": N_("Reason"),
    "record_id": N_("The record you object to"),
    "record_kind": N_("The record you object to"),
    "rectification_deadline": N_("Rectify by"),
    "rectified": N_("Was it put right?"),
    "result": N_("Result"),
    "rules": N_("Rules"),
    "satisfied": N_("Satisfied"),
    "source": N_("Source"),
    "source_url": N_("Source address"),
    "staff_id": N_("Staff member"),
    "staffed_hours": N_("Staffed hours"),
    "stars": N_("Stars"),
    "statement": N_("Statement"),
    "text": N_("Text"),
    "threshold": N_("Threshold"),
    "unit_id": N_("Unit"),
    "within_days": N_("Within days"),
    "zones": N_("Areas the AI ignores"),
}


def with_retry_after(response: flask.Response, exc: Exception) -> flask.Response:
    """A refusal for too many requests says when to come back (Retry-After), as the API does."""
    seconds = getattr(exc, "retry_after_s", None)
    if seconds:
        response.headers["Retry-After"] = str(seconds)
    return response


def message(exc: ValidationError | DomainError,
            labels: Mapping[str, str] | None = None) -> tuple[str, int]:
    """The text to show and the HTTP status to answer with. `labels`: field → msgid of the label
    a form shows where it differs from FIELD_NAMES (a rectification's "note" is labelled "What did
    you change?"), so the refusal names the field as the reader sees it."""
    if isinstance(exc, DomainError):
        return exc.translated(_), exc.status_code
    names = {**FIELD_NAMES, **(labels or {})}
    return " ".join(invalid_input.line(dict(error), names) for error in exc.errors()), 422


def refused_fields(exc: ValidationError | DomainError,
                   renamed: Mapping[str, str] | None = None) -> dict[str, str]:
    """Which fields of the form `exc` refused, by the name the form posts them under, each with
    why in a few words: the form marks them and says so beside them, under `message`'s summary.
    `renamed`: the schema's field → the form's name for it, where they differ. A DomainError of our
    own names no field ({}): the summary alone says what is wrong."""
    if not isinstance(exc, ValidationError):
        return {}
    failed: dict[str, str] = {}
    for error in exc.errors():
        where = [part for part in error.get("loc", ()) if part not in ("body", "query", "path")]
        if not where or not isinstance(where[0], str):
            continue   # the model as a whole (two fields that disagree): the summary says which
        name = (renamed or {}).get(where[0], where[0])
        # the reason alone, in a form's words ("Choose one of the options offered."): the field is beside it
        reason = invalid_input.line({**error, "loc": ()}, FIELD_NAMES)
        failed[name] = f"{failed[name]} {reason}" if name in failed else reason
    return failed
