"""Every page through Dash's own page callback, as a browser asks for it once Dash has taken over
(a tap on a link): the server's first HTML is built from light elements, which accept any prop,
so a prop a Dash component refuses fails only here. Each account sees its own workspace pages."""

import dash
import pytest

from backend.alerts import service as alerts
from backend.alerts.schemas import AlertConfirm
from backend.users import service as users
from backend.users.schemas import Role
from tests import factories, kitchen
from tests.portal.conftest import ENGLISH, sign_in
from tests.portal.test_review_pages import graded  # noqa: F401 - a fixture: a business with a grade

ACCOUNTS = ("signed out", "business", "officer", "admin")


def _through_dash(site, path: str, search: str = ""):
    location = {"id": "_pages_location", "property": "pathname", "value": path}
    return site.post("/_dash-update-component", headers=ENGLISH, json={
        "output": ".._pages_content.children..._pages_store.data..",
        "outputs": [{"id": "_pages_content", "property": "children"},
                    {"id": "_pages_store", "property": "data"}],
        "inputs": [location, {"id": "_pages_location", "property": "search", "value": search}],
        "changedPropIds": ["_pages_location.pathname"]})


def _paths(seeded, graded_code: str, db) -> list[str]:  # noqa: F811
    """Each registered page, its path's parts filled with records the test database holds."""
    camera = db.cameras.find_one({}) or {"_id": "none"}
    plan = db.draw_plans.find_one({}) or {"_id": "none"}
    filled = {"code": graded_code, "camera_id": str(camera["_id"]), "officer_id": "OF0001",
              "edition": "1", "plan_id": str(plan["_id"])}
    paths = []
    for page in dash.page_registry.values():
        path = page.get("path_template") or page["path"]
        for part, value in filled.items():
            path = path.replace(f"<{part}>", value)
        paths.append(path)
    return paths + [f"/b/{seeded.code}"]


@pytest.fixture(scope="module")
def accounts(db, seeded):
    """One user per kind of account; the business's kitchen has alerts with evidence frames, one
    of them confirmed (its rectification form drawn)."""
    factories.unit(db, id="U-TH", districts=("天河区",))
    camera_id = kitchen.camera(db, seeded.code)
    kitchen.alert(db, camera_id, clip=3)
    officer = factories.user(db, role=Role.OFFICER, officer_id=seeded.officer_id)
    alerts.confirm(db, actor=users.actor_for(db, username=officer), data=AlertConfirm(),
                   alert_id=kitchen.alert(db, camera_id, kind="rat", clip=2))
    return {"business": factories.user(db, role=Role.ENTERPRISE, business_code=seeded.code),
            "officer": officer, "admin": factories.user(db, role=Role.ADMIN)}


@pytest.mark.parametrize("account", ACCOUNTS)
def test_every_page_renders_through_dash(site, db, seeded, graded, accounts, account):  # noqa: F811
    site.cookies.clear()
    if account in accounts:
        sign_in(site, accounts[account])
    failed = {}
    for path in _paths(seeded, graded, db):
        response = _through_dash(site, path)
        if response.status_code != 200:
            failed[path] = response.status_code
    assert failed == {}


@pytest.mark.parametrize("path", ["/ratings", "/grades/{code}"])
def test_the_chart_pages_draw_their_charts_once_dash_takes_over(site, graded, path):  # noqa: F811
    response = _through_dash(site, path.format(code=graded))
    assert response.status_code == 200 and '"Graph"' in response.text


def test_the_kitchen_frames_load_lazily_in_the_first_html_and_show_once_dash_takes_over(site, accounts):
    sign_in(site, accounts["business"])
    first = site.get("/me/kitchen", headers=ENGLISH).text
    assert '/clip/0.jpg" width="96"' in first and 'loading="lazy"' in first
    taken_over = _through_dash(site, "/me/kitchen")
    assert taken_over.status_code == 200 and "/clip/0.jpg" in str(taken_over.json())
