"""Recording licences, listing them for the business and its officers, and withdrawing one
recorded by mistake."""

from datetime import datetime
from typing import Any, NoReturn

from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from backend import clock, identifiers
from backend.business_records import Withdrawal, Withdrawn
from backend.businesses import service as businesses
from backend.errors import Conflict, NotFound
from backend.expiry import service as expiry
from backend.licences import repository
from backend.licences.schemas import (
    LicenceCreate,
    LicenceKept,
    LicenceKind,
    LicenceRecorded,
    LicencesKept,
    current_licences,
)
from backend.profiles import service as profiles
from backend.users import permissions
from backend.users.schemas import Actor


def record(db: Database, *, actor: Actor | None, code: str,
           data: LicenceCreate) -> LicenceRecorded:
    """By the business itself (a renewed licence, so its page and warnings follow) or an officer
    over its district; a later issue of the same kind and number replaces the earlier one on the
    public page (`schemas.current_licences`)."""
    business = businesses.get(db, code=code)
    permissions.require_member_or_officer(actor, code=business["code"],
                                          district=business["district"])
    data = data.for_business(business)
    number = data.number
    if data.kind == LicenceKind.BUSINESS_LICENCE:
        number = identifiers.business_licence(number, business_code=business["code"])
    later = [row for row in repository.for_business(db, business["code"])
             if row["kind"] == data.kind.value and row["number"] == number
             and row["issued_on"] > clock.to_stored(data.issued_on)]
    if later:   # it would replace nothing and show nowhere: said, not answered "recorded"
        raise Conflict("A later issue of this licence ({number}, issued {issued_on}) is already recorded; "
                       "an earlier one would not show.", number=number,
                       issued_on=str(clock.from_stored(later[0]["issued_on"])))
    document = {"business_code": business["code"], "kind": data.kind.value, "number": number,
                "issued_on": clock.to_stored(data.issued_on),
                "expires_on": clock.to_stored(data.expires_on), "issuer": data.issuer,
                "created_at": clock.now(), "recorded_by": actor.username if actor else None}
    try:
        record_id = repository.insert(db, document)
    except DuplicateKeyError as exc:
        raise Conflict("This licence ({number}, issued {issued_on}) is already recorded.",
                       number=number, issued_on=data.issued_on.isoformat()) from exc
    profiles.publish_change(db, actor=actor, action="licence.record", code=business["code"],
                            data=document)
    return LicenceRecorded(**(data.model_dump() | {"number": number}), id=record_id,
                           business_code=business["code"], created_at=document["created_at"])



def _business(db: Database, actor: Actor | None, code: str) -> dict[str, Any]:
    """The business, once the actor is its own account or an officer over its district."""
    business = businesses.get(db, code=code)
    permissions.require_member_or_officer(actor, code=business["code"],
                                          district=business["district"])
    return business


def _may_withdraw(actor: Actor | None, business: dict[str, Any], licence: dict[str, Any],
                  now: datetime) -> bool:
    return permissions.may_withdraw(actor, code=business["code"], district=business["district"],
                                    recorded_by=licence.get("recorded_by"),
                                    recorded_at=licence["created_at"], now=now)


def list_for(db: Database, *, actor: Actor | None, code: str) -> LicencesKept:
    """Every licence recorded, replaced ones too, with its id: for the business and its officers."""
    business = _business(db, actor, code)
    rows, now = repository.with_ids(db, business["code"]), clock.now()
    current = {row["_id"] for row in current_licences(rows)}
    data = [LicenceKept.from_stored(row, current=row["_id"] in current,
                                    withdrawable=_may_withdraw(actor, business, row, now))
            for row in rows]
    return LicencesKept(data=data, count=len(data))


def _gone(db: Database, business: dict[str, Any], licence_id: str) -> NoReturn:
    """NotFound for an id the business never had; Conflict, saying when and why, for a licence
    withdrawn already (a form sent again, another officer first)."""
    kept = repository.withdrawn(db, business["code"], licence_id)
    if kept is None:
        raise NotFound("No licence of this business has the id {id}.", id=licence_id)
    raise Conflict("Licence {number} was withdrawn on {date}: {reason}", number=kept["number"],
                   date=clock.day_of(kept["withdrawal"]["at"]).isoformat(),
                   reason=kept["withdrawal"]["reason"])


def withdraw(db: Database, *, actor: Actor | None, code: str, licence_id: str,
             data: Withdrawal) -> Withdrawn:
    """A licence recorded by mistake leaves the public page, the expiry warnings and the lists'
    criteria (an earlier issue it replaced shows again); it is kept, marked withdrawn, and the
    audit trail says who withdrew it, when and why. Who may: `permissions.require_may_withdraw`."""
    business = _business(db, actor, code)
    licence = repository.get(db, business["code"], licence_id)
    if licence is None:
        _gone(db, business, licence_id)
    now = clock.now()
    who = permissions.require_may_withdraw(
        actor, code=business["code"], district=business["district"],
        recorded_by=licence.get("recorded_by"), recorded_at=licence["created_at"], now=now)
    withdrawal = {"at": now, "by": who.username, "role": who.role.value, "reason": data.reason}
    if not repository.withdraw(db, licence, withdrawal):
        _gone(db, business, licence_id)
    if not any(row["number"] == licence["number"] and row.get("expires_on") == licence.get("expires_on")
               for row in repository.for_business(db, business["code"])):
        expiry.withdrawn(db, licence=licence)  # its warnings not yet sent are not sent
    profiles.publish_change(db, actor=who, action="licence.withdraw", code=business["code"], data={
        "licence_id": licence_id, "kind": licence["kind"], "number": licence["number"],
        "issued_on": licence["issued_on"], "expires_on": licence.get("expires_on"),
        "reason": data.reason})
    return Withdrawn(id=licence_id, business_code=business["code"], reason=data.reason,
                     withdrawn_by=who.username, withdrawn_at=now)
