"""Keeps each public profile in step with the records behind it, and reads it for the public."""

from datetime import date
from typing import Any

from pymongo.database import Database

from backend import clock
from backend.alerts.summary import kitchen_summary
from backend.audit import service as audit
from backend.businesses import credit_code
from backend.businesses import repository as businesses
from backend.config import get_settings
from backend.equipment.summary import equipment_summary
from backend.errors import NotFound
from backend.grading import standing
from backend.inspections import repository as inspections
from backend.licences import repository as licences
from backend.penalties import repository as penalties
from backend.profiles import builder, openness, repository
from backend.profiles.schemas import PublicRecord
from backend.purchases import repository as purchases
from backend.reviews import checked
from backend.reviews import profile as reviews_profile
from backend.reviews import repository as reviews
from backend.staff import repository as staff
from backend.users.schemas import Actor


def rebuild(db: Database, *, code: str) -> None:
    business = businesses.get(db, code)
    if business is None:
        raise NotFound("No business is registered under credit code {code}.", code=code)
    now = clock.now()
    repository.save(db, builder.build(
        business=business, licences=licences.for_business(db, code),
        staff=staff.for_business(db, code),
        inspections=inspections.latest_for_business(db, code, builder.LATEST_INSPECTIONS),
        penalties=penalties.for_business(db, code),
        purchases=purchases.latest_purchases(db, code, builder.LATEST_PURCHASES),
        rapid_tests=purchases.latest_rapid_tests(db, code, builder.LATEST_RAPID_TESTS),
        now=now, **openness.inputs(db, code=code),
        reviews={"graded": reviews.for_grading(db, code, reviews_profile.since(now)),
                 "latest": reviews.latest(db, code, reviews_profile.LATEST_REVIEWS)},
        kitchen=kitchen_summary(db, code=code, now=now),
        equipment=equipment_summary(db, code=code)))


def set_listings(db: Database, *, listings: dict[str, dict[str, dict[str, Any] | None]]) -> None:
    """After a list edition, each named business's red/black list status (`{code: {"black":
    entry or None, "red": entry or None}}`) is written into its page in bulk: an edition names up
    to every business in the city, and rebuilding each whole page took hours at a million."""
    now, wait_days = clock.now(), get_settings().repair_wait_days
    repository.set_fields(db, {code: {"standing.black": standing.listing_status(kinds.get("black"),
                                                                                 wait_days),
                                      "standing.red": standing.listing_status(kinds.get("red"),
                                                                               wait_days),
                                      "updated_at": now}
                               for code, kinds in listings.items()})


def publish_change(db: Database, *, actor: Actor | None, action: str, code: str,
                   data: dict[str, Any], target: str | None = None) -> None:
    """Every write that changes what the public sees: audit it, then rebuild the profile. `target`:
    the record written where it is not the business itself (a review, an alert), filed under it;
    the entry names the business too (`data.business_code`), and the business's trail lists it."""
    audit.record(db, actor=actor, action=action, target=target or code,
                 data=(data | {"business_code": code}) if target else data)
    rebuild(db, code=code)


def public_record(db: Database, *, code: str, today: date | None = None) -> PublicRecord:
    """One document read. Invalid for a malformed code, NotFound for an unknown one."""
    normalized = credit_code.normalize(code)
    profile = repository.get(db, normalized)
    if profile is None:
        raise NotFound("No business is registered under credit code {code}.", code=normalized)
    settings = get_settings()
    return PublicRecord.from_profile(profile, today=today or clock.today(),
                                     within_days=settings.expiring_within_days,
                                     grades_checked_at=checked.checked_at(db),
                                     maintenance_days=settings.equipment_maintenance_days)
