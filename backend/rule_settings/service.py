"""Administrators change the domain rules while the site runs: checked by the settings' own
validators, stored as a new version, audited, and in force at once here and within seconds in
every other process (see `live`)."""

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import TypeAdapter, ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

from backend import clock
from backend.audit import service as audit
from backend.config import Settings, get_settings
from backend.errors import Conflict, DomainError, Invalid
from backend.i18n import N_
from backend.rule_settings import live, repository
from backend.rule_settings.schemas import PROFILE_RULES, RULES, RuleSetting, RuleSettingsPublic
from backend.users import permissions
from backend.users.schemas import Actor

NOT_EDITABLE = N_("These settings cannot be changed here: {names}. Only the domain rules listed by "
                  "GET /api/v1/settings can; the others are set in the environment.")
# A form built from an older version than the one stored: saving it would undo what was saved since.
STALE = N_("Someone saved the rules since you opened this page; here they are as they are now — check "
           "and save again.")


def current(db: Any, *, actor: Actor | None) -> RuleSettingsPublic:
    """Every editable rule: the value in force, the environment's default, whether it differs."""
    permissions.require_admin(actor)
    live.refresh(db, force=True)  # an administrator reads what is stored, never a stale copy
    return _state(repository.get(db))


def _state(stored: dict[str, Any] | None) -> RuleSettingsPublic:
    settings, stored = get_settings(), stored or {}
    return RuleSettingsPublic(
        version=stored.get("version", 0), updated_at=stored.get("updated_at"),
        updated_by=stored.get("updated_by"),
        data=[RuleSetting(name=name, group=rule.group, value=_json(name, getattr(settings, name)),
                          default=_json(name, live.default(name)), overridden=live.overridden(name))
              for name, rule in RULES.items()])


def update(db: Any, *, actor: Actor | None, changes: Mapping[str, Any], seen_version: int | None = None,
           strict: bool = False) -> RuleSettingsPublic:
    """`changes`: rule → new value, or None for back to the environment's default. A value equal
    to the default is no override; a change that changes nothing stores no version. Refused
    (pydantic's ValidationError, one entry per refused rule) before anything is stored, each
    value checked with the other rules in force. `seen_version`: the version the changes were
    made on (a form's); Conflict when another has been saved since, which they would undo.
    `strict`: values as JSON types them, no number written as text or true for 1 (the API's)."""
    actor = permissions.require_admin(actor)
    unknown = sorted(set(changes) - set(RULES))
    if unknown:
        raise Invalid(NOT_EDITABLE, names=", ".join(unknown))
    live.refresh(db, force=True)
    stored = repository.get(db) or {"version": 0, "values": {}}
    if seen_version is not None and seen_version != int(stored["version"]):
        raise Conflict(STALE)
    checked = validated({name: value for name, value in changes.items() if value is not None},
                        back=[name for name, value in changes.items() if value is None], strict=strict)
    values = dict(stored.get("values") or {})
    for name in changes:
        if name not in checked or checked[name] == _json(name, live.default(name)):
            values.pop(name, None)
        else:
            values[name] = checked[name]
    if values == (stored.get("values") or {}):
        return _state(stored)
    version = int(stored["version"]) + 1
    if not repository.save(db, version=version, values=values, at=clock.now(), by=actor.username):
        raise Conflict("Someone saved the rules at the same time; reload and try again.")
    audit.record(db, actor=actor, action="settings.rules", target=f"v{version}",
                 data={"version": version, "values": values},
                 before={"version": stored["version"], "values": stored.get("values") or {}})
    saved = repository.get(db)
    live.apply(saved, force=True)  # this process at once; the others at their next refresh
    return _state(saved)


def validated(values: Mapping[str, Any], *, back: Iterable[str] = (), strict: bool = False) -> dict[str, Any]:
    """The values as JSON, each checked as the environment's would be (the field's type, bounds
    and validators) together with the other rules in force (`back`: those going back to their
    default), since some rules bound others; a ValidationError naming each refused rule by its
    field name. `strict`: see `update`."""
    if strict:
        _strictly_typed(values)
    settings, back = get_settings(), set(back)
    together = {name: live.default(name) if name in back else getattr(settings, name)
                for name in RULES if name not in values}
    try:
        candidate = Settings(**{live.ALIASES[name]: value for name, value in {**together, **values}.items()})
    except ValidationError as exc:
        raise refusal([_renamed(error) for error in exc.errors()]) from None
    return {name: _json(name, getattr(candidate, name)) for name in values}


def _strictly_typed(values: Mapping[str, Any]) -> None:
    """Refuses a value whose JSON type is not the rule's: "12" or true for a whole number."""
    errors: list[InitErrorDetails] = []
    for name, value in values.items():
        try:
            rule_type: Any = Settings.model_fields[name].annotation
            TypeAdapter(rule_type).validate_json(json.dumps(value), strict=True)
        except ValidationError as exc:
            errors += [{"type": error["type"], "loc": (name, *error["loc"]), "input": error["input"],
                        "ctx": error.get("ctx") or {}} for error in exc.errors()]
    if errors:
        raise refusal(errors)


def refusal(errors: list[InitErrorDetails]) -> ValidationError:
    """A ValidationError of the rules form: the API and the portal say it per field."""
    return ValidationError.from_exception_data("RuleSettings", errors)


def unreadable(name: str, why: str) -> InitErrorDetails:
    """A rule's value that could not even be read (a form's JSON): refused like any other."""
    return {"type": PydanticCustomError("value_error", why), "loc": (name,), "input": ""}


def _renamed(error: Any) -> InitErrorDetails:
    """Settings names a field by its environment variable; the rules are named by field."""
    names = {alias: name for name, alias in live.ALIASES.items()}
    loc = (names.get(error["loc"][0], error["loc"][0]), *error["loc"][1:]) if error["loc"] else ()
    cause = (error.get("ctx") or {}).get("error")
    if error["type"] == "value_error" and not isinstance(cause, DomainError):
        # words without a msgid (none of ours should be): as they are, without pydantic's prefix
        why = str(error["msg"]).removeprefix("Value error, ")
        return {"type": PydanticCustomError("value_error", why), "loc": loc, "input": error["input"]}
    # with its context, so that our validators' msgids (Invalid) and pydantic's own checks are
    # put in the reader's words where the refusal is read (backend.invalid_input)
    return {"type": error["type"], "loc": loc, "input": error["input"], "ctx": error.get("ctx") or {}}


def _json(name: str, value: Any) -> Any:
    """A rule's value as stored and as the API shows it (dates as 2026-12-24)."""
    annotation: Any = Settings.model_fields[name].annotation
    return TypeAdapter(annotation).dump_python(value, mode="json")


def profile_shape(values: Mapping[str, Any]) -> str:
    """A fingerprint of the overrides the public pages are built with."""
    shaping = {name: value for name, value in values.items() if name in PROFILE_RULES}
    return hashlib.sha256(json.dumps(shaping, sort_keys=True).encode()).hexdigest()


def profiles_due(db: Any) -> tuple[int, str] | None:
    """(version, fingerprint) when the pages are built with rules older than the stored ones and
    a rule they are built with changed; None when nothing is to be rebuilt (a change that shapes
    no page is recorded as done at once)."""
    stored = repository.get(db)
    if stored is None or stored.get("profiles_version", 0) >= stored["version"]:
        return None
    shape = profile_shape(stored.get("values") or {})
    if shape == stored.get("profiles_shape", profile_shape({})):
        repository.profiles_rebuilt(db, version=stored["version"], shape=shape)
        return None
    return stored["version"], shape


def profiles_rebuilt(db: Any, *, version: int, shape: str) -> None:
    repository.profiles_rebuilt(db, version=version, shape=shape)
