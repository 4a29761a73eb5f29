"""A camera's own alert rules as lines of text, for the officers' plain form:
`rat 1/5 10` (1 of 5 frames, 10 minutes' quiet time, optionally a confidence floor) or `phone off`."""

import re
from collections.abc import Mapping

from pydantic import ValidationError

from analytics.detection import alerts as detection
from backend.alerts.rules import Overrides, RuleOverride
from backend.alerts.schemas import RULED_KINDS
from backend.errors import Invalid
from backend.i18n import N_

_FRAMES = re.compile(r"^(\d{1,2})/(\d{1,2})$")
_OFF = ("off", "关", "關", "关闭", "關閉")


def parse(text: str) -> Overrides:
    rules: Overrides = {}
    for number, line in enumerate(text.splitlines(), 1):
        parts = line.split()
        if not parts:
            continue
        kind = parts[0]
        if kind not in RULED_KINDS:
            raise LineInvalid(number, Invalid("Unknown detection classes: {names}.", names=kind))
        rules[kind] = None if len(parts) == 2 and parts[1].lower() in _OFF else _rule(number, parts[1:])
    return rules


def _rule(number: int, parts: list[str]) -> RuleOverride:
    frames = _FRAMES.match(parts[0]) if parts else None
    try:
        if frames is None or len(parts) > 3:
            raise ValueError
        numbers = [float(part) for part in parts[1:]]
        return RuleOverride(persist=int(frames[1]), window=int(frames[2]),
                            cooldown_s=numbers[0] * 60 if numbers else None,
                            min_confidence=numbers[1] if len(numbers) > 1 else None)
    except ValidationError as exc:
        causes = [(error.get("ctx") or {}).get("error") for error in exc.errors()]
        cause = next((c for c in causes if isinstance(c, Invalid)), None)
        raise LineInvalid(number, cause or _FORMAT) from exc
    except ValueError as exc:
        raise LineInvalid(number, _FORMAT) from exc


_FORMAT = Invalid("write a class, then frames needed of frames looked at, then optionally the quiet "
                  "time in minutes and the confidence floor, e.g. rat 1/5 10 0.6; or a class and off.")


def format_rules(rules: Overrides, in_force: Mapping[str, detection.Rule]) -> str:
    """The lines the form shows; what an override leaves out is written as the rule in force."""
    lines = []
    for kind, rule in rules.items():
        if rule is None or kind not in in_force:
            lines.append(f"{kind} off")
            continue
        now = in_force[kind]
        lines.append(f"{kind} {now.persist}/{now.window} {now.cooldown_s / 60:g} {now.min_confidence:g}")
    return "\n".join(lines)


class LineInvalid(Invalid):
    """A rule line's refusal, prefixed with its line (both parts translated)."""

    def __init__(self, line: int, cause: Invalid) -> None:
        super().__init__(N_("Rule line {line}: {problem}"), line=line, problem=str(cause))
        self.cause = cause

    def translated(self, gettext) -> str:  # type: ignore[no-untyped-def]
        return gettext(self.message).format(line=self.params["line"], problem=self.cause.translated(gettext))
