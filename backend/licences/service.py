"""Recording licences and reading their expiry status."""

from pymongo.database import Database

from backend import clock
from backend.businesses import service as businesses
from backend.errors import Invalid
from backend.licences import repository
from backend.licences.schemas import LicenceCreate
from backend.profiles import service as profiles
from backend.users import permissions
from backend.users.schemas import Actor


def record(db: Database, *, actor: Actor | None, code: str, data: LicenceCreate) -> None:
    business = businesses.get(db, code=code)
    permissions.require_officer_for_district(actor, business["district"])
    if data.issued_on > clock.today():
        raise Invalid("A licence cannot be issued in the future.")
    document = {"business_code": business["code"], "kind": data.kind.value, "number": data.number,
                "issued_on": clock.to_stored(data.issued_on),
                "expires_on": clock.to_stored(data.expires_on), "issuer": data.issuer,
                "created_at": clock.now()}
    repository.insert(db, document)
    profiles.publish_change(db, actor=actor, action="licence.record", code=business["code"],
                            data=document)

