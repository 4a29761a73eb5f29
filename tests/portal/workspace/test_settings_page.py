"""The administrator's "Rules" page (/admin/settings), without scripts: every rule by group with
its default, one form per group, a refused form kept as typed with the rule marked."""


import pytest

from backend.config import get_settings
from backend.rule_settings import live
from backend.users.schemas import Role
from tests import factories
from tests.portal.conftest import ENGLISH, marked_invalid, post_form, sign_in, unlabelled_controls

PAGE = "/admin/settings"


@pytest.fixture(scope="module")
def scene(db):
    live.forget()
    yield {"admin": factories.user(db, role=Role.ADMIN),
           "officer": factories.user(db, role=Role.OFFICER, officer_id=factories.officer(db))}
    db.settings.delete_many({})   # no rule of these tests stays in force for the next ones
    live.forget()


def test_only_administrators(site, scene):
    site.cookies.clear()
    assert site.get(PAGE, follow_redirects=False).status_code == 303
    sign_in(site, scene["officer"])
    refused = site.get(PAGE, headers=ENGLISH)
    assert refused.status_code == 403 and "Only an administrator may do this." in refused.text
    posted = post_form(site, f"{PAGE}/licences", {"expiring_within_days": "5"}, page="/me/password")
    assert posted.status_code == 403 and get_settings().expiring_within_days == 90


def test_the_page_shows_each_group_with_values_and_defaults(site, scene):
    sign_in(site, scene["admin"])
    assert f'href="{PAGE}"' in site.get("/me", headers=ENGLISH).text
    text = site.get(PAGE, headers=ENGLISH).text
    for shown in ("Licences and expiry", "Complaints", "Inspections and publication", "Grades and risk",
                  "Reviews", "Kitchen alerts", "Credit repair and objections", "Calendar",
                  "Expiring badge (days)", "90, 30, 7", "The default (90).", "at the next daily regrade"):
        assert shown in text, shown
    assert unlabelled_controls(text) == []


def test_a_group_is_saved_and_put_back_to_its_default(site, scene):
    sign_in(site, scene["admin"])
    done = post_form(site, f"{PAGE}/licences", {"expiring_within_days": "30", "expiry_windows": "60, 14",
                                                "expiry_task_working_days": "10",
                                                "health_certificate_max_days": "731"}, page=PAGE)
    assert done.status_code == 303 and done.headers["location"] == f"{PAGE}?done=licences"
    assert (get_settings().expiring_within_days, get_settings().expiry_windows) == (30, [60, 14])
    text = site.get(done.headers["location"], headers=ENGLISH).text
    assert "are saved and in force" in text and "Overridden; the default is 90." in text
    back = post_form(site, f"{PAGE}/licences", {"expiring_within_days": "30", "expiry_windows": "60, 14",
                                                "default": ["expiring_within_days", "expiry_windows"]},
                     page=PAGE)
    assert back.status_code == 303
    assert (get_settings().expiring_within_days, get_settings().expiry_windows) == (90, [90, 30, 7])


def test_a_refusal_keeps_what_was_typed_and_marks_the_rule(db, site, scene):
    sign_in(site, scene["admin"])
    stored = db.settings.find_one()
    refused = post_form(site, f"{PAGE}/grades", {"grade_window_days": "400", "grade_bands": "70, 90",
                                                 "risk_inspections_per_year": '{"A": [1, 2]',
                                                 "risk_bands": "30, 45, 60"}, page=PAGE)
    assert refused.status_code == 422
    text = refused.text
    assert "Is not valid JSON" in text and marked_invalid(text, "risk_inspections_per_year")
    assert '{&quot;A&quot;: [1, 2]' in text or '{"A": [1, 2]' in text
    assert 'value="400"' in text and 'value="70, 90"' in text
    refused = post_form(site, f"{PAGE}/grades", {"grade_window_days": "400", "grade_bands": "70, 90"},
                        page=PAGE)
    assert refused.status_code == 422 and marked_invalid(refused.text, "grade_bands")
    assert "Grade bands: two scores from 100 down to 0" in refused.text
    assert db.settings.find_one() == stored and get_settings().grade_window_days == 730


def test_holidays_one_a_line(site, scene):
    sign_in(site, scene["admin"])
    done = post_form(site, f"{PAGE}/calendar", {"extra_holidays": "2026-12-24\n2026-12-31\n"}, page=PAGE)
    assert done.status_code == 303
    assert [str(day) for day in get_settings().extra_holidays] == ["2026-12-24", "2026-12-31"]
    assert "2026-12-24" in site.get("/how-it-works", headers=ENGLISH).text
    post_form(site, f"{PAGE}/calendar", {"default": "extra_holidays"}, page=PAGE)
    assert get_settings().extra_holidays == []
