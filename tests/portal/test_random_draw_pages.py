"""The public random-draw pages: plans, published seed and hash, and the result, without scripts."""

from datetime import timedelta

import pytest

from backend import clock
from backend.random_draw import service
from backend.random_draw.schemas import PlanCreate
from backend.users.schemas import Role
from tests import factories
from tests.factories import ADMIN
from tests.portal.conftest import ENGLISH, form_token


@pytest.fixture(scope="module")
def plans(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    for n in range(3):
        factories.officer(db, unit_id="U-TH", name=f"抽查员{n}")
    for _ in range(10):
        factories.business(db, district="天河区")
    drawn = service.create(db, actor=ADMIN, data=PlanCreate(
        name="天河区餐饮双随机抽查", unit_id="U-TH", base_ratio=0.3))
    service.publish(db, actor=ADMIN, plan_id=drawn.id)
    drawn = service.run(db, actor=ADMIN, plan_id=drawn.id)
    draft = service.create(db, actor=ADMIN, data=PlanCreate(name="草稿计划", unit_id="U-TH"))
    return drawn, draft


def _entry(html: str) -> str:
    start = html.index('<div id="react-entry-point">')
    return html[start:html.index('<script id="_dash-config"')]


def test_list_shows_published_plans_only(site, plans):
    drawn, draft = plans
    response = site.get("/random-draws", headers=ENGLISH)
    assert response.status_code == 200
    content = _entry(response.text)
    assert drawn.name in content and f'href="/random-draws/{drawn.id}"' in content
    assert len(drawn.drawn) > 0 and f"{len(drawn.drawn)} drawn" in content
    assert draft.name not in content


def test_plan_page_publishes_seed_hash_and_result(site, plans):
    drawn, _ = plans
    content = _entry(site.get(f"/random-draws/{drawn.id}", headers=ENGLISH).text)
    assert drawn.seed in content and drawn.register_hash in content
    assert f"python -m backend.random_draw verify {drawn.id}" in content
    assert "Inspection results public by" in content
    for target in drawn.drawn:
        assert f'href="/b/{target.business_code}"' in content
        assert all(name in content for name in target.officer_names)


def test_drafts_and_unknown_plans_are_not_found(site, plans):
    _, draft = plans
    assert site.get(f"/random-draws/{draft.id}", headers=ENGLISH).status_code == 404
    assert site.get("/random-draws/RD-1999-001", headers=ENGLISH).status_code == 404


def test_plan_page_reads_in_chinese(site, plans):
    drawn, _ = plans
    response = site.get(f"/random-draws/{drawn.id}", headers={"Accept-Language": "zh-CN"})
    assert response.status_code == 200
    assert "随机种子" in response.text and "行政处罚 ×2" in response.text


def _sign_in_admin(db, site):
    username = factories.user(db, role=Role.ADMIN)
    token = form_token(site, "/login")
    response = site.post("/login", data={"username": username, "password": factories.PASSWORD,
                                         "next": "/random-draws", "csrf_token": token})
    assert response.status_code in (200, 303)


def test_an_administrator_runs_a_plan_with_plain_forms(db, site, plans):
    _sign_in_admin(db, site)
    try:
        token = form_token(site, "/random-draws")
        created = site.post("/random-draws", headers=ENGLISH, follow_redirects=False, data={
            "name": "表单创建的计划", "unit_id": "U-TH", "base_ratio_percent": "20",
            "csrf_token": token})
        assert created.status_code == 303
        path = created.headers["location"]
        draft = site.get(path, headers=ENGLISH).text
        assert f'id="draw-on" max="{clock.today() + timedelta(days=30)}" min="{clock.today()}"' in draft
        late = site.post(f"{path}/publish", headers=ENGLISH, data={
            "csrf_token": form_token(site, path), "draw_on": str(clock.today() + timedelta(days=31))})
        assert late.status_code == 422 and "The draw day must be from today to 30 days" in late.text
        draw_on = clock.today() + timedelta(days=2)
        for step, status in (("publish", "Published, not drawn yet"), ("run", "Drawn")):
            token = form_token(site, path)
            moved = site.post(f"{path}/{step}", data={"csrf_token": token, "draw_on": str(draw_on)},
                              follow_redirects=False)
            assert moved.status_code == 303
            shown = site.get(path, headers=ENGLISH).text
            assert status in shown
            assert (f"{draw_on}, unless an administrator draws it before" in shown) == (step == "publish")
        refused = site.post("/random-draws", headers=ENGLISH, data={"name": "x", "unit_id": "U-TH"})
        assert refused.status_code == 403  # no CSRF token
        mended = site.post("/random-draws", headers=ENGLISH, data={
            "name": "越秀区冬季抽查", "unit_id": "U-NONE", "base_ratio_percent": "5",
            "csrf_token": form_token(site, "/random-draws")})
        assert mended.status_code in (404, 422) and 'value="越秀区冬季抽查"' in mended.text
        assert '<option value="U-TH">' in mended.text  # the units by name, to choose from
    finally:
        site.get("/logout")


def test_the_forms_are_for_administrators_only(db, site, plans):
    drawn, draft = plans
    assert 'id="draw-create-form"' not in site.get("/random-draws", headers=ENGLISH).text
    token = form_token(site, "/login")  # a valid token, but nobody signed in
    response = site.post(f"/random-draws/{draft.id}/publish", headers=ENGLISH,
                         data={"csrf_token": token})
    assert response.status_code == 401
    assert db.draw_plans.find_one({"_id": draft.id})["status"] == "draft"


def test_a_draw_that_left_businesses_without_officers_says_so(db, site):
    factories.unit(db, id="U-PY", districts=("番禺区",))
    factories.officer(db, unit_id="U-PY", name="唯一的执法员")  # two are needed for each inspection
    factories.business(db, district="番禺区")
    plan = service.create(db, actor=ADMIN, data=PlanCreate(name="番禺抽查", unit_id="U-PY", base_ratio=1.0))
    service.publish(db, actor=ADMIN, plan_id=plan.id)
    service.run(db, actor=ADMIN, plan_id=plan.id)
    page = site.get(f"/random-draws/{plan.id}", headers=ENGLISH).text
    assert "1 of 1 drawn businesses got no officers" in page


@pytest.mark.parametrize(("fields", "said"), [
    ({"base_ratio_percent": "150"}, "at most 100"), ({"base_ratio_percent": "lots"}, "number of per cent"),
    ({"name": "x"}, "Name: "), ({"name": "很" * 121}, "Name: Must be at most 120 characters long."),
])
def test_a_refused_plan_names_what_is_wrong_in_the_forms_words(db, site, plans, fields, said):
    _sign_in_admin(db, site)
    try:
        refused = site.post("/random-draws", headers=ENGLISH, data={
            "name": "冬季抽查", "unit_id": "U-TH", "base_ratio_percent": "5",
            "csrf_token": form_token(site, "/random-draws")} | fields)
        assert refused.status_code == 422 and said in refused.text
    finally:
        site.get("/logout")
