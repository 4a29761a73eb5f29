"""Translations: gettext catalogs from locales/, one active language per request (a context variable)."""

import gettext as _gettext
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locales"
LANGUAGES = {"zh_Hans": "简体中文", "zh_Hant": "繁體中文", "en": "English"}
DEFAULT_LANGUAGE = "zh_Hans"  # unless MINGLIANG_LANGUAGE names another: see default_language()
LANGUAGE_COOKIE = "lang"  # set by the portal's language switch, read by the API too
# Browser tags to our catalog names, most specific first.
_TAG_ALIASES = (
    ("zh-hant", "zh_Hant"), ("zh-tw", "zh_Hant"), ("zh-hk", "zh_Hant"), ("zh-mo", "zh_Hant"),
    ("zh", "zh_Hans"), ("en", "en"),
)

_current: ContextVar[str] = ContextVar("language")


@lru_cache
def _catalog(language: str) -> _gettext.NullTranslations:
    return _gettext.translation("messages", LOCALE_DIR, languages=[language], fallback=True)


def default_language() -> str:
    """The site's language (MINGLIANG_LANGUAGE): for readers who name none, and for texts stored
    once for everyone (task titles, notices)."""
    from backend.config import get_settings  # the settings check their language with normalize()

    return normalize(get_settings().default_language) or DEFAULT_LANGUAGE


def normalize(tag: str | None) -> str | None:
    """A supported catalog name for a language tag or catalog name, or None."""
    if not tag:
        return None
    if tag in LANGUAGES:
        return tag
    lowered = tag.strip().lower().replace("_", "-")
    for prefix, language in _TAG_ALIASES:
        if lowered.startswith(prefix):
            return language
    return None


def from_accept_language(header: str | None) -> str | None:
    """The supported language the reader prefers most in an Accept-Language header: by its q
    weight (1 when none is given; 0 means "not this one"), the earlier one on a tie."""
    ranked = []
    for position, part in enumerate((header or "").split(",")):
        tag, *params = part.split(";")
        weight = 1.0
        for param in params:
            name, _sep, value = param.strip().partition("=")
            if name.lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        language = normalize(tag)
        if language and weight > 0:
            ranked.append((-weight, position, language))
    return min(ranked)[2] if ranked else None


def choose(*, requested: str | None = None, cookie: str | None = None,
           accept_language: str | None = None) -> str:
    """The reader's language: an explicit request (?lang=), then the language cookie the portal
    and the API share, then the browser's Accept-Language, then the default."""
    return (normalize(requested) or normalize(cookie) or from_accept_language(accept_language)
            or default_language())


def current_language() -> str:
    return _current.get(None) or default_language()


def set_language(language: str | None) -> str:
    chosen = normalize(language) or default_language()
    _current.set(chosen)
    return chosen


@contextmanager
def language(language: str | None) -> Iterator[str]:
    token = _current.set(normalize(language) or default_language())
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def gettext(message: str) -> str:
    return _catalog(current_language()).gettext(message)


def translations(message: str) -> set[str]:
    """The message as every language writes it, itself included: to recognise a text stored in
    whichever language its writer read."""
    return {message} | {_catalog(language).gettext(message) for language in LANGUAGES}


def listed(items: Iterable[str]) -> str:
    """Items named one after another as the reader writes a list: 甲、乙 in Chinese, "a, b" in English."""
    return gettext(", ").join(items)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _catalog(current_language()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a string for extraction; it is translated later, where it is shown."""
    return message


_ = gettext
