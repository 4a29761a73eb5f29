"""Demo evaluations of officers (双向监督): some businesses rate their inspectors, a few badly;
officers answer some, and colleagues revisit some of the bad ones, all through the real service,
then dated as they would have been given: a few days after their inspection, not all on the day
the demo was seeded."""

from datetime import date, datetime, timedelta
from random import Random

from bson import ObjectId
from pymongo.database import Database

from backend import clock
from backend.evaluations import service as evaluations
from backend.evaluations.schemas import AnswerCreate, EvaluationCreate, Level, RevisitCreate
from backend.officers import repository as officers
from backend.seed.context import recorded_at
from backend.users.schemas import Actor, Role

LEVEL_WEIGHTS = {Level.VERY_SATISFIED: 45, Level.SATISFIED: 30, Level.BASICALLY_SATISFIED: 13,
                 Level.DISSATISFIED: 8, Level.VERY_DISSATISFIED: 4}
COMMENTS = {Level.VERY_SATISFIED: "检查细致，讲解耐心，指出的问题很有帮助。",
            Level.SATISFIED: "按规定出示执法证件，检查规范。",
            Level.BASICALLY_SATISFIED: "检查时间较长，影响了午市营业。",
            Level.DISSATISFIED: "检查时态度较生硬，对整改要求解释不够。",
            Level.VERY_DISSATISFIED: "未说明检查依据，整改要求前后不一致。"}
ANSWER = "感谢监督。我们已在所内通报，今后检查前先说明依据和流程。"
REVISIT_NOTE = "回访企业，对整改情况表示认可。"


def seed(db: Database, rng: Random, *, skip: set[str], most: int = 80) -> int:
    """Rates officers of recent inspections, leaving the `skip` businesses (the demo enterprise
    accounts) to do it themselves; returns how many evaluations were given."""
    given = 0
    rows = db.inspections.find({}, {"business_code": 1, "officers": 1, "district": 1, "date": 1}
                               ).sort("date", -1)
    for inspection in rows.limit(most * 3):
        if given >= most or inspection["business_code"] in skip or rng.random() < 0.5:
            continue
        shop = Actor(username="demo-enterprise", role=Role.ENTERPRISE,
                     business_code=inspection["business_code"])
        for ref in inspection["officers"][:2]:
            level = rng.choices(tuple(LEVEL_WEIGHTS), tuple(LEVEL_WEIGHTS.values()))[0]
            done = evaluations.create(db, actor=shop, data=EvaluationCreate(
                inspection_id=str(inspection["_id"]), officer_id=ref["id"], level=level,
                comment=COMMENTS[level]))
            given += 1
            day = _date(db, rng, done.id, clock.from_stored(inspection["date"]) or clock.today())
            _follow_up(db, rng, done.id, ref["id"], bad=done.bad, given_on=day)
    return given


def _date(db: Database, rng: Random, evaluation_id: str, inspected_on: date) -> date:
    """Moves an evaluation back to a few days after its inspection (never past today), and a bad
    one's follow-up deadline and task with it."""
    day = min(inspected_on + timedelta(days=rng.randint(1, 5)), clock.today())
    row = db.evaluations.find_one({"_id": ObjectId(evaluation_id)}, {"follow_up": 1})
    fields: dict[str, datetime | None] = {"created_at": recorded_at(day)}
    if row and row.get("follow_up"):
        deadline = evaluations.follow_up_deadline(day)
        fields["follow_up.deadline"] = clock.to_stored(deadline)
        db.tasks.update_one({"_id": ObjectId(row["follow_up"]["task_id"])},
                            {"$set": {"deadline": clock.end_of_day(deadline),
                                      "created_at": recorded_at(day)}})
    db.evaluations.update_one({"_id": ObjectId(evaluation_id)}, {"$set": fields})
    return day


def _officer(db: Database, officer_id: str) -> Actor:
    officer = officers.get(db, officer_id) or {}
    unit = officers.get_unit(db, officer.get("unit_id", "")) or {}
    return Actor(username=f"demo-{officer_id}", role=Role.OFFICER, officer_id=officer_id,
                 unit_id=unit.get("_id"), unit_districts=list(unit.get("districts", [])))


def _follow_up(db: Database, rng: Random, evaluation_id: str, officer_id: str, *, bad: bool,
               given_on: date) -> None:
    """Officers answer most bad evaluations; a colleague revisits every one whose deadline has
    passed (a unit does not leave them open for years) and half of the others."""
    if not bad:
        return
    oid = ObjectId(evaluation_id)
    if rng.random() < 0.7:
        evaluations.answer(db, actor=_officer(db, officer_id), evaluation_id=evaluation_id,
                           data=AnswerCreate(text=ANSWER))
        answered_on = min(given_on + timedelta(days=rng.randint(1, 3)), clock.today())
        db.evaluations.update_one({"_id": oid}, {"$set": {"answer.at": recorded_at(answered_on)}})
    deadline = evaluations.follow_up_deadline(given_on)
    if deadline >= clock.today() and rng.random() < 0.5:
        return
    unit_id = (officers.get(db, officer_id) or {}).get("unit_id", "")
    colleagues = [other for other in officers.ids_in_unit(db, unit_id) if other != officer_id]
    if colleagues:
        revisited = evaluations.revisit(db, actor=_officer(db, rng.choice(colleagues)),
                                        evaluation_id=evaluation_id,
                                        data=RevisitCreate(rectified=True, note=REVISIT_NOTE))
        revisited_on = min(given_on + timedelta(days=rng.randint(3, 12)), deadline, clock.today())
        db.evaluations.update_one({"_id": oid}, {"$set": {
            "follow_up.revisited_on": clock.to_stored(revisited_on)}})
        # the follow-up task closed by the revisit, on its day: the unit's on-time figures agree
        assert revisited.follow_up is not None  # a bad evaluation has its follow-up
        task_id = revisited.follow_up.task_id
        closed_at = recorded_at(revisited_on)
        db.tasks.update_one({"_id": ObjectId(task_id)}, {"$set": {"closed_at": closed_at}})
        events = {"task_id": task_id, "at": {"$gt": closed_at}}
        db.task_events.update_many(events | {"action": "created"}, {"$set": {"at": recorded_at(given_on)}})
        db.task_events.update_many(events, {"$set": {"at": closed_at}})
