"""Ignore-zones as lines of text, for the plain camera form: `x1,y1,x2,y2 [class …]` per line."""

import re

from pydantic import ValidationError

from backend.cameras.schemas import MAX_ZONES, Zone
from backend.errors import Invalid
from backend.i18n import N_

# Commas or spaces, and the full-width comma a Chinese keyboard types.
_SEPARATORS = re.compile(r"[,\s，、]+")


def parse(text: str) -> list[Zone]:
    """Each non-empty line is a rectangle in fractions of the frame (left, top, right, bottom),
    optionally followed by the classes it ignores (none: all). Errors name the line."""
    zones = []
    for number, line in enumerate(text.splitlines(), 1):
        parts = [part for part in _SEPARATORS.split(line.strip()) if part]
        if not parts:
            continue
        zones.append(_zone(number, parts))
    if len(zones) > MAX_ZONES:
        raise Invalid("At most {count} zones per camera.", count=MAX_ZONES)
    return zones


def _zone(number: int, parts: list[str]) -> Zone:
    try:
        corners = [float(part) for part in parts[:4]]
    except ValueError:
        corners = []
    if len(corners) != 4 or not all(0 <= value <= 1 for value in corners):
        raise Invalid("Zone line {line}: write four numbers from 0 to 1, x1,y1,x2,y2 (left, top, "
                      "right, bottom, as fractions of the picture), e.g. 0,0.5,0.4,1.", line=number)
    try:
        return Zone(x1=corners[0], y1=corners[1], x2=corners[2], y2=corners[3], classes=parts[4:])
    except ValidationError as exc:  # pydantic wraps the zone's own Invalid: keep it, name the line
        causes = [(error.get("ctx") or {}).get("error") for error in exc.errors()]
        cause = next((c for c in causes if isinstance(c, Invalid)), Invalid(str(exc)))
        raise LineInvalid(number, cause) from exc


class LineInvalid(Invalid):
    """A zone's own refusal, prefixed with the line it came from (both parts translated)."""

    def __init__(self, line: int, cause: Invalid) -> None:
        super().__init__(N_("Zone line {line}: {problem}"), line=line, problem=str(cause))
        self.cause = cause

    def translated(self, gettext) -> str:  # type: ignore[no-untyped-def]
        return gettext(self.message).format(line=self.params["line"], problem=self.cause.translated(gettext))


def format_zones(zones: list[Zone]) -> str:
    return "\n".join(" ".join([",".join(_number(v) for v in (z.x1, z.y1, z.x2, z.y2)), *z.classes])
                     for z in zones)


def _number(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") or "0"
