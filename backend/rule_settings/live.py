"""The rules in force in this process: administrators' overrides applied onto the one Settings
instance, in place, so that every reader of `get_settings()` sees them without a restart.

Every process (web server, API, workers, on any machine sharing the database) calls `refresh` as
it goes; at most once every REFRESH_EVERY_S it reads the stored version, and only a version other
than the one it applied last changes anything. The environment's value of a field is kept aside
while it is overridden and put back when the override goes."""

import logging
import threading
import time
from typing import Any

from pydantic import ValidationError
from pymongo.database import Database
from pymongo.errors import PyMongoError

from backend import workdays
from backend.config import Settings, get_settings
from backend.rule_settings import repository
from backend.rule_settings.schemas import RULES

log = logging.getLogger(__name__)

# How stale a process's rules may be, at most, after another process saved new ones.
REFRESH_EVERY_S = 5.0
ALIASES = {name: str(Settings.model_fields[name].validation_alias) for name in RULES}

_lock = threading.RLock()
_next_check = 0.0
_applied_version = 0
_base: dict[str, Any] = {}  # the environment's values of the fields overridden now


def due() -> bool:
    """Whether the next `refresh` will read the database (cheap: no I/O)."""
    return time.monotonic() >= _next_check


def refresh(db: Database, *, force: bool = False) -> bool:
    """Applies the stored rules if their version changed since this process last applied them;
    True when it did. A database that does not answer leaves the rules as they are."""
    global _next_check
    with _lock:
        if not force and not due():
            return False
        _next_check = time.monotonic() + REFRESH_EVERY_S
    try:
        stored = repository.get(db)
    except PyMongoError as exc:
        log.warning("rules not refreshed, the database did not answer: %s", exc)
        return False
    return apply(stored)


def apply(stored: dict[str, Any] | None, *, force: bool = False) -> bool:
    """Puts `stored` (the rules document, None for none) in force unless its version is the one
    applied already (`force`: whatever it is). Only fields overridden before or now are touched,
    so a value set in a test (monkeypatch) stays unless an override of it comes or goes."""
    global _applied_version
    version = int(stored["version"]) if stored else 0
    with _lock:
        if version == _applied_version and not force:
            return False
        wanted = typed((stored or {}).get("values") or {})
        settings = get_settings()
        touched = set(_base) | set(wanted)
        for name in touched:
            if name in wanted:
                _base.setdefault(name, getattr(settings, name))
                setattr(settings, name, wanted[name])
            elif name in _base:
                setattr(settings, name, _base.pop(name))
        _applied_version = version
        if "extra_holidays" in touched:
            workdays._extra_holidays.cache_clear()  # the working-day calendar reads them once
    return True


def typed(values: dict[str, Any]) -> dict[str, Any]:
    """Stored values (JSON) as the Settings fields hold them, each checked by the field's own
    validators; one no longer valid (the code changed since) is left out, and logged."""
    values = {name: value for name, value in values.items() if name in RULES}
    while values:
        try:
            candidate = Settings(**{ALIASES[name]: value for name, value in values.items()})
        except ValidationError as exc:
            bad = {name for name, alias in ALIASES.items()
                   for error in exc.errors() if error["loc"][:1] == (alias,)}
            log.error("stored rules %s are no longer valid; their defaults stay", ", ".join(sorted(bad)))
            if not bad & set(values):
                return {}
            values = {name: value for name, value in values.items() if name not in bad}
            continue
        return {name: getattr(candidate, name) for name in values}
    return {}


def default(name: str) -> Any:
    """The environment's value of rule `name` (the value in force when it is not overridden)."""
    with _lock:
        return _base[name] if name in _base else getattr(get_settings(), name)


def overridden(name: str) -> bool:
    with _lock:
        return name in _base


def applied_version() -> int:
    return _applied_version


def forget() -> None:
    """Back to the environment's values, as if nothing had been applied (tests, a new database)."""
    global _next_check
    apply(None, force=True)
    _next_check = 0.0
