"""Recording purchases and rapid tests: the business itself, or an officer over its district."""

from pymongo.database import Database

from backend import clock, record_dates
from backend.businesses import service as businesses
from backend.i18n import N_
from backend.profiles import service as profiles
from backend.purchases import repository
from backend.purchases.schemas import PurchaseCreate, PurchaseRecorded, RapidTestCreate, RapidTestRecorded
from backend.users import permissions
from backend.users.schemas import Actor


def _member_business(db: Database, actor: Actor | None, code: str) -> dict:
    business = businesses.get(db, code=code)
    permissions.require_member_or_officer(actor, code=business["code"],
                                          district=business["district"])
    return business


def record_purchase(db: Database, *, actor: Actor | None, code: str,
                    data: PurchaseCreate) -> PurchaseRecorded:
    business = _member_business(db, actor, code)
    record_dates.check(data.purchased_on, business=business,
                       in_future=N_("A purchase cannot be dated in the future."))
    document = data.model_dump() | {"business_code": business["code"],
                                    "purchased_on": clock.to_stored(data.purchased_on),
                                    "created_at": clock.now()}
    record_id = repository.insert_purchase(db, document)
    profiles.publish_change(db, actor=actor, action="purchase.record", code=business["code"],
                            data=document)
    return PurchaseRecorded(**data.model_dump(), id=record_id, business_code=business["code"],
                            created_at=document["created_at"])


def record_rapid_test(db: Database, *, actor: Actor | None, code: str,
                      data: RapidTestCreate) -> RapidTestRecorded:
    business = _member_business(db, actor, code)
    record_dates.check(data.tested_on, business=business,
                       in_future=N_("A rapid test cannot be dated in the future."))
    document = data.model_dump(mode="json") | {"business_code": business["code"],
                                               "tested_on": clock.to_stored(data.tested_on),
                                               "created_at": clock.now()}
    record_id = repository.insert_rapid_test(db, document)
    profiles.publish_change(db, actor=actor, action="rapid_test.record", code=business["code"],
                            data=document)
    return RapidTestRecorded(**data.model_dump(), id=record_id, business_code=business["code"],
                             created_at=document["created_at"])
