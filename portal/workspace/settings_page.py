"""The administrator's "Rules" page (/admin/settings): every domain rule an administrator may change,
by group, each with what it means, the value in force and the environment's default; one plain
form per group, a "back to the default" box per rule. Changes are in force within seconds.

Each form carries the version of the rules it was built from and the value it showed of each rule:
a form saved after another administrator's change is refused (it would undo that change) and drawn
again with the rules as they are now, keeping what this administrator changed."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from werkzeug.datastructures import MultiDict

from backend import clock
from backend.config import Settings
from backend.database import get_db
from backend.i18n import N_, _
from backend.rule_settings import service as rule_settings
from backend.rule_settings.schemas import APPLIES, GROUPS, RULES, Rule, RuleSetting
from backend.users import permissions
from backend.users.schemas import Actor
from portal import once, page_response
from portal.components.forms import hidden, post_form, submit, text_input, textarea
from portal.components.sections import notice, page, section
from portal.components.tags import dcc, html
from portal.workspace.views import Refusal

PATH = "/admin/settings"
DEFAULT = "default"  # the boxes ticked: these rules go back to the environment's default
VERSION = "version"  # the version of the rules the form was built from
SHOWN = "shown-"  # + a rule's name: the value the form showed of it
# Each rule's label, which a refusal names it by.
LABELS = {name: rule.label for name, rule in RULES.items()}
SAVED = N_("The rules of \u201c{group}\u201d are saved and in force.")
NOT_JSON = N_("Is not valid JSON: look near line {line}, column {column}.")
SEPARATORS = re.compile(r"[,，、;\s]+")  # commas (Chinese ones too), semicolons, spaces, lines
NOT_NUMBERS = N_("Numbers separated by commas, e.g. 90, 30, 7.")


def shown(rule: Rule, value: Any) -> str:
    """A value as the rule's control shows it and takes it back."""
    if rule.kind == "numbers":
        return ", ".join(f"{number:g}" if isinstance(number, float) else str(number) for number in value)
    if rule.kind == "dates":
        return "\n".join(str(day) for day in value)
    if rule.kind == "json":
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def typed(rule: Rule, text: str) -> Any:
    """What an administrator typed, as the rule's value: "90, 30, 7" (or JSON) for numbers, one
    date a line (or commas) for dates, JSON for tables. ValueError, in words, when unreadable."""
    text = text.strip()
    if rule.kind == "numbers":
        if text.startswith("["):
            return _json(text)
        parts = [part for part in SEPARATORS.split(text) if part]
        if not all(re.fullmatch(r"-?\d+(\.\d+)?", part) for part in parts):
            raise ValueError(_(NOT_NUMBERS))
        return parts
    if rule.kind == "dates":
        return _json(text) if text.startswith("[") else [part for part in SEPARATORS.split(text) if part]
    if rule.kind == "json":
        return _json(text) if text else {}
    return text


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(_(NOT_JSON).format(line=exc.lineno, column=exc.colno)) from None


def changes(group: str, form: Any) -> dict[str, Any]:
    """The group's rules as posted (None: back to the default); a pydantic ValidationError naming
    each rule whose text could not be read, before anything is checked or stored."""
    back, found, unreadable = set(form.getlist(DEFAULT)), {}, []
    for name, rule in RULES.items():
        if rule.group != group or (name not in back and form.get(name) is None):
            continue
        try:
            found[name] = None if name in back else typed(rule, form.get(name, ""))
        except ValueError as exc:
            unreadable.append(rule_settings.unreadable(name, str(exc)))
    if unreadable:
        raise rule_settings.refusal(unreadable)
    return found


def seen_version(form: Any) -> int:
    """The version the posted form was built from; -1 (older than any) when it names none."""
    posted = str(form.get(VERSION, ""))
    return int(posted) if posted.isdigit() else -1


def changed_by_hand(group: str, form: Any) -> MultiDict[str, str]:
    """Of a posted group form, what its sender changed: each rule typed otherwise than the form
    showed it, and the "back to the default" boxes. Drawn over the rules as they are now, it
    keeps the sender's work and takes nobody else's back."""
    kept: MultiDict[str, str] = MultiDict()
    for name, rule in RULES.items():
        typed_in = form.get(name)
        if rule.group == group and typed_in is not None and not _same(typed_in, form.get(SHOWN + name)):
            kept[name] = typed_in
    kept.setlist(DEFAULT, form.getlist(DEFAULT))
    return kept


def _same(typed_in: str, shown_as: str | None) -> bool:
    """Whether a rule was left as shown (a browser may send a textarea's lines back with \\r\\n)."""
    return shown_as is not None and typed_in.split() == shown_as.split()


def settings_page(actor: Actor | None, query: Mapping[str, str],
                  refused: Refusal | None = None) -> html.Article:
    actor = permissions.require_admin(actor)
    refused = refused or Refusal()
    state = rule_settings.current(get_db(), actor=actor)
    page_response.set_title(_("Rules"))
    by_group: dict[str, list[RuleSetting]] = {}
    for row in state.data:
        by_group.setdefault(row.group, []).append(row)
    saved = _("Version {version}, saved by {who} on {when}.").format(
        version=state.version, who=state.updated_by,
        when=clock.local(state.updated_at).strftime("%Y-%m-%d %H:%M")) if state.updated_at else \
        _("Every rule has the value the environment sets.")
    return page(_("Rules"), _done(query), html.P(saved, className="muted"),
                *(_group(key, by_group.get(key, []), refused, state.version) for key in GROUPS),
                lead=_("The numbers the regulations leave to the municipality: deadlines, publication "
                       "periods, grade bands. A change is in force in every part of the site within "
                       "seconds; /how-it-works states the values in force."))


def _done(query: Mapping[str, str]) -> Any:
    group = query.get("done", "")
    if group not in GROUPS:
        return None
    title, when = GROUPS[group]
    return notice(f"{_(SAVED).format(group=_(title))} {_when(when)}", "ok")


def _when(key: str) -> str:
    return _(APPLIES[key])


def _group(key: str, rows: list[RuleSetting], refused: Refusal, version: int) -> html.Section:
    title, when = GROUPS[key]
    errors = refused.errors_of(key)
    fields: list[Any] = []
    for row in rows:
        fields.append(html.Div(_field(row, refused, errors), className="rule"))
    return section(_(title), html.P(_when(when), className="muted"),
                   notice(refused.error_of(key), "bad") if refused.error_of(key) else None,
                   post_form(f"{PATH}/{key}", once.field(), hidden(VERSION, str(version)), *fields,
                             submit(_("Save"), button_id=f"save-{key}"), form_id=f"rules-{key}",
                             className="form"),
                   name=f"rules-{key}")


def _field(row: RuleSetting, refused: Refusal, errors: Mapping[str, str]) -> list[Any]:
    rule = RULES[row.name]
    value = refused.typed_in(rule.group, row.name, shown(rule, row.value))
    own = rule.applies and rule.applies != GROUPS[rule.group][1]
    low, high = _range(row.name)
    span = "" if low is None or high is None else _("From {low} to {high}.").format(low=low, high=high)
    hint = " ".join([_(rule.explanation), span, _when(rule.applies) if own else ""]).strip()
    if rule.kind in ("dates", "json"):
        control = textarea(row.name, _(rule.label), value=value, hint=hint, errors=errors, max_length=4000)
    else:
        control = text_input(row.name, _(rule.label), value=value, hint=hint, errors=errors,
                             kind="number" if rule.kind == "number" else "text")
    status = (_("Overridden; the default is {default}.") if row.overridden
              else _("The default ({default}).")).format(default=shown(rule, row.default) or _("none"))
    return [*control, hidden(SHOWN + row.name, shown(rule, row.value)),
            html.Small(status, className="muted rule-default"),
            _back(row.name, ticked=row.name in _ticked(refused, rule.group)) if row.overridden else None]


def _range(name: str) -> tuple[Any, Any]:
    """The lowest and highest value the setting takes (its field's bounds), None where open."""
    low = high = None
    for bound in Settings.model_fields[name].metadata:
        low = getattr(bound, "ge", low)
        high = getattr(bound, "le", high)
    return low, high


def _back(name: str, *, ticked: bool) -> html.Label:
    """The box that puts one rule back to the environment's default when its form is saved."""
    control_id = f"default-{name}"
    return html.Label([dcc.Input(type="checkbox", name=DEFAULT, value=name, id=control_id, checked=ticked),
                       " ", _("Back to the default")], htmlFor=control_id, className="choice")


def _ticked(refused: Refusal, group: str) -> set[str]:
    if refused.form != group or not hasattr(refused.typed, "getlist"):
        return set()
    return set(refused.typed.getlist(DEFAULT))  # type: ignore[attr-defined]
