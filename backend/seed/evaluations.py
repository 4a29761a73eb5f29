"""Demo evaluations of officers (双向监督): some businesses rate their inspectors, a few badly;
officers answer some, and colleagues revisit some of the bad ones, all through the real service."""

from random import Random

from pymongo.database import Database

from backend.evaluations import service as evaluations
from backend.evaluations.schemas import AnswerCreate, EvaluationCreate, Level, RevisitCreate
from backend.officers import repository as officers
from backend.users.schemas import Actor, Role

LEVEL_WEIGHTS = {Level.VERY_SATISFIED: 45, Level.SATISFIED: 30, Level.BASICALLY_SATISFIED: 13,
                 Level.DISSATISFIED: 8, Level.VERY_DISSATISFIED: 4}
COMMENTS = {Level.VERY_SATISFIED: "检查细致，讲解耐心，指出的问题很有帮助。",
            Level.SATISFIED: "按规定出示执法证件，检查规范。",
            Level.BASICALLY_SATISFIED: "检查时间较长，影响了午市营业。",
            Level.DISSATISFIED: "检查时态度较生硬，对整改要求解释不够。",
            Level.VERY_DISSATISFIED: "未说明检查依据，整改要求前后不一致。"}
ANSWER = "感谢监督。我们已在所内通报，今后检查前先说明依据和流程。"


def seed(db: Database, rng: Random, *, skip: set[str], most: int = 80) -> int:
    """Rates officers of recent inspections, leaving the `skip` businesses (the demo enterprise
    accounts) to do it themselves; returns how many evaluations were given."""
    given = 0
    rows = db.inspections.find({}, {"business_code": 1, "officers": 1, "district": 1}).sort("date", -1)
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
            _follow_up(db, rng, done.id, ref["id"], bad=done.bad)
    return given


def _officer(db: Database, officer_id: str) -> Actor:
    officer = officers.get(db, officer_id) or {}
    unit = officers.get_unit(db, officer.get("unit_id", "")) or {}
    return Actor(username=f"demo-{officer_id}", role=Role.OFFICER, officer_id=officer_id,
                 unit_id=unit.get("_id"), unit_districts=list(unit.get("districts", [])))


def _follow_up(db: Database, rng: Random, evaluation_id: str, officer_id: str, *, bad: bool) -> None:
    if bad and rng.random() < 0.7:
        evaluations.answer(db, actor=_officer(db, officer_id), evaluation_id=evaluation_id,
                           data=AnswerCreate(text=ANSWER))
    if bad and rng.random() < 0.5:
        unit_id = (officers.get(db, officer_id) or {}).get("unit_id", "")
        colleagues = [other for other in officers.ids_in_unit(db, unit_id) if other != officer_id]
        if colleagues:
            evaluations.revisit(db, actor=_officer(db, rng.choice(colleagues)),
                                evaluation_id=evaluation_id,
                                data=RevisitCreate(rectified=True, note="回访企业，对整改情况表示认可。"))
