"""Who answers for a grid area: an administrator's mapping, with the unit's queue as fallback."""

from collections.abc import Collection

from pymongo.database import Database

from backend import paging
from backend.audit import service as audit
from backend.errors import Invalid
from backend.grids import repository
from backend.grids.schemas import GridAssignment, GridPublic, GridsPublic
from backend.officers import service as officers
from backend.paging import PageMeta
from backend.users import permissions
from backend.users.schemas import Actor


def responsible_officer(db: Database, *, district: str, grid: str) -> str | None:
    """The grid's officer while their unit still covers the district; None sends the work to
    the unit's shared queue (no grid, no mapping, or the officer moved to another unit)."""
    if not grid:
        return None
    row = repository.get(db, district=district, grid=grid)
    if row is None or district not in officers.districts_of(db, officer_id=row["officer_id"]):
        return None
    return str(row["officer_id"])


def assign(db: Database, *, actor: Actor | None, district: str, grid: str,
           data: GridAssignment) -> GridPublic:
    actor = permissions.require_admin(actor)
    if district not in officers.districts_of(db, officer_id=data.officer_id):
        raise Invalid("Officer {officer} does not work in {district}.", officer=data.officer_id,
                      district=district)
    document = {"district": district, "grid": grid, "officer_id": data.officer_id}
    repository.put(db, document)
    audit.record(db, actor=actor, action="grid.assign", target=repository.key(district, grid),
                 data=document)
    return GridPublic(**document)


def release_officer(db: Database, *, actor: Actor, officer_id: str,
                    kept_districts: Collection[str] = (), dry_run: bool = False) -> int:
    """An officer who left the service or moved: the grids naming them (but those in
    `kept_districts`, which their new unit covers too) go back to their unit's queue. How many
    (`dry_run`: how many would, none touched)."""
    leaving = [row for row in repository.of_officer(db, officer_id) if row["district"] not in kept_districts]
    if dry_run:
        return len(leaving)
    released = 0
    for row in leaving:
        if not repository.remove(db, row["_id"], officer_id=officer_id):
            continue
        audit.record(db, actor=actor, action="grid.unassign", target=row["_id"],
                     data={"district": row["district"], "grid": row["grid"], "officer_id": None},
                     before={"officer_id": officer_id})
        released += 1
    return released


def listed(db: Database, *, actor: Actor | None, district: str = "", page_number: int = 1,
           page_size: int = 20) -> GridsPublic:
    """By district and grid; one district's with `district`."""
    permissions.require_signed_in(actor)
    query = {"district": district} if district else {}
    rows = repository.page(db, query, skip=paging.skip(page_number, page_size), limit=page_size)
    return GridsPublic(data=[GridPublic(district=row["district"], grid=row["grid"],
                                        officer_id=row["officer_id"]) for row in rows],
                       meta=PageMeta.of(repository.total(db, query), page_number, page_size))


def seed(db: Database, rows: list[dict[str, str]]) -> None:
    """Demo data, in bulk: the seeder maps each grid to an officer of its district's unit."""
    if rows:
        repository.insert_many(db, rows)
