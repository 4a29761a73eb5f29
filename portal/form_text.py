"""Posted form text follows the JSON API's rule (backend.clean_text): NFC-normalised before any
handler reads it, and refused with the form's own readable error when it holds control,
private-use or unassigned characters."""

import unicodedata

import flask
from werkzeug.datastructures import ImmutableMultiDict

from backend import clean_text
from backend.errors import Invalid
from backend.i18n import N_

# A form's field names ("text", "note") mean nothing to its reader, unlike the API's field paths.
MESSAGE = N_("Text may not contain control, private-use or unassigned characters (found "
             "{character}).")


def _normalise() -> None:
    request = flask.request
    if request.method == "POST" and request.form:
        request.form = ImmutableMultiDict(  # type: ignore[misc]
            [(key, unicodedata.normalize("NFC", value))
             for key, value in request.form.items(multi=True)])


def check() -> None:
    """Invalid for the first refused character in any field; every form handler calls it
    first (through csrf.verify), inside the try that shows its errors, so nothing is stored."""
    for key, value in flask.request.form.items(multi=True):
        try:
            clean_text.clean(value, key)
        except clean_text.BadCharacter as bad:
            raise Invalid(MESSAGE, character=bad.character) from None


def install(server: flask.Flask) -> None:
    server.before_request(_normalise)
