"""Texts the system writes once for readers of every language (a generated task's title): stored
as their msgid and parameters beside the text as first said, and said again in each reader's
language whenever shown."""

from collections.abc import Mapping
from typing import Any

from backend import i18n
from backend.i18n import _

_BROKEN = (KeyError, IndexError, ValueError, TypeError, AttributeError)


class Phrase:
    """`text` is a msgid (marked with N_() where it is written). Each parameter is either shown as
    it is (a name, a number, a day: kept as a plain string) or a Phrase, said in the reader's
    language too (a label), as `errors.Words` is for an error's parameters."""

    __slots__ = ("text", "args")

    def __init__(self, text: str, /, **args: Any) -> None:
        self.text = text
        self.args: dict[str, str | Phrase] = {
            name: value if isinstance(value, Phrase) else str(value) for name, value in args.items()}

    def said(self) -> str:
        """In the language in force. A translation that lost a placeholder says the msgid instead:
        the inbox must not fail on a catalog's mistake."""
        if not self.args:
            return _(self.text)
        args = {name: value.said() if isinstance(value, Phrase) else value
                for name, value in self.args.items()}
        try:
            return _(self.text).format(**args)
        except _BROKEN:
            return self.text.format(**args)

    def stored_args(self) -> dict[str, Any]:
        """The parameters as stored: plain strings, and a phrase as {"text", "args"}."""
        return {name: {"text": value.text, "args": value.stored_args()} if isinstance(value, Phrase)
                else value for name, value in self.args.items()}

    @classmethod
    def from_stored(cls, text: str, args: Mapping[str, Any] | None) -> "Phrase":
        return cls(text, **{name: cls.from_stored(value["text"], value.get("args"))
                            if isinstance(value, Mapping) else value
                            for name, value in (args or {}).items()})

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Phrase) and (self.text, self.args) == (other.text, other.args)

    def __hash__(self) -> int:
        return hash(self.text)

    def __repr__(self) -> str:
        return f"Phrase({self.text!r}, **{self.args!r})"


def stored(name: str, value: "str | Phrase") -> dict[str, Any]:
    """The fields that keep the text `name` of a document: the text, said in the site's language
    as every text stored once for everyone is (what readers of the field alone, search and
    exports see) and, for a phrase, `{name}_text` (its msgid) and `{name}_args` (its parameters)."""
    if not isinstance(value, Phrase):
        return {name: value}
    with i18n.language(None):
        said = value.said()
    return {name: said, f"{name}_text": value.text, f"{name}_args": value.stored_args()}


def shown(document: Mapping[str, Any], name: str) -> str:
    """The text `name` of a stored document in the language in force: said from its phrase where
    one was stored, else as it was written (a person's words, or a text stored before phrases)."""
    text = document.get(f"{name}_text")
    if text:
        try:
            return Phrase.from_stored(text, document.get(f"{name}_args")).said()
        except _BROKEN:
            pass  # stored parameters that no longer fit: the text as first said still reads
    return document.get(name) or ""
