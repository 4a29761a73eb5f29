"""What the businesses desk's forms send, read: a newly registered business (`to_create`), a
correction (`to_update`, only what changed), where it may be registered (`registrable`), and the
fields a refusal marks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from backend.businesses.schemas import BusinessCreate, BusinessUpdate
from backend.database import get_db
from backend.errors import Invalid
from backend.i18n import N_
from backend.officers import service as officers
from backend.users.schemas import Actor, Role

HALF_A_PLACE = N_("Give both the latitude and the longitude, or neither.")


def registrable(actor: Actor) -> list[str]:
    """The districts a business may be registered in from the desk: the unit's for an officer;
    for an administrator those some unit covers (a typed one no unit covers would make a district
    of its own, in the public filters for good, whose complaints reach nobody)."""
    if actor.role == Role.OFFICER:
        return list(actor.unit_districts)
    return sorted({district for unit in officers.units(get_db()) for district in unit["districts"]})


def _location(form: Mapping[str, str]) -> dict[str, str] | None:
    """Both coordinates or none (the schema reads the numbers, so a wrong one is named)."""
    lat, lng = form.get("lat", "").strip(), form.get("lng", "").strip()
    if bool(lat) != bool(lng):
        raise Invalid(HALF_A_PLACE)
    return {"lat": lat, "lng": lng} if lat else None


def to_create(form: Mapping[str, str]) -> BusinessCreate:
    return BusinessCreate.model_validate({
        "code": form.get("code", ""), "name": form.get("name", ""), "trade": form.get("trade", ""),
        "address": form.get("address", ""), "district": form.get("district", "").strip(),
        "grid": form.get("grid", ""), "contact_name": form.get("contact_name", ""),
        "contact_phone": form.get("contact_phone", "").strip(),
        "established_on": form.get("established_on", "").strip() or None,
        "location": _location(form)})


EDITABLE = ("name", "address", "grid", "contact_name", "contact_phone")  # and the location


def to_update(form: Mapping[str, str], business: Mapping[str, Any]) -> BusinessUpdate:
    """What the form changes, and only that: a form sent as it was shown changes nothing, which
    the service says ("Nothing to change.")."""
    changed: dict[str, Any] = {name: form[name] for name in EDITABLE if name in form
                               and form[name].strip() != str(business.get(name) or "")}
    location, stored = _location(form), business.get("location")
    shown = {"lat": str(stored["lat"]), "lng": str(stored["lng"])} if stored else None
    if location != shown:  # as the form showed it: unchanged
        changed["location"] = location
    return BusinessUpdate.model_validate(changed)


def marked(failed: Mapping[str, str]) -> dict[str, str]:
    """A refused location marks both of its controls (the schema names the location alone)."""
    if "location" not in failed:
        return dict(failed)
    return {**{k: v for k, v in failed.items() if k != "location"},
            "lat": failed["location"], "lng": failed["location"]}
