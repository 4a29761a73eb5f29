"""Defining, publishing, drawing and verifying random inspection plans (双随机抽查计划)."""

import secrets
from datetime import timedelta
from typing import Any

from pymongo.database import Database

from backend import clock, i18n, paging, workdays
from backend.audit import service as audit
from backend.businesses import service as businesses
from backend.errors import Conflict, Forbidden, Invalid, NotFound
from backend.i18n import N_, _
from backend.inspections import repository as inspections
from backend.officers import repository as officers
from backend.paging import PageMeta
from backend.phrases import Phrase
from backend.random_draw import algorithm, register, repository
from backend.random_draw.schemas import (
    ConflictCreate,
    DrawnInspection,
    DrawnTarget,
    PlanCreate,
    PlanPublic,
    PlanPublish,
    PlansPublic,
    PlanStatus,
    Verification,
)
from backend.tasks import service as tasks
from backend.tasks.schemas import TaskSource
from backend.users import permissions
from backend.users.schemas import Actor, Role

RESULTS_WITHIN_WORKING_DAYS = 20  # results of a draw are public within 20 working days
DRAW_WITHIN_DAYS = 30  # a published plan is drawn within this many days, on the register frozen then
# Who draws a plan on its draw day, in the audit trail and the tasks (a reserved user name).
DRAW_DAY = Actor(username="system", role=Role.ADMIN)
PUBLIC = [PlanStatus.PUBLISHED.value, PlanStatus.DRAWN.value]
TASK_TITLE = N_("Random inspection: {plan}")  # each drawn business's task, with the plan's name


def _load(db: Database, plan_id: str, actor: Actor | None = None) -> dict[str, Any]:
    plan = repository.get(db, plan_id)
    hidden = plan is not None and plan["status"] == PlanStatus.DRAFT and \
        (actor is None or actor.role != Role.ADMIN)
    if plan is None or hidden:
        raise NotFound("No published draw plan has the id {id}.", id=plan_id)
    return plan


def create(db: Database, *, actor: Actor | None, data: PlanCreate) -> PlanPublic:
    actor = permissions.require_admin(actor)
    unit = officers.get_unit(db, data.unit_id)
    if unit is None:
        raise NotFound("There is no unit {unit}.", unit=data.unit_id)
    outside = sorted(set(data.districts) - set(unit["districts"]))
    if outside:
        raise Invalid("These districts are not the unit's: {districts}.", districts=", ".join(outside))
    now = clock.now()
    document = data.model_dump(mode="json") | {
        "districts": data.districts or unit["districts"], "status": PlanStatus.DRAFT.value,
        "created_at": now, "created_by": actor.username}
    document["_id"] = repository.insert_plan(db, f"RD-{clock.day_of(now).year}-", document)
    audit.record(db, actor=actor, action="random_draw.create", target=document["_id"], data=document)
    return PlanPublic.from_stored(document)


def publish(db: Database, *, actor: Actor | None, plan_id: str,
            data: PlanPublish | None = None) -> PlanPublic:
    """Freezes the register, then publishes its hash, the weights and a fresh random seed: from
    here on the result is fixed, and anyone holding the register can compute it. The plan is
    drawn on `draw_on` (the next working day by default) unless an administrator draws it first."""
    actor = permissions.require_admin(actor)
    plan = _load(db, plan_id, actor)
    if plan["status"] != PlanStatus.DRAFT:
        raise Conflict("This plan is already published.")
    unit = officers.get_unit(db, plan["unit_id"]) or {"districts": []}
    given_up = sorted(set(plan["districts"]) - set(unit["districts"]))
    if given_up:   # the unit was relieved of a district after the plan was drafted
        raise Conflict("The unit no longer covers {districts}: its officers could not inspect what "
                       "would be drawn there. Make a new plan.", districts=", ".join(given_up))
    today = clock.today()
    draw_on = (data.draw_on if data else None) or workdays.add_working_days(today, 1)
    if not today <= draw_on <= today + timedelta(days=DRAW_WITHIN_DAYS):
        raise Invalid("The draw day must be from today to {days} days from now (the register is "
                      "frozen today).", days=DRAW_WITHIN_DAYS)
    _refuse_overlap_with_waiting(db, plan)
    snapshot = register.build(db, plan, today=today)
    fields = {"status": PlanStatus.PUBLISHED.value, "published_at": clock.now(),
              "register_hash": algorithm.register_hash(snapshot), "seed": secrets.token_hex(16),
              "register_size": len(snapshot["businesses"]), "draw_on": clock.to_stored(draw_on)}
    repository.save_register(db, plan_id, snapshot)
    if not repository.update(db, plan_id, expected_status=PlanStatus.DRAFT.value, fields=fields):
        raise Conflict("This plan is already published.")
    audit.record(db, actor=actor, action="random_draw.publish", target=plan_id, data=fields)
    return PlanPublic.from_stored(plan | fields)


def _refuse_overlap_with_waiting(db: Database, plan: dict[str, Any]) -> None:
    """A register counts each business's draws this year (at most `max_per_year`) from the plans
    already drawn: two plans over the same businesses published before either is drawn would both
    count too few, and could draw a business a third time. The first must be drawn first."""
    for other in repository.waiting(db):
        districts = set(plan["districts"]) & set(other["districts"])
        trades_meet = not plan["trades"] or not other["trades"] or \
            bool(set(plan["trades"]) & set(other["trades"]))
        if districts and trades_meet:
            raise Conflict("Plan {plan} covers some of the same businesses ({districts}) and is "
                           "published but not drawn yet: draw it first, so that this plan's register "
                           "counts its draws.", plan=other["_id"], districts=", ".join(sorted(districts)))


def run(db: Database, *, actor: Actor | None, plan_id: str) -> PlanPublic:
    """An administrator draws a published plan now, before its draw day."""
    actor = permissions.require_admin(actor)
    return _draw(db, _load(db, plan_id, actor), actor)


def draw_due(db: Database) -> list[str]:
    """The worker's job: draws each published plan whose draw day has come (oldest published
    first, as a later one's register counts its draws), so no published plan waits undrawn."""
    today, drawn = clock.today(), []
    for plan in repository.waiting(db):
        due = clock.from_stored(plan.get("draw_on")) or workdays.add_working_days(
            clock.day_of(plan["published_at"]), 1)   # published before draw days existed
        if due <= today:
            try:
                drawn.append(_draw(db, repository.get(db, plan["_id"]) or plan, DRAW_DAY).id)
            except Conflict:
                continue   # drawn by an administrator meanwhile
    return drawn


def _draw(db: Database, plan: dict[str, Any], actor: Actor) -> PlanPublic:
    """Draws from the published register and seed, and gives each pair of officers a task."""
    plan_id = plan["_id"]
    if plan["status"] != PlanStatus.PUBLISHED:
        raise Conflict("Only a published plan that has not been drawn can be drawn.")
    snapshot = repository.register(db, plan_id)
    assert snapshot is not None
    today = clock.today()
    drawn = [_named(db, target, snapshot) for target in algorithm.draw(snapshot, plan["seed"])]
    fields = {"status": PlanStatus.DRAWN.value, "drawn_at": clock.now(), "drawn": drawn,
              "drawn_count": len(drawn),
              "results_due": clock.to_stored(workdays.add_working_days(
                  today, RESULTS_WITHIN_WORKING_DAYS))}
    if not repository.update(db, plan_id, expected_status=PlanStatus.PUBLISHED.value, fields=fields):
        raise Conflict("Only a published plan that has not been drawn can be drawn.")
    deadline = clock.end_of_day(workdays.add_working_days(today, plan["inspect_within_working_days"]))
    with i18n.language(None):
        for target in drawn:
            tasks.create(db, source=TaskSource.RANDOM_DRAW, business_code=target["business_code"],
                         title=Phrase(TASK_TITLE, plan=plan["name"]),
                         detail=_("Officers drawn: {names}").format(
                             names=", ".join(target["officer_names"]) or _("none available")),
                         deadline=deadline, created_by=actor.username, ref=plan_id, actor=actor,
                         assignee=target["officer_ids"][0] if target["officer_ids"] else None)
    audit.record(db, actor=actor, action="random_draw.run", target=plan_id,
                 data={"drawn": [t["business_code"] for t in drawn]})
    return PlanPublic.from_stored(plan | fields)


def _named(db: Database, target: dict[str, Any], snapshot: dict[str, Any]) -> dict[str, Any]:
    names = {officer["id"]: officer["name"] for officer in snapshot["officers"]}
    business = businesses.get(db, code=target["business_code"])
    return DrawnTarget(**target, business_name=business["name"],
                       officer_names=[names[i] for i in target["officer_ids"]]
                       ).model_dump(exclude={"inspection"})


def get(db: Database, *, actor: Actor | None, plan_id: str) -> PlanPublic:
    """With each drawn business's inspection once recorded (一公开), read in one query."""
    plan = PlanPublic.from_stored(_load(db, plan_id, actor))
    if plan.drawn:
        recorded: dict[str, DrawnInspection] = {}
        for row in inspections.for_draw_plan(db, plan.id):  # newest first: the latest is shown
            recorded.setdefault(row["business_code"], DrawnInspection(
                id=str(row["_id"]), date=clock.from_stored(row["date"]), result=row["result"],
                off_draw=bool(row.get("off_draw"))))
        for target in plan.drawn:
            target.inspection = recorded.get(target.business_code)
    return plan


def drawn_team(db: Database, *, plan_id: str, business_code: str) -> list[str] | None:
    """The officers the plan drew to inspect the business; None if it was not drawn there."""
    plan = repository.get(db, plan_id) or {}
    return next((target["officer_ids"] for target in plan.get("drawn") or []
                 if target["business_code"] == business_code), None)


def listed(db: Database, *, actor: Actor | None, page_number: int = 1, page_size: int = 20) -> PlansPublic:
    """Newest first; administrators see the drafts too."""
    statuses = PUBLIC + ([PlanStatus.DRAFT.value] if actor and actor.role == Role.ADMIN else [])
    rows = repository.listed(db, statuses, skip=paging.skip(page_number, page_size), limit=page_size)
    return PlansPublic(data=[PlanPublic.from_stored(plan) for plan in rows],
                       meta=PageMeta.of(repository.total_listed(db, statuses), page_number, page_size))


def published_register(db: Database, *, plan_id: str) -> dict[str, Any]:
    """The register exactly as hashed: anyone can hash it and re-run the draw."""
    plan = _load(db, plan_id)
    snapshot = repository.register(db, plan_id)
    if plan["status"] == PlanStatus.DRAFT or snapshot is None:
        raise NotFound("No published draw plan has the id {id}.", id=plan_id)
    return snapshot


def verify(plan: dict[str, Any], snapshot: dict[str, Any]) -> Verification:
    """Re-hashes the register and re-runs the draw; compares both with what was published."""
    hash_ok = algorithm.register_hash(snapshot) == plan.get("register_hash")
    expected = [(t["business_code"], t["key"], t["officer_ids"])
                for t in algorithm.draw(snapshot, plan["seed"])]
    stored = [(t["business_code"], t["key"], t["officer_ids"]) for t in plan.get("drawn", [])]
    drawn = plan.get("status") == PlanStatus.DRAWN
    result_ok = expected == stored if drawn else None
    return Verification(plan_id=plan.get("_id") or plan.get("id", ""), drawn=drawn,
                        register_hash_matches=hash_ok, result_matches=result_ok,
                        match=hash_ok and result_ok if drawn else None)


def verify_stored(db: Database, *, plan_id: str) -> Verification:
    plan = _load(db, plan_id)
    return verify(plan, published_register(db, plan_id=plan_id))


def declare_conflict(db: Database, *, actor: Actor | None, data: ConflictCreate) -> None:
    """An officer declares their own conflict with a business (an administrator anyone's)."""
    actor = permissions.require_signed_in(actor)
    if actor.role != Role.ADMIN and not (actor.role == Role.OFFICER
                                         and actor.officer_id == data.officer_id):
        raise Forbidden("Officers declare their own conflicts of interest only.")
    if officers.get(db, data.officer_id) is None:
        raise NotFound("There is no officer {officer}.", officer=data.officer_id)
    business = businesses.get(db, code=data.business_code)
    # Only a business the officer could be drawn for: one elsewhere would be noise on the record.
    permissions.require_officer_for_district(actor, business["district"])
    document = data.model_dump() | {"business_code": business["code"], "declared_at": clock.now(),
                                    "declared_by": actor.username}
    if repository.add_conflict(db, document):
        audit.record(db, actor=actor, action="random_draw.conflict", target=data.officer_id,
                     data=document)
