"""Administering units (市场监督管理所) and officer records: adding them, renaming a unit or redrawing
its districts, moving an officer to another unit, recording that one left the service.
Administrators only; every change audited."""

from typing import Any

from pymongo.database import Database

from backend import clock, paging
from backend.audit import service as audit
from backend.errors import Conflict, Invalid, NotFound
from backend.grids import service as grids
from backend.officers import repository, service
from backend.officers.schemas import (
    OfficerChange,
    OfficerCreate,
    OfficerRecord,
    OfficerRecords,
    OfficerUpdate,
    UnitChange,
    UnitCreate,
    UnitPublic,
    UnitsPublic,
    UnitUpdate,
)
from backend.paging import PageMeta
from backend.tasks import district_move, handover
from backend.users import accounts, permissions
from backend.users import repository as users
from backend.users.schemas import Actor


def _unit_public(unit: dict[str, Any], staffed: dict[str, int]) -> UnitPublic:
    return UnitPublic(id=unit["_id"], name=unit["name"], districts=list(unit.get("districts", [])),
                      officers_in_service=staffed.get(unit["_id"], 0))


def _refuse_taken(db: Database, districts: list[str], *, unit_id: str = "") -> None:
    """A district belongs to one unit: its tasks, queue and published figures go to that unit.
    To move one, the unit that has it gives it up first."""
    covering = [unit for unit in repository.units_covering(db, districts) if unit["_id"] != unit_id]
    taken = [(district, unit["_id"]) for district in districts  # in the order typed
             for unit in covering if district in unit["districts"]]
    if taken:
        named = ", ".join(f"{district} ({unit})" for district, unit in taken)
        if len(taken) == 1:
            raise Conflict("{district} already belongs to another unit.", district=named)
        raise Conflict("{districts} already belong to another unit.", districts=named)


def _refuse_named(db: Database, name: str, *, unit_id: str = "") -> None:
    """A unit's name is its own (but for case and spaces): the public pages and lists tell units
    apart by it."""
    other = repository.unit_named(db, name, other_than=unit_id)
    if other:
        raise Conflict("Unit {unit} is already named {name}.", unit=other, name=name)


def add_unit(db: Database, *, actor: Actor | None, data: UnitCreate) -> UnitChange:
    """A new unit, with its districts: their open tasks, waiting since no unit covered them (some
    still assigned to an officer of the unit that gave them up), are in its queue."""
    actor = permissions.require_admin(actor)
    _refuse_named(db, data.name)
    _refuse_taken(db, data.districts)
    service.create_unit(db, data=data)
    moved = district_move.to_unit(db, actor=actor, districts=data.districts, officer_ids=())
    created = _unit_public({"_id": data.id, "name": data.name, "districts": data.districts}, {})
    unit = UnitChange(**created.model_dump(), tasks_moved=moved.tasks, tasks_unassigned=moved.unassigned)
    audit.record(db, actor=actor, action="unit.create", target=f"unit:{data.id}", data=unit.model_dump())
    return unit


def update_unit(db: Database, *, actor: Actor | None, unit_id: str, data: UnitUpdate) -> UnitChange:
    """A new name, or the districts redrawn. The unit's officers answer for its new districts at
    their next request; their grid areas outside them are cleared; the open tasks of a district
    follow it to the unit that covers it now, and wait, seen by administrators, while none does."""
    return _changed(db, actor, unit_id, data, dry_run=False)


def unit_change_preview(db: Database, *, actor: Actor | None, unit_id: str, data: UnitUpdate) -> UnitChange:
    """What update_unit would do with `data`, with nothing written (no change, no audit entry):
    the same refusals and the same counts, from the same code, so that what an administrator
    confirms is what the change then does."""
    return _changed(db, actor, unit_id, data, dry_run=True)


def _changed(db: Database, actor: Actor | None, unit_id: str, data: UnitUpdate, *,
             dry_run: bool) -> UnitChange:
    actor = permissions.require_admin(actor)
    unit_id = repository.unit_alike(db, unit_id) or unit_id   # an id is one whatever its case
    before = repository.get_unit(db, unit_id)
    if before is None:
        raise NotFound("There is no unit {unit}.", unit=unit_id)
    fields = _fields(db, before, data)
    after = {**before, **fields} if dry_run else repository.update_unit(db, unit_id, fields)
    if after is None:
        raise NotFound("There is no unit {unit}.", unit=unit_id)
    staffed = repository.in_service_by_unit(db)
    change = UnitChange(**_unit_public(after, staffed).model_dump(),
                        **(_redrawn(db, actor, before, after, dry_run) if "districts" in fields else {}))
    if not dry_run:
        audit.record(db, actor=actor, action="unit.update", target=f"unit:{unit_id}",
                     data=change.model_dump(), before=_unit_public(before, staffed).model_dump())
    return change


def _fields(db: Database, before: dict[str, Any], data: UnitUpdate) -> dict[str, Any]:
    """What `data` changes, checked: another unit's name or district is refused."""
    fields = {name: value for name, value in data.model_dump(exclude_unset=True).items()
              if value != before.get(name)}
    if not fields:
        raise Invalid("Nothing to change.")
    if "name" in fields:
        _refuse_named(db, fields["name"], unit_id=before["_id"])
    if "districts" in fields:
        _refuse_taken(db, [d for d in fields["districts"] if d not in before["districts"]],
                      unit_id=before["_id"])
    return fields


def _redrawn(db: Database, actor: Actor, before: dict[str, Any], after: dict[str, Any],
             dry_run: bool) -> dict[str, Any]:
    """What follows the districts a unit gave up and took on (UnitChange's counts); `dry_run`:
    what would, counted by the same calls, with the unit still as it was."""
    kept, officer_ids = after["districts"], repository.ids_in_unit(db, after["_id"])
    released = sum(grids.release_officer(db, actor=actor, officer_id=officer_id, kept_districts=kept,
                                         dry_run=dry_run) for officer_id in officer_ids)
    moves = [district_move.to_unit(db, actor=actor, officer_ids=officer_ids, dry_run=dry_run,
                                   districts=[d for d in kept if d not in before["districts"]])]
    given_up, waiting = [d for d in before["districts"] if d not in kept], 0
    for district in given_up:
        # none, or (in data from before a district had one unit only) one or several others; not
        # this unit, which still covers it when the change is only previewed
        covering = [unit for unit in repository.units_covering(db, [district]) if unit["_id"] != after["_id"]]
        if len(covering) == 1:
            moves.append(district_move.to_unit(db, actor=actor, districts=[district], dry_run=dry_run,
                                               officer_ids=repository.ids_in_unit(db, covering[0]["_id"])))
        elif not covering:
            waiting += district_move.open_count(db, districts=[district])
    return {"districts_given_up": given_up, "tasks_moved": sum(move.tasks for move in moves),
            "tasks_unassigned": sum(move.unassigned for move in moves), "tasks_waiting": waiting,
            "grids_released": released}


def units(db: Database, *, actor: Actor | None, page_number: int = 1, page_size: int = 20) -> UnitsPublic:
    permissions.require_admin(actor)
    staffed = repository.in_service_by_unit(db)
    rows = repository.units_page(db, skip=paging.skip(page_number, page_size), limit=page_size)
    return UnitsPublic(data=[_unit_public(row, staffed) for row in rows],
                       meta=PageMeta.of(repository.count_units(db), page_number, page_size))


def _record(db: Database, officer: dict[str, Any], names: dict[str, str]) -> OfficerRecord:
    return OfficerRecord(id=officer["_id"], name=officer["name"], badge_number=officer["badge_number"],
                         unit_id=officer["unit_id"], unit_name=names.get(officer["unit_id"], ""),
                         in_service=not officer.get("left_on"),
                         left_on=clock.from_stored(officer.get("left_on")),
                         accounts=users.usernames_for_officer(db, officer["_id"]))


def add_officer(db: Database, *, actor: Actor | None, data: OfficerCreate) -> OfficerRecord:
    actor = permissions.require_admin(actor)
    unit_id = repository.unit_alike(db, data.unit_id)   # an id is one whatever its case
    if unit_id is None:  # bad input, so a form keeps what was typed
        raise Invalid("There is no unit {unit}.", unit=data.unit_id)
    data = data.model_copy(update={"unit_id": unit_id})
    service.create_officer(db, data=data)
    record = _record(db, service.get(db, officer_id=data.id), repository.unit_names(db))
    audit.record(db, actor=actor, action="officer.create", target=f"officer:{data.id}",
                 data=record.model_dump(mode="json", exclude={"accounts"}))
    return record


def officers(db: Database, *, actor: Actor | None, unit_id: str = "", page_number: int = 1,
             page_size: int = 20) -> OfficerRecords:
    """By unit and badge number, those who left the service too; one unit's with `unit_id`."""
    permissions.require_admin(actor)
    query = {"unit_id": repository.unit_alike(db, unit_id) or unit_id} if unit_id else {}
    names = repository.unit_names(db)
    rows = repository.page(db, query, skip=paging.skip(page_number, page_size), limit=page_size)
    return OfficerRecords(data=[_record(db, row, names) for row in rows],
                          meta=PageMeta.of(repository.count_matching(db, query), page_number, page_size))


def update_officer(db: Database, *, actor: Actor | None, officer_id: str,
                   data: OfficerUpdate) -> OfficerChange:
    """Moving to another unit takes effect at the officer's next request (their districts follow
    the unit). Leaving the service keeps the public record and its history, marks the day, and
    disables the officer's accounts; coming back clears the mark (accounts are enabled one by one).
    Either way, the open tasks and grids they leave behind go back to their old unit's queue."""
    actor = permissions.require_admin(actor)
    before = service.get(db, officer_id=officer_id)
    fields: dict[str, Any] = {}
    moved_to = data.unit_id and (repository.unit_alike(db, data.unit_id) or data.unit_id)
    if moved_to and moved_to != before["unit_id"]:
        if repository.get_unit(db, moved_to) is None:
            raise Invalid("There is no unit {unit}.", unit=data.unit_id)
        fields["unit_id"] = moved_to
    if data.in_service is not None and data.in_service == bool(before.get("left_on")):
        fields["left_on"] = None if data.in_service else clock.to_stored(clock.today())
    names = repository.unit_names(db)
    if not fields:
        return OfficerChange(**_record(db, before, names).model_dump())
    after = repository.update_officer(db, officer_id, fields)
    if after is None:
        raise NotFound("There is no officer {officer}.", officer=officer_id)
    if fields.get("left_on"):
        accounts.disable_for_officer(db, actor=actor, officer_id=officer_id)
    returned = _hand_over(db, actor, after, moved="unit_id" in fields)
    record = _record(db, after, names)
    audit.record(db, actor=actor, action="officer.update", target=f"officer:{officer_id}",
                 data=record.model_dump(mode="json", exclude={"accounts"}),
                 before=_record(db, before, names).model_dump(mode="json", exclude={"accounts"}))
    return OfficerChange(**record.model_dump(), tasks_returned=returned)


def _hand_over(db: Database, actor: Actor, officer: dict[str, Any], *, moved: bool) -> int:
    """What an officer who left or moved leaves behind goes back to the queue: open tasks and
    grids outside the districts they still cover. How many tasks went back."""
    if officer.get("left_on"):
        reason, kept = handover.OFFICER_LEFT, []
    elif moved:
        reason, kept = handover.OFFICER_MOVED, service.districts_of(db, officer_id=officer["_id"])
    else:
        return 0
    grids.release_officer(db, actor=actor, officer_id=officer["_id"], kept_districts=kept)
    return handover.return_to_queue(db, actor=actor, officer_id=officer["_id"], reason=reason,
                                    kept_districts=kept)
