"""Recording licences and reading their expiry status."""

from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from backend import clock, identifiers
from backend.businesses import service as businesses
from backend.errors import Conflict
from backend.licences import repository
from backend.licences.schemas import LicenceCreate, LicenceKind, LicenceRecorded
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
                "created_at": clock.now()}
    try:
        record_id = repository.insert(db, document)
    except DuplicateKeyError as exc:
        raise Conflict("This licence ({number}, issued {issued_on}) is already recorded.",
                       number=number, issued_on=data.issued_on.isoformat()) from exc
    profiles.publish_change(db, actor=actor, action="licence.record", code=business["code"],
                            data=document)
    return LicenceRecorded(**(data.model_dump() | {"number": number}), id=record_id,
                           business_code=business["code"], created_at=document["created_at"])

