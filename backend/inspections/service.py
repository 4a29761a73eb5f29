"""Recording an inspection: officers over the business's district, at least two of them."""

from typing import Any

from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from backend import clock, paging, record_dates
from backend.businesses import service as businesses
from backend.errors import Conflict, Forbidden, Invalid
from backend.i18n import N_
from backend.inspections import answers, follow_up, repository
from backend.inspections.schemas import InspectionCreate, InspectionPublic, InspectionsPublic
from backend.officers import repository as officers
from backend.officers.schemas import OfficerRef
from backend.paging import PageMeta
from backend.profiles import service as profiles
from backend.users import permissions
from backend.users.schemas import Actor, Role


def _officer_refs(db: Database, officer_ids: list[str], district: str | None) -> list[OfficerRef]:
    """The inspecting officers; with `district`, each of a unit that supervises it."""
    found = {officer["_id"]: officer for officer in officers.get_many(db, officer_ids)}
    missing = [officer_id for officer_id in officer_ids if officer_id not in found]
    if missing:
        raise Invalid("Unknown officer: {officers}.", officers=", ".join(missing))
    if district is not None:
        _require_over(db, [found[i] for i in officer_ids], district)
    return [OfficerRef(id=found[i]["_id"], name=found[i]["name"],
                       badge_number=found[i]["badge_number"]) for i in officer_ids]


def _require_over(db: Database, inspecting: list[dict[str, Any]], district: str) -> None:
    over = {unit_id: district in ((officers.get_unit(db, unit_id) or {}).get("districts") or [])
            for unit_id in {str(o.get("unit_id")) for o in inspecting}}  # each unit read once
    elsewhere = [o for o in inspecting if not over[str(o.get("unit_id"))]]
    if elsewhere:
        raise Invalid("{officers} cannot inspect here: their unit does not supervise {district}.",
                      officers=", ".join(f"{o['name']} ({o['_id']})" for o in elsewhere), district=district)


def subject(db: Database, *, actor: Actor | None, code: str) -> tuple[Actor, dict[str, Any]]:
    """Step one (一选主体): a business the actor may inspect, i.e. in their unit's districts."""
    business = businesses.get(db, code=code)
    return permissions.require_officer_for_district(actor, business["district"]), business


def record(db: Database, *, actor: Actor | None, data: InspectionCreate) -> InspectionPublic:
    actor, business = subject(db, actor=actor, code=data.business_code)
    if actor.role == Role.OFFICER and actor.officer_id not in data.officer_ids:
        raise Forbidden("You can only record an inspection you took part in.")
    record_dates.check(data.date, in_future=N_("An inspection cannot be dated in the future."),
                       business=business)
    # an officer records with co-inspectors over the district; an administrator may enter a joint
    # inspection with the city's officers, or import older records
    refs = _officer_refs(db, data.officer_ids,
                         business["district"] if actor.role == Role.OFFICER else None)
    task = answers.linked(db, actor=actor, data=data, business=business)
    document: dict[str, Any] = data.model_dump(mode="json") | task | {
        "business_code": business["code"], "business_name": business["name"],
        "district": business["district"], "trade": business["trade"],
        "date": clock.to_stored(data.date),
        "rectification_deadline": clock.to_stored(data.rectification_deadline),
        "officers": [ref.model_dump() for ref in refs], "recorded_by": actor.username,
        "created_at": clock.now()}
    document["fingerprint"] = repository.fingerprint(document)
    try:
        inspection_id = repository.insert(db, document)
    except DuplicateKeyError as exc:
        _retried(db, actor=actor, fingerprint=document["fingerprint"])
        raise Conflict("This inspection (same business, day, officers and result) is already "
                       "recorded.") from exc
    document["superseded_on"] = repository.supersede(db, code=business["code"],
                                                     day=document["date"], inspection_id=inspection_id)
    profiles.publish_change(db, actor=actor, action="inspection.record", code=business["code"],
                            data=document | {"id": inspection_id})
    follow_up.open_task(db, actor=actor, inspection=document | {"_id": inspection_id})
    answers.move_on(db, actor=actor, inspection=document | {"_id": inspection_id})
    return InspectionPublic.from_stored(document | {"_id": inspection_id})


def _retried(db: Database, *, actor: Actor, fingerprint: str) -> None:
    """The same inspection sent again: refused, but the rectification task it opens is made sure
    of, in case the first call stopped before opening it (once per inspection all the same)."""
    recorded = repository.by_fingerprint(db, fingerprint)
    if recorded is not None:
        follow_up.open_task(db, actor=actor, inspection=recorded)


def for_business(db: Database, *, actor: Actor | None, business_code: str, page_number: int = 1,
                 page_size: int = 20) -> InspectionsPublic:
    """Every inspection of one business, newest first, with what was found, the opinion and the
    rectification deadline (the public record keeps only the latest): the business itself, or an
    officer over its district."""
    business = businesses.get(db, code=business_code)
    permissions.require_member_or_officer(actor, code=business["code"], district=business["district"])
    paging.check(page_number, page_size)
    rows = repository.page_for_business(db, business["code"], skip=paging.skip(page_number, page_size),
                                        limit=page_size)
    return InspectionsPublic(data=[InspectionPublic.from_stored(row) for row in rows],
                             meta=PageMeta.of(repository.count_for_business(db, business["code"]),
                                              page_number, page_size))
