"""Titles the features write are read in each reader's language, whichever language the request
or worker that created the task ran in; a person's words, and tasks stored before, as written."""

import pytest
from bson import ObjectId

from backend import clock, i18n
from backend.complaints import service as complaints
from backend.complaints.schemas import CATEGORY_LABELS, ComplaintCategory, ComplaintCreate
from backend.config import get_settings
from backend.expiry import service as expiry
from backend.i18n import _
from backend.inspections import service as inspections
from backend.inspections.schemas import InspectionCreate
from backend.licences.schemas import LICENCE_LABELS, LicenceKind
from backend.tasks import old_titles, workflow
from backend.tasks import service as tasks
from backend.tasks.schemas import SOURCE_LABELS, TaskRectify, TaskSource
from backend.users import service as users
from backend.users.schemas import Role
from tests import factories
from tests.factories import ADMIN, days_from_today

ENGLISH, CHINESE = {"Accept-Language": "en"}, {"Accept-Language": "zh-CN,zh;q=0.9"}
PLAN = "2026年第四季度餐饮双随机抽查"


@pytest.fixture(scope="module")
def scene(db, api):
    factories.unit(db, id="U-TH", districts=("天河区",))
    officers = [factories.officer(db, unit_id="U-TH", name=f"执法{n}") for n in range(3)]
    officer = factories.user(db, role=Role.OFFICER, officer_id=officers[0])
    return {"officers": officers, "officer": users.actor_for(db, username=officer),
            "headers": factories.token(api, officer),
            "admin": factories.signed_in(api, db, role=Role.ADMIN)}


@pytest.fixture()
def site_language(monkeypatch):
    """The language the site (and so its workers) run in, as MINGLIANG_LANGUAGE would set it."""
    def use(language):
        monkeypatch.setattr(get_settings(), "default_language", language)
    return use


def said(language, text, **args):
    with i18n.language(language):
        return _(text).format(**{name: _(value) if isinstance(value, Label) else value
                                 for name, value in args.items()})


class Label(str):
    """A parameter that is a msgid itself."""


def _read(api, scene, task_id, headers):
    response = api.get(f"/api/v1/tasks/{task_id}", headers=scene["headers"] | headers)
    assert response.status_code == 200, response.text
    return response.json()


def _listed_title(api, scene, task_id, headers, source):
    rows = api.get("/api/v1/tasks", params={"source": source, "pageSize": 100},
                   headers=scene["headers"] | headers).json()["data"]
    return next(row["title"] for row in rows if row["id"] == task_id)


def _expired_licence(db, number):
    code = factories.business(db)
    factories.licence(db, code, expires_in_days=-1, number=number)
    expiry.scan(db)
    return db.tasks.find_one({"source": "licence_expiry", "business_code": code})


@pytest.mark.parametrize(("written_in", "read_in"), [("zh_Hans", "en"), ("en", "zh_Hans")])
def test_an_expired_licence_is_read_in_the_readers_language(db, api, scene, site_language,
                                                            written_in, read_in):
    number = f"JY244010600{len(written_in):02d}901"
    site_language(written_in)  # the scan runs in the site's language
    stored = _expired_licence(db, number)
    title = {language: _expired_title(language, number) for language in ("en", "zh_Hans")}
    assert title["en"] != title["zh_Hans"]
    assert stored["title"] == title[written_in]  # as before: said once, in the site's language
    task_id = str(stored["_id"])
    headers = ENGLISH if read_in == "en" else CHINESE
    assert _read(api, scene, task_id, headers)["title"] == title[read_in]
    assert _listed_title(api, scene, task_id, headers, "licence_expiry") == title[read_in]
    created = _read(api, scene, task_id, headers)["history"][0]
    assert created["action"] == "created" and created["note"] == title[read_in]


def _expired_title(language, number):
    label = said(language, "{licence} {number}",
                 licence=Label(LICENCE_LABELS[LicenceKind.FOOD_BUSINESS_LICENCE]), number=number)
    return said(language, "Expired: {label}", label=label)


def test_the_lang_parameter_and_cookie_choose_as_for_every_answer(db, api, scene, site_language):
    site_language("zh_Hans")
    stored = _expired_licence(db, "JY24401060000333")
    english = _expired_title("en", "JY24401060000333")
    url = f"/api/v1/tasks/{stored['_id']}"
    assert api.get(url, params={"lang": "en"}, headers=scene["headers"] | CHINESE).json()["title"] == english
    api.cookies.set(i18n.LANGUAGE_COOKIE, "zh_Hans")
    try:
        assert api.get(url, headers=scene["headers"] | ENGLISH).json()["title"] == stored["title"]
    finally:
        api.cookies.clear()


def _draw(api, scene):
    plan = api.post("/api/v1/random-draws", headers=scene["admin"], json={
        "name": PLAN, "unit_id": "U-TH", "base_ratio": 1.0}).json()["id"]
    assert api.post(f"/api/v1/random-draws/{plan}/publish", headers=scene["admin"]).status_code == 200
    assert api.post(f"/api/v1/random-draws/{plan}/run", headers=scene["admin"] | CHINESE).status_code == 200
    return plan


@pytest.mark.parametrize("written_in", ["zh_Hans", "en"])
def test_a_random_draws_tasks_are_read_in_the_readers_language(db, api, scene, site_language, written_in):
    site_language(written_in)
    for _n in range(2):
        factories.business(db)
    plan = _draw(api, scene)
    stored = db.tasks.find_one({"source": "random_draw", "ref": plan})
    assert stored["title"] == said(written_in, "Random inspection: {plan}", plan=PLAN)
    for headers, language in ((ENGLISH, "en"), (CHINESE, "zh_Hans")):
        title = _read(api, scene, str(stored["_id"]), headers)["title"]
        assert title == said(language, "Random inspection: {plan}", plan=PLAN) and PLAN in title
    assert said("en", "Random inspection: {plan}", plan=PLAN) != said("zh_Hans", "Random inspection: {plan}",
                                                                      plan=PLAN)


@pytest.mark.parametrize(("request_in", "read_in"), [("zh_Hans", "en"), ("en", "zh_Hans")])
def test_an_inspections_follow_up_is_read_in_the_readers_language(db, scene, request_in, read_in):
    code = factories.business(db)
    first, second, _third = scene["officers"]
    with i18n.language(request_in):  # the request that recorded the inspection
        recorded = inspections.record(db, actor=ADMIN, data=InspectionCreate(
            business_code=code, date=days_from_today(-1), source="routine", officer_ids=[first, second],
            result="non_compliant", checked_items=["食品贮存"], items_found=["冰箱生熟混放"],
            opinion="限期整改", rectification_deadline=days_from_today(10)))
    stored = db.tasks.find_one({"source": "inspection", "ref": recorded.id})
    day = str(days_from_today(-1))
    with i18n.language(read_in):
        shown = tasks.get(db, actor=scene["officer"], task_id=str(stored["_id"]))
    assert shown.title == said(read_in, "Rectify the findings of the inspection of {date}", date=day)
    assert shown.title != said(request_in, "Rectify the findings of the inspection of {date}", date=day)
    with i18n.language(read_in):
        listed = tasks.list_for(db, actor=scene["officer"], source=TaskSource.INSPECTION, page_size=100)
    assert shown.title in [row.title for row in listed.data]


@pytest.mark.parametrize("read_in", ["en", "zh_Hans"])
def test_a_complaint_keeps_the_complainants_words_as_written(db, scene, read_in):
    text = "后厨有老鼠，服务员说没事 {不用管}"
    code = factories.business(db)
    with i18n.language("zh_Hans"):
        created = complaints.submit(db, data=ComplaintCreate(
            business_code=code, category="hygiene", text=text), client=f"lang-{read_in}")
    task_id = db.complaints.find_one({"tracking_code": created.tracking_code})["task_id"]
    with i18n.language(read_in):
        title = tasks.get(db, actor=scene["officer"], task_id=task_id).title
        category = _(CATEGORY_LABELS[ComplaintCategory.HYGIENE])
    assert text in title and title.startswith(category)
    # the business, ordered to rectify, reads the category in its own language, never the words
    workflow.accept(db, actor=scene["officer"], task_id=task_id)
    workflow.require_rectification(db, actor=scene["officer"], task_id=task_id,
                                   data=TaskRectify(deadline=days_from_today(7), note="请灭鼠"))
    shop = users.actor_for(db, username=factories.user(db, role=Role.ENTERPRISE, business_code=code))
    with i18n.language(read_in):
        seen = tasks.get(db, actor=shop, task_id=task_id)
    assert seen.title == said(read_in, "{source}: {category}",
                              source=Label(SOURCE_LABELS[TaskSource.COMPLAINT]),
                              category=Label(CATEGORY_LABELS[ComplaintCategory.HYGIENE]))
    assert "老鼠" not in seen.model_dump_json()


def test_a_person_written_title_and_an_old_task_read_as_stored(db, api, scene):
    code = factories.business(db)
    written = tasks.create(db, source=TaskSource.SPECIAL_CAMPAIGN, business_code=code, title="专项检查：冷库",
                           deadline=clock.now(), created_by="admin")
    old = _expired_licence(db, "JY24401060000444")
    db.tasks.update_one({"_id": old["_id"]}, {"$unset": {"title_text": "", "title_args": ""}})
    for headers in (ENGLISH, CHINESE):
        assert _read(api, scene, written.id, headers)["title"] == "专项检查：冷库"
        assert _read(api, scene, str(old["_id"]), headers)["title"] == old["title"]


def test_stored_parameters_that_no_longer_fit_read_as_first_written(db, api, scene):
    old = _expired_licence(db, "JY24401060000555")
    db.tasks.update_one({"_id": old["_id"]}, {"$set": {"title_args": {"wrong": "x"}}})
    assert _read(api, scene, str(old["_id"]), ENGLISH)["title"] == old["title"]


@pytest.mark.parametrize("written_in", ["zh_Hans", "en"])
def test_old_draw_and_inspection_titles_get_their_phrase_back(db, api, scene, site_language, written_in):
    site_language(written_in)
    factories.business(db)
    plan = _draw(api, scene)
    stored = db.tasks.find_one({"source": "random_draw", "ref": plan})
    inspection = factories.business(db)
    odd = tasks.create(db, source=TaskSource.INSPECTION, business_code=inspection, title="整改：手写的标题",
                       deadline=clock.now(), created_by="admin")
    db.tasks.update_many({}, {"$unset": {"title_text": "", "title_args": ""}})  # as stored before
    old_titles.fill(db)
    again = db.tasks.find_one({"_id": stored["_id"]})
    assert again["title"] == stored["title"]
    assert (again["title_text"], again["title_args"]) == ("Random inspection: {plan}", {"plan": PLAN})
    assert _read(api, scene, str(stored["_id"]), ENGLISH)["title"] == said("en", "Random inspection: {plan}",
                                                                           plan=PLAN)
    assert "title_text" not in db.tasks.find_one({"_id": ObjectId(odd.id)})
    assert db.tasks.count_documents({"source": "licence_expiry", "title_text": {"$exists": True}}) == 0
    old_titles.fill(db)  # again: nothing changes
    assert db.tasks.find_one({"_id": stored["_id"]}) == again
