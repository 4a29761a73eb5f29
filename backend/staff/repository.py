"""The only code that touches the `staff` collection."""

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from bson import ObjectId
from pymongo.client_session import ClientSession
from pymongo.database import Database

from backend import business_records
from backend.staff.schemas import SEPARATE_PERSON, departed, superseded


def create_indexes(db: Database) -> None:
    business_records.create_indexes(db.staff, "certificate_expires_on")
    business_records.create_unique_index(
        db.staff, [("business_code", 1), ("health_certificate_number", 1)])


def insert(db: Database, document: dict[str, Any]) -> str:
    return business_records.insert(db.staff, document)


def insert_many(db: Database, documents: list[dict[str, Any]], *,
                session: ClientSession | None = None) -> None:
    business_records.insert_many(db.staff, documents, session=session)


def for_business(db: Database, code: str) -> list[dict[str, Any]]:
    """Every member ever recorded, departed too (`schemas.current_members` picks the current)."""
    return business_records.for_business(db.staff, code, newest_by="certificate_expires_on")


def with_ids(db: Database, code: str) -> list[dict[str, Any]]:
    return business_records.with_ids(db.staff, code, newest_by="certificate_expires_on")


def number_on_record(db: Database, code: str, number: str) -> bool:
    """Whether health certificate `number` is on record for the business: a member's current
    certificate or one in a member's history (the unique index sees only the current ones)."""
    return db.staff.find_one({"business_code": code, "$or": [
        {"health_certificate_number": number}, {"certificate_history.number": number}]},
        {"_id": 1}) is not None


def get(db: Database, code: str, member_id: str) -> dict[str, Any] | None:
    return business_records.get(db.staff, code, member_id)


def withdraw(db: Database, member: dict[str, Any], withdrawal: dict[str, Any]) -> bool:
    """Out of every page, list and scan, kept among the withdrawn (`business_records.withdraw`)."""
    return business_records.withdraw(db.staff, member, withdrawal)


def withdrawn(db: Database, code: str, member_id: str) -> dict[str, Any] | None:
    return business_records.withdrawn(db.staff, code, member_id)


def renew(db: Database, member: dict[str, Any], certificate: dict[str, Any],
          past: dict[str, Any]) -> bool:
    """Puts `certificate` (number, issued and expiry day) in place of the member's current one,
    which joins its history. False when the record changed since it was read (another renewal, a
    departure): the first writer wins."""
    result = db.staff.update_one(
        {"_id": member["_id"], "health_certificate_number": member["health_certificate_number"],
         "certificate_issued_on": member["certificate_issued_on"], "left_on": None},
        {"$set": certificate | {"certificate_history": [*member.get("certificate_history", []), past],
                                "public_ref": member["public_ref"]}})
    return result.modified_count == 1


def set_departure(db: Database, member_id: ObjectId, left_on: datetime) -> bool:
    """False when a departure is recorded already."""
    result = db.staff.update_one({"_id": member_id, "left_on": None}, {"$set": {"left_on": left_on}})
    return result.modified_count == 1


def expiring_between(db: Database, start: datetime | None, end: datetime) -> Iterator[dict[str, Any]]:
    """Health certificates expiring on a day in [start, end) (from the beginning when start is None)."""
    window: dict[str, Any] = {"$lt": end} if start is None else {"$gte": start, "$lt": end}
    return db.staff.find({"certificate_expires_on": window}).sort("_id", 1)


def is_current(db: Database, member: dict[str, Any]) -> bool:
    """Whether the member still works there and the certificate is their latest
    (as `schemas.current_members` decides): the expiry scan warns about nothing else."""
    namesakes = list(db.staff.find({"business_code": member["business_code"], "name": member["name"]},
                                   {"_id": 0, "name": 1, "phone": 1, "certificate_expires_on": 1,
                                    SEPARATE_PERSON: 1}))
    return not departed(member) and not superseded(member, namesakes)


def certificate_renewed(db: Database, code: str, number: str) -> bool:
    """Whether health certificate `number` has been replaced since: renewed (it is in its holder's
    history), or, on records stored before renewals, by a later record of the same person."""
    members = with_ids(db, code)
    if any(row["number"] == number for member in members for row in member.get("certificate_history", [])):
        return True
    holder = next((member for member in members if member["health_certificate_number"] == number), None)
    return holder is not None and superseded(holder, members)
