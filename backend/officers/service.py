"""Officer records and the public profile of an officer."""

from typing import Any

from pymongo.database import Database

from backend import clock
from backend.errors import NotFound
from backend.inspections import repository as inspections
from backend.officers import repository
from backend.officers.schemas import OfficerCreate, OfficerInspection, OfficerPublic, UnitCreate


def create_unit(db: Database, *, data: UnitCreate) -> None:
    repository.insert_unit(db, {"_id": data.id, "name": data.name, "districts": data.districts})


def create_officer(db: Database, *, data: OfficerCreate) -> None:
    if repository.get_unit(db, data.unit_id) is None:
        raise NotFound("There is no unit {unit}.", unit=data.unit_id)
    repository.insert_officer(db, {"_id": data.id, "name": data.name,
                                   "badge_number": data.badge_number, "unit_id": data.unit_id})


def public_profile(db: Database, *, officer_id: str, recent: int = 10) -> OfficerPublic:
    officer = repository.get(db, officer_id)
    if officer is None:
        raise NotFound("There is no officer {officer}.", officer=officer_id)
    unit = repository.get_unit(db, officer["unit_id"]) or {"name": ""}
    done = inspections.count_by_officer(db, officer_id)
    rows = inspections.latest_by_officer(db, officer_id, limit=recent)
    return OfficerPublic(
        id=officer["_id"], name=officer["name"], badge_number=officer["badge_number"],
        unit_id=officer["unit_id"], unit_name=unit["name"], inspections_done=done,
        recent_inspections=[OfficerInspection(business_code=row["business_code"],
                                              business_name=row.get("business_name", ""),
                                              date=clock.from_stored(row["date"]), result=row["result"])
                            for row in rows])


def districts_of(db: Database, *, officer_id: str) -> list[str]:
    """The districts an officer's unit covers; empty for an unknown officer."""
    officer = repository.get(db, officer_id)
    unit = repository.get_unit(db, officer["unit_id"]) if officer else None
    return list(unit["districts"]) if unit else []


def units(db: Database) -> list[dict[str, Any]]:
    return repository.units(db)


def colleagues(db: Database, *, unit_id: str) -> list[dict[str, Any]]:
    """The officers of one unit, to whom its tasks may be assigned."""
    return repository.in_unit(db, unit_id)
