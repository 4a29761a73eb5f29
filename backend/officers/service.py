"""Officer records and the public profile of an officer."""

from datetime import datetime, time, timedelta
from typing import Any

from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from backend import clock
from backend.businesses import repository as businesses
from backend.config import get_settings
from backend.errors import Conflict, NotFound
from backend.evaluations import service as evaluations
from backend.inspections import repository as inspections
from backend.inspections.schemas import InspectionResult
from backend.officers import consistency, repository
from backend.officers.schemas import Consistency, OfficerCreate, OfficerInspection, OfficerPublic, UnitCreate
from backend.profiles import repository as profiles
from backend.tasks import repository as tasks
from backend.users import repository as users

# What makes two businesses "similar" for the consistency figure: same trade and risk level.
SIMILAR_BY = ("trade", "risk_level")


def create_unit(db: Database, *, data: UnitCreate) -> None:
    """An id is one unit's whatever its case: u-th is refused beside U-TH."""
    alike = repository.unit_alike(db, data.id)
    if alike:
        raise Conflict("Unit {unit} already exists.", unit=alike)
    try:
        repository.insert_unit(db, {"_id": data.id, "name": data.name, "districts": data.districts})
    except DuplicateKeyError as exc:
        raise Conflict("Unit {unit} already exists.", unit=data.id) from exc


def create_officer(db: Database, *, data: OfficerCreate) -> None:
    if repository.get_unit(db, data.unit_id) is None:
        raise NotFound("There is no unit {unit}.", unit=data.unit_id)
    alike = repository.officer_alike(db, data.id)
    if alike:
        raise Conflict("Officer {officer} is already registered.", officer=alike)
    try:
        repository.insert_officer(db, {"_id": data.id, "name": data.name,
                                       "badge_number": data.badge_number, "unit_id": data.unit_id})
    except DuplicateKeyError as exc:  # the officer's id or badge number
        raise Conflict("Officer {officer} or badge {badge} is already registered.",
                       officer=data.id, badge=data.badge_number) from exc


def get(db: Database, *, officer_id: str) -> dict:
    officer = repository.get(db, officer_id)
    if officer is None:
        raise NotFound("There is no officer {officer}.", officer=officer_id)
    return officer


def colleagues(db: Database, *, unit_id: str) -> list[dict]:
    """The unit's officers, to choose co-inspectors from."""
    return repository.in_unit(db, unit_id)


def consistency_of(db: Database, *, officer_id: str, unit_id: str) -> Consistency:
    since = clock.today() - timedelta(days=get_settings().consistency_window_days)
    rows = inspections.outcomes_by_officers(db, repository.ids_in_unit(db, unit_id),
                                            datetime.combine(since, time()))
    codes = sorted({row["business_code"] for row in rows})
    trades = businesses.fields_of(db, codes, ("trade",))
    risk = profiles.risk_levels(db, codes)  # today's level: the profile keeps no history of it
    outcomes = [consistency.Outcome(
        stratum=(trades.get(row["business_code"], {}).get("trade"), risk.get(row["business_code"])),
        found_problems=row["result"] != InspectionResult.COMPLIANT,
        by_officer=officer_id in row["officer_ids"]) for row in rows]
    figure = consistency.figure(outcomes)
    return Consistency(compared_by=list(SIMILAR_BY), since=since, **figure.__dict__)


def public_profile(db: Database, *, officer_id: str, recent: int = 10) -> OfficerPublic:
    officer = get(db, officer_id=officer_id)
    unit = repository.get_unit(db, officer["unit_id"]) or {"name": ""}
    done = inspections.count_by_officer(db, officer_id)
    # Only results still public: one superseded by the business's next inspection has left the
    # public record, and must not stay public through the officer's page.
    rows = inspections.latest_by_officer(db, officer_id, limit=recent, public_on=clock.today())
    return OfficerPublic(
        id=officer["_id"], name=officer["name"], badge_number=officer["badge_number"],
        unit_id=officer["unit_id"], unit_name=unit["name"], in_service=not officer.get("left_on"),
        left_on=clock.from_stored(officer.get("left_on")), inspections_done=done,
        recent_inspections=[OfficerInspection(business_code=row["business_code"],
                                              business_name=row.get("business_name", ""),
                                              date=clock.from_stored(row["date"]), result=row["result"])
                            for row in rows],
        tasks_handled=tasks.count_closed_by(db, users.usernames_for_officer(db, officer_id)),
        evaluations=evaluations.summary(db, officer_id=officer_id),
        recent_evaluations=evaluations.for_officer(db, officer_id=officer_id,
                                                   page_size=recent).data,
        consistency=consistency_of(db, officer_id=officer_id, unit_id=officer["unit_id"]))


def districts_of(db: Database, *, officer_id: str) -> list[str]:
    """The districts an officer's unit covers; empty for an unknown officer or one who left the
    service (no grid or task goes to them any more)."""
    officer = repository.get(db, officer_id)
    unit = repository.get_unit(db, officer["unit_id"]) if officer and not officer.get("left_on") else None
    return list(unit["districts"]) if unit else []


def units(db: Database) -> list[dict[str, Any]]:
    return repository.units(db)


def unit_name(db: Database, unit_id: str) -> str:
    """A unit as people know it (天河区市场监督管理所); its id where it has no record."""
    return str((repository.get_unit(db, unit_id) or {}).get("name") or unit_id)
