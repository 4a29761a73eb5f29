"""Why a field was refused, in the reader's language: one line per field, "where: why", for the
API's 422 answers and the portal's forms alike. Our own rules raise DomainErrors with their own
messages; pydantic's checks (required, numbers, lengths, dates, choices) are put in words here,
since pydantic speaks only English."""

import re
from collections.abc import Mapping
from typing import Any

from backend.errors import DomainError
from backend.i18n import N_, gettext, listed

# pydantic-core's error types → our words; a placeholder is filled from the error's context.
_BY_TYPE = {
    "missing": N_("This field is required."),
    "extra_forbidden": N_("This field is not accepted here."),
    "repeated": N_("Give this only once: it takes one value."),
    "greater_than": N_("Must be more than {gt}."),
    "greater_than_equal": N_("Must be at least {ge}."),
    "less_than": N_("Must be less than {lt}."),
    "less_than_equal": N_("Must be at most {le}."),
    "string_too_short": N_("Must be at least {min_length} characters long."),
    "string_too_long": N_("Must be at most {max_length} characters long."),
    "string_pattern_mismatch": N_("Is not in the expected form."),
    "too_short": N_("Needs at least {min_length} entries."),
    "too_long": N_("Takes at most {max_length} entries."),
    "literal_error": N_("Must be one of {expected}."),
    "enum": N_("Must be one of {expected}."),
    "date_past": N_("Must be in the past."),
    "datetime_past": N_("Must be in the past."),
    "date_future": N_("Must be in the future."),
    "datetime_future": N_("Must be in the future."),
    "bool_parsing": N_("Must be yes or no (true or false)."),
    "url_parsing": N_("Must be a web address (http://… or https://…)."),
}
_EMPTY = N_("Must not be empty.")
_CHOOSE = N_("Choose one of the options offered.")
_CHOICES = ("enum", "literal_error")
_FAMILIES = (  # whole families of types with one message: the value is not what the field holds
    (("int_",), N_("Must be a whole number.")),
    (("float_", "decimal_", "finite_number"), N_("Must be a number.")),
    (("date_",), N_("Must be a date, written 2026-03-05.")),
    (("datetime_",), N_("Must be a date and time, written 2026-03-05T14:30.")),
    (("time_",), N_("Must be a time of day, written 14:30.")),
    (("string_", "bool_", "list_", "dict_", "model_", "url_", "uuid_"),
     N_("Is not the kind of value this field takes.")),
)


def line(error: dict[str, Any], names: Mapping[str, str] | None = None) -> str:
    """One refused field, "where: why", in the current language. The API names the field as it
    spells it ("stars: Must be at most 5."); a form passes `names`, field → what its readers call
    it (msgids), and reads "Stars: Must be at most 5." (an entry of a list: "Officers 2: …")."""
    if error.get("type") == "json_invalid":
        return gettext("The request body is not valid JSON.")
    # A form offers its choices in words of their own; the values the API lists mean nothing there.
    text = gettext(_CHOOSE) if names is not None and error.get("type") in _CHOICES else _reason(error)
    parts = [part for part in error.get("loc", ()) if part not in ("body", "query", "path")]
    if not parts:
        return text
    if names is None:
        return f"{'.'.join(str(part) for part in parts)}: {text}"
    where = " ".join(gettext(names[part]) if part in names else str(part + 1) if isinstance(part, int)
                     else str(part) for part in parts)
    return gettext("{field}: {reason}").format(field=where, reason=text)


def _reason(error: dict[str, Any]) -> str:
    context = error.get("ctx") or {}
    cause = context.get("error")
    if isinstance(cause, DomainError):
        return cause.translated(gettext)
    kind = error.get("type", "")
    if kind in ("too_long", "too_short") and isinstance(error.get("input"), str):
        kind = f"string_{kind}"  # a text's length checked after a validator of ours: its characters
    if kind == "string_too_short" and context.get("min_length") == 1:
        return gettext(_EMPTY)
    if kind in _CHOICES or kind == "string_pattern_mismatch":
        choices = _choices(kind, context)
        if choices:
            return gettext(_BY_TYPE["enum"]).format(expected=listed(f"'{value}'" for value in choices))
    message = _BY_TYPE.get(kind) or next(
        (text for prefixes, text in _FAMILIES if kind.startswith(prefixes)), None)
    if message is None:
        return str(error["msg"])   # a check we have no words for yet: pydantic's own
    try:
        return gettext(message).format(**{key: _shown(value) for key, value in context.items()})
    except (KeyError, IndexError):   # a context without the value the message names
        return str(error["msg"])


def _choices(kind: str, context: dict[str, Any]) -> list[str]:
    """The values a choice accepts, to be listed in the reader's language (pydantic joins them
    with an English "or"); a pattern that is a plain choice, ^(json|csv)$, names its values too."""
    if kind == "string_pattern_mismatch":
        whole = re.fullmatch(r"\^\(([\w|-]+)\)\$", str(context.get("pattern", "")))
        return whole.group(1).split("|") if whole else []
    return re.findall(r"'([^']*)'", str(context.get("expected", "")))


def _shown(value: Any) -> Any:
    """A bound as people write it: 0, not 0.0."""
    return int(value) if isinstance(value, float) and value.is_integer() else value
