"""/admin/lists: administrators save criteria and publish editions with plain forms."""

import pytest

from backend.users.schemas import Role
from tests import factories
from tests.portal.conftest import ENGLISH, form_token, post_form, sign_in, unlabelled_controls


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


def test_an_officer_is_refused_before_the_form_is_read(db):
    """An empty form from an officer answered 422 with "only administrators…" as its reason."""
    from fastapi.testclient import TestClient

    from portal.server import create_app

    with TestClient(create_app()) as officer:
        sign_in(officer, factories.user(db, role=Role.OFFICER, officer_id=factories.officer(db)))
        for path in ("/admin/lists/criteria", "/admin/lists/publish"):
            response = post_form(officer, path, {}, page="/login")
            assert response.status_code == 403, path


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


def _criterion(site, **typed: str):
    """One criterion row posted, `typed` over a sound one."""
    form = {"rows": "1", "c0_id": "b-fine", "c0_rule": "fine_at_least", "c0_days": "365",
            "c0_threshold": "20000", "note": "保留这句说明"} | typed
    return site.post("/admin/lists/criteria", data=form | {"csrf_token": form_token(site, "/admin/lists")},
                     headers=ENGLISH)


def test_a_mistyped_number_is_named_in_words_and_what_was_typed_stays(site, admin):
    response = _criterion(site, c0_days="abc")
    assert response.status_code == 422
    assert "Criteria 1 Within days: Must be a whole number." in response.text
    assert "invalid literal" not in response.text
    assert 'value="保留这句说明"' in response.text and 'value="abc"' in response.text


def test_an_empty_note_is_named_as_its_label_says(site, admin):
    response = _criterion(site, note=" ")
    assert response.status_code == 422
    assert "Why they change (published with them): Must not be empty." in response.text
    assert "Note:" not in response.text


@pytest.mark.parametrize(("form", "reason"), [
    ({"cut_off": "2026-13-45"}, "Cut-off date: Must be a date, written 2026-03-05."),
    ({"corrects": "99999999999999999999", "note": "笔误"}, "Corrects edition: Must be at most 1000000."),
    ({"corrects": "1", "note": " "}, "A correction must say what changed and why."),
    ({"cut_off": "1900-01-01"}, "cannot be before the latest edition"),
])
def test_a_bad_edition_is_refused_in_words_keeping_what_was_typed(site, admin, form, reason):
    token = form_token(site, "/admin/lists")
    response = site.post("/admin/lists/publish", data=form | {"csrf_token": token}, headers=ENGLISH)
    assert response.status_code in (409, 422) and reason in response.text
    assert "published." not in response.text and "validation error" not in response.text
    for value in form.values():
        assert f'value="{value}"' in response.text


def test_the_rule_choices_read_in_words(site, admin):
    text = site.get("/admin/lists", headers=ENGLISH).text
    assert ">Serious penalty · Black list</option>" in text and ">serious_penalty<" not in text
    assert "(black)" not in text and "(Black list)" in text


def test_every_control_of_the_forms_has_a_label(site, admin):
    assert unlabelled_controls(site.get("/admin/lists", headers=ENGLISH).text) == []


def test_the_newest_editions_are_listed_for_a_correction(site, admin):
    """A correction names the edition it corrects: the page lists the newest ones."""
    token = form_token(site, "/admin/lists")
    site.post("/admin/lists/publish", data={"csrf_token": token}, headers=ENGLISH)
    text = site.get("/admin/lists", headers=ENGLISH).text
    assert 'href="/lists/1"' in text and 'type="date"' in text
