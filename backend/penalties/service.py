"""Recording a penalty decision and deciding how long it stays public."""

from datetime import date, timedelta
from typing import Any

from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from backend import clock, record_dates
from backend.businesses import service as businesses
from backend.config import get_settings
from backend.errors import Conflict
from backend.i18n import N_
from backend.penalties import repository
from backend.penalties.schemas import MINOR_MEASURES, PenaltyCreate, PenaltyPublic
from backend.profiles import service as profiles
from backend.users import permissions
from backend.users.schemas import Actor


def public_until(data: PenaltyCreate) -> date:
    """Three years from the decision; three months for a warning or a fine under the threshold."""
    settings = get_settings()
    minor = set(data.measures) <= MINOR_MEASURES and data.fine_yuan < settings.minor_fine_yuan
    days = settings.penalty_public_days_minor if minor else settings.penalty_public_days
    return data.decided_on + timedelta(days=days)


def record(db: Database, *, actor: Actor | None, data: PenaltyCreate) -> PenaltyPublic:
    business = businesses.get(db, code=data.business_code)
    permissions.require_officer_for_district(actor, business["district"])
    record_dates.check(data.decided_on,
                       in_future=N_("A penalty decision cannot be dated in the future."),
                       business=business)
    until = public_until(data)
    document: dict[str, Any] = data.model_dump(mode="json") | {
        "business_code": business["code"], "business_name": business["name"],
        "district": business["district"], "trade": business["trade"],
        "decided_on": clock.to_stored(data.decided_on),
        "public_until": clock.to_stored(until), "created_at": clock.now()}
    try:
        repository.insert(db, document)
    except DuplicateKeyError as exc:
        raise Conflict("Penalty decision {number} is already recorded.",
                       number=data.decision_number) from exc
    profiles.publish_change(db, actor=actor, action="penalty.record", code=business["code"],
                            data=document)
    return PenaltyPublic.from_stored(document)

