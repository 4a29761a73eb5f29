"""One market supervision office (市场监督管理所) per district, with its officers (执法人员)."""

from random import Random
from typing import Any

from pymongo.database import Database

from backend.officers import service as officers
from backend.officers.schemas import OfficerCreate, OfficerRef, UnitCreate
from backend.seed import codes, people
from backend.seed.places import DISTRICTS

OFFICERS_PER_UNIT = (3, 6)


def create(db: Database, rng: Random) -> dict[str, list[dict[str, Any]]]:
    """Units and officers through the officers service (a few dozen); returns each district's
    officers as the refs an inspection stores."""
    roster: dict[str, list[dict[str, Any]]] = {}
    for district in DISTRICTS:
        officers.create_unit(db, data=UnitCreate(id=district.unit_id, name=district.unit_name,
                                                 districts=[district.name]))
        roster[district.name] = []
        for serial in range(1, rng.randint(*OFFICERS_PER_UNIT) + 1):
            officer = OfficerCreate(
                id=f"OF-{district.unit_id.removeprefix('U-')}-{serial:02d}",
                name=people.person_name(rng), badge_number=codes.badge_number(district.division,
                                                                              serial),
                unit_id=district.unit_id)
            officers.create_officer(db, data=officer)
            roster[district.name].append(
                OfficerRef(id=officer.id, name=officer.name,
                           badge_number=officer.badge_number).model_dump())
    return roster
