"""/admin/lists: administrators save criteria and publish editions with plain forms."""

import pytest

from backend.users.schemas import Role
from tests import factories
from tests.portal.conftest import ENGLISH, form_token


@pytest.fixture(scope="module")
def admin(site, db):
    username = factories.user(db, role=Role.ADMIN)
    token = form_token(site, "/login")
    response = site.post("/login", data={"username": username, "password": factories.PASSWORD,
                                         "next": "/admin/lists", "csrf_token": token},
                         follow_redirects=False)
    assert response.status_code == 303
    return username


def test_anonymous_readers_are_refused(db):
    from fastapi.testclient import TestClient

    from portal.server import create_app

    with TestClient(create_app()) as anonymous:
        assert anonymous.get("/admin/lists", headers=ENGLISH).status_code == 403


def test_an_admin_saves_a_new_criteria_version_without_scripts(site, admin):
    token = form_token(site, "/admin/lists")
    form = {"rows": "2", "c0_id": "b-fine", "c0_rule": "fine_at_least", "c0_days": "365",
            "c0_threshold": "20000", "c1_id": "", "c1_rule": "", "note": "罚款门槛调整为两万元",
            "csrf_token": token}
    text = site.post("/admin/lists/criteria", data=form, headers=ENGLISH).text
    assert "Criteria saved as version 1." in text
    assert "A fine of at least 20000 yuan within 365 days" in site.get("/lists", headers=ENGLISH).text


def test_bad_values_are_explained_and_nothing_is_saved(site, admin):
    token = form_token(site, "/admin/lists")
    form = {"rows": "1", "c0_id": "b-fine", "c0_rule": "fine_at_least", "c0_days": "365",
            "c0_threshold": "0", "note": "x", "csrf_token": token}
    text = site.post("/admin/lists/criteria", data=form, headers=ENGLISH).text
    assert "notice-bad" in text and "Criteria saved" not in text


def test_an_admin_publishes_an_edition(site, admin):
    token = form_token(site, "/admin/lists")
    text = site.post("/admin/lists/publish", data={"csrf_token": token}, headers=ENGLISH).text
    assert "Edition 1 published." in text
