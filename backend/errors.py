"""Domain errors raised by services; one handler per surface turns them into a readable answer."""

from typing import Any

from backend.i18n import N_


class Words(str):
    """A parameter of a message that is itself a msgid (a status's label): translated with it."""


NAMED_ITEM = N_("{label} ({code})")


class Named:
    """A parameter naming several things by their msgids, each with its code in brackets (what an
    API caller types): translated with the message, listed as the reader lists (i18n.listed)."""

    def __init__(self, items: list[tuple[str, str]]) -> None:
        self.items = items

    def translated(self, gettext) -> str:  # type: ignore[no-untyped-def]
        return gettext(", ").join(gettext(NAMED_ITEM).format(label=gettext(label), code=code)
                                  for label, code in self.items)

    def __str__(self) -> str:
        return self.translated(lambda text: text)


class DomainError(Exception):
    """A failure a user can act on. `message` is a gettext msgid with {placeholders}; a
    parameter given as Words is translated too, any other is shown as it is (names, numbers)."""

    status_code = 400

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message.format(**params) if params else message)
        self.message = message
        self.params = params

    def translated(self, gettext) -> str:  # type: ignore[no-untyped-def]
        text = gettext(self.message)
        if not self.params:
            return text
        return text.format(**{key: gettext(value) if isinstance(value, Words) else
                              value.translated(gettext) if isinstance(value, Named) else value
                              for key, value in self.params.items()})


class Invalid(DomainError, ValueError):
    status_code = 422


class Unauthorized(DomainError):
    status_code = 401


class Forbidden(DomainError):
    status_code = 403


class NotFound(DomainError):
    status_code = 404


class Conflict(DomainError):
    status_code = 409


class TooManyRequests(DomainError):
    """Rate limited; `retry_after_s` says when the client may try again (the Retry-After header)."""

    status_code = 429

    def __init__(self, message: str, *, retry_after_s: int, **params: Any) -> None:
        super().__init__(message, **params)
        self.retry_after_s = retry_after_s
