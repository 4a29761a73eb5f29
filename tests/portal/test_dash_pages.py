"""Every page through Dash's own page callback, as a browser asks for it once Dash has taken over
(a tap on a link): the server's first HTML is built from light elements, which accept any prop,
so a prop a Dash component refuses fails only here."""

import dash
import pytest

from tests.portal.conftest import ENGLISH
from tests.portal.test_review_pages import graded  # noqa: F401 - a fixture: a business with a grade


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


def test_every_page_renders_through_dash(site, db, seeded, graded):  # noqa: F811
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
