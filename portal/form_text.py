"""Posted form text follows the JSON API's rule (backend.clean_text): NFC-normalised before any
handler reads it, and refused with the form's own readable error when it holds control,
private-use or unassigned characters."""

import unicodedata

import flask
from werkzeug.datastructures import ImmutableMultiDict

from backend import clean_text
from backend.errors import Invalid


def _normalise() -> None:
    request = flask.request
    if request.method == "POST" and request.form:
        request.form = ImmutableMultiDict(  # type: ignore[misc]
            [(key, unicodedata.normalize("NFC", value))
             for key, value in request.form.items(multi=True)])


def check() -> None:
    """Invalid naming the first field with a refused character; every form handler calls it
    first (through csrf.verify), inside the try that shows its errors, so nothing is stored."""
    for key, value in flask.request.form.items(multi=True):
        try:
            clean_text.clean(value, key)
        except clean_text.BadCharacter as bad:
            raise Invalid(clean_text.MESSAGE, field=bad.field, character=bad.character) from None


def install(server: flask.Flask) -> None:
    server.before_request(_normalise)
