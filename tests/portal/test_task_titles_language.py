"""The portal shows a generated task title in the reader's language (the language switch or the
browser's), whichever language the task was created in; a person's title as written."""

import html

import pytest

from backend import clock, i18n
from backend.i18n import _
from backend.inspections import service as inspections
from backend.inspections.schemas import InspectionCreate
from backend.tasks import service as tasks
from backend.tasks.schemas import TaskSource
from backend.users.schemas import Role
from tests import factories
from tests.factories import ADMIN, days_from_today
from tests.portal.conftest import ENGLISH, sign_in

TITLE = "Rectify the findings of the inspection of {date}"


@pytest.fixture(scope="module")
def scene(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    first, second = factories.officer(db, name="甲执法"), factories.officer(db, name="乙执法")
    code = factories.business(db, district="天河区")
    with i18n.language("en"):  # recorded by an officer reading the portal in English
        recorded = inspections.record(db, actor=ADMIN, data=InspectionCreate(
            business_code=code, date=days_from_today(-1), source="routine", officer_ids=[first, second],
            result="non_compliant", checked_items=["食品贮存"], items_found=["冰箱生熟混放"],
            opinion="限期整改", rectification_deadline=days_from_today(10)))
    written = tasks.create(db, source=TaskSource.SPECIAL_CAMPAIGN, business_code=code,
                           title="专项整治：冷库温度", deadline=clock.now(), created_by="admin")
    return {"officer": factories.user(db, role=Role.OFFICER, officer_id=first),
            "task_id": str(db.tasks.find_one({"source": "inspection", "ref": recorded.id})["_id"]),
            "written": written.id}


def _title(language):
    with i18n.language(language):
        return html.escape(_(TITLE).format(date=days_from_today(-1)), quote=False)


@pytest.mark.parametrize(("language", "other"), [("en", "zh_Hans"), ("zh_Hans", "en")])
def test_the_language_switch_chooses_the_titles_language(site, scene, language, other):
    assert _title(language) != _title(other)
    sign_in(site, scene["officer"])
    site.get(f"/lang/{language}", params={"next": "/tasks"})
    for page in ("/tasks", f"/tasks/{scene['task_id']}", "/me"):
        text = site.get(page, headers={"Accept-Language": "fr"}).text
        assert _title(language) in text and _title(other) not in text, page
        assert "专项整治：冷库温度" in text or page == f"/tasks/{scene['task_id']}"


def test_the_browsers_language_serves_without_the_switch(site, scene):
    sign_in(site, scene["officer"])
    site.cookies.delete(i18n.LANGUAGE_COOKIE)
    page = f"/tasks/{scene['task_id']}"
    chinese = site.get(page, headers={"Accept-Language": "zh-CN"}).text
    assert _title("zh_Hans") in chinese and _title("en") not in chinese
    english = site.get(page, headers=ENGLISH).text
    assert _title("en") in english and _title("zh_Hans") not in english
    assert "专项整治：冷库温度" in site.get(f"/tasks/{scene['written']}", headers=ENGLISH).text
