"""Demo work for the inbox: grid → officer mapping, complaints in every state, other tasks."""

from datetime import timedelta
from typing import Any

from pymongo.database import Database

from backend import clock
from backend.businesses import repository as business_store
from backend.businesses import service as businesses
from backend.complaints import repository as complaint_store
from backend.complaints import service as complaints
from backend.complaints.schemas import ComplaintCreate, ComplaintFeedback, ComplaintReopen
from backend.grids import service as grids
from backend.seed.accounts import OFFICER_USERNAMES
from backend.seed.context import RECORDED_BY
from backend.seed.places import DISTRICTS, District
from backend.seed.subjects import GRID_AREAS_PER_STREET
from backend.tasks import service as tasks
from backend.tasks import workflow
from backend.tasks.schemas import TaskClose, TaskRectify, TaskResult, TaskSource
from backend.users import service as users
from backend.users.schemas import Actor, Role

SEEDER = Actor(username=RECORDED_BY, role=Role.ADMIN)
DRAW_AT_MOST = 20_000  # businesses in the demo draw's district; a bigger (scale) seed draws nothing
# (category, text, phone, what happens next): one complaint for each state a reader may meet.
COMPLAINTS = (
    ("hygiene", "后厨地面油污很厚，看到老鼠从灶台下跑过。", "13800138000", "received"),
    ("expired_food", "货架上的牛奶已经过期两天还在卖。", None, "accepted"),
    ("illegal_additives", "卤味颜色异常鲜艳，怀疑添加了色素。", None, "verified"),
    ("inferior_goods", "买到的食用油有哈喇味，疑似劣质油。", "13912345678", "satisfied"),
    ("hygiene", "服务员不戴口罩直接用手拿熟食。", None, "reopened"),
    ("consumer_dispute", "预付卡充值后商家拒绝按约定打折。", "13700001111", "closed"),
)


def map_grids(db: Database, roster: dict[str, list[dict[str, Any]]]) -> None:
    """Each street's grids to one officer of the district's unit, round the roster; the last
    street is left unmapped, so its complaints show the unit's shared queue."""
    rows = []
    for district in DISTRICTS:
        officers = roster.get(district.name) or []
        for index, street in enumerate(district.streets[:-1]):
            if officers:
                rows += [{"district": district.name, "grid": f"{street}第{n}网格",
                          "officer_id": officers[index % len(officers)]["id"]}
                         for n in range(1, GRID_AREAS_PER_STREET + 1)]
    grids.seed(db, rows)


def _complaint(db: Database, code: str, index: int, spec: tuple[str, str, str | None, str],
               officer: Actor) -> None:
    category, text, phone, state = spec
    created = complaints.submit(db, data=ComplaintCreate(business_code=code, category=category,
                                                         text=text, phone=phone),
                                client=f"{RECORDED_BY}-{index}")
    task_id = complaint_store.by_code(db, created.tracking_code)["task_id"]  # type: ignore[index]
    if state == "received":
        return
    workflow.accept(db, actor=officer, task_id=task_id)
    if state == "accepted":
        return
    workflow.record_result(db, actor=officer, task_id=task_id,
                           data=TaskResult(result="经现场核查，情况属实，已责令整改。"))
    if state == "verified":
        return
    tasks.close(db, actor=officer, task_id=task_id,
                data=TaskClose(result="商家已整改，复查合格，已告知投诉人。"))
    code_ = created.tracking_code
    if state in ("satisfied", "reopened"):
        complaints.give_feedback(db, tracking_code=code_,
                                 data=ComplaintFeedback(satisfied=state == "satisfied"))
    if state == "reopened":
        complaints.reopen(db, tracking_code=code_,
                          data=ComplaintReopen(reason="复查后第二天又看到同样的问题。"))


def create(db: Database, *, roster: dict[str, list[dict[str, Any]]], shop_codes: list[str]) -> None:
    """A few of each, on the first district that has businesses, plus an overdue check, a drawn
    random inspection plan and a rectification the first demo enterprise must answer."""
    map_grids(db, roster)
    for district, username in zip(DISTRICTS[:2], OFFICER_USERNAMES, strict=True):
        # the district's demo officer works its complaints, so they count as handled on their page
        officer = users.actor_for(db, username=username) or SEEDER
        codes = [row.code for row in businesses.search(db, district=district.name, page_size=6).data]
        for index, (code, spec) in enumerate(zip(codes, COMPLAINTS, strict=False)):
            _complaint(db, code, index + 10 * DISTRICTS.index(district), spec, officer)
        if codes:
            tasks.create(db, source=TaskSource.SPECIAL_CAMPAIGN, business_code=codes[0],
                         title="专项检查：食品经营许可与索证索票检查",
                         deadline=clock.end_of_day(clock.today() - timedelta(days=3)),
                         created_by=RECORDED_BY)
    # the unit with the most officers: one who inspected a business last time is not drawn for it,
    # and a unit of three then has too few left to send two
    _random_draw(db, max(DISTRICTS, key=lambda district: len(roster.get(district.name) or [])))
    for code in shop_codes[:1]:
        task = tasks.create(db, source=TaskSource.SPECIAL_CAMPAIGN, business_code=code,
                            title="专项整治：后厨生熟分开与冷藏温度",
                            deadline=clock.end_of_day(clock.today() + timedelta(days=20)),
                            created_by=RECORDED_BY)
        workflow.require_rectification(db, actor=SEEDER, task_id=task.id, data=TaskRectify(
            deadline=clock.today() + timedelta(days=7),
            note="请在期限内完成冷藏柜分区并上传整改照片。"))


def _random_draw(db: Database, district: District) -> None:
    """A published and drawn 双随机 plan for the district's unit, as its administrator would run
    one: /random-draws shows it, and its tasks wait in the officers' inboxes."""
    from backend.random_draw import service as random_draw  # the draw is not needed to generate data
    from backend.random_draw.schemas import PlanCreate

    if business_store.count_matching(db, business_store.listing_filter(district=district.name)) \
            > DRAW_AT_MOST:
        return  # a scale seed: its timed figures are the records, not a plan built over them
    today = clock.today()
    plan = random_draw.create(db, actor=SEEDER, data=PlanCreate(
        name=f"{today.year}年第{(today.month - 1) // 3 + 1}季度双随机抽查（{district.name}）",
        unit_id=district.unit_id, districts=[district.name]))
    random_draw.publish(db, actor=SEEDER, plan_id=plan.id)
    random_draw.run(db, actor=SEEDER, plan_id=plan.id)


def print_tracking_codes(db: Database) -> None:
    rows = complaint_store.latest(db, 12)
    if rows:
        print("Demo complaints (open /track/<code>):")
        for row in rows:
            print(f"  {row['tracking_code']}  {row['district']}  {row['business_name']}")
