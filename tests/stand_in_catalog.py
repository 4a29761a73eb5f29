"""A Chinese catalog that shows which words of a text went through gettext: every message, whether
the real catalog has it yet or not, reads as a stand-in (each English word 译, placeholders kept),
so English left in a refusal came from a parameter (a rule's name, a value), never from a message."""

import gettext
import re

import pytest

from backend import i18n

STAND_IN = "译"
_WORD_OR_PLACEHOLDER = re.compile(r"(\{[^}]*\})|[A-Za-z]+")
_ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z_0-9]+")


def _stand_in(message: str) -> str:
    return _WORD_OR_PLACEHOLDER.sub(lambda found: found.group(1) or STAND_IN, message)


class StandIn(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return _stand_in(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return _stand_in(singular if n == 1 else plural)


def install(monkeypatch: pytest.MonkeyPatch, language: str = "zh_Hans") -> None:
    """`language` reads the stand-ins for as long as the test runs."""
    real = i18n._catalog
    monkeypatch.setattr(i18n, "_catalog", lambda name: StandIn() if name == language else real(name))


def english_words(text: str, parameters: set[str]) -> set[str]:
    """The English words of `text` that are none of the `parameters` it may name."""
    return {word for word in _ENGLISH_WORD.findall(text) if word not in parameters}
