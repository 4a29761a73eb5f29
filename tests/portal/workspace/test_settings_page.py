"""The administrator's "Rules" page (/admin/settings), without scripts: every rule by group with
its default, one form per group, a refused form kept as typed with the rule marked; a form older
than the rules stored refused, and every refusal in the administrator's language."""

import html as markup
import re

import pytest

from backend.alerts.rules import RuleOverride
from backend.alerts.schemas import RULED_KINDS
from backend.config import get_settings
from backend.reviews import grading
from backend.rule_settings import live
from backend.rule_settings import service as rule_settings
from backend.users.schemas import Role
from tests import factories, stand_in_catalog
from tests.factories import ADMIN
from tests.portal.conftest import (
    ENGLISH,
    form_token,
    marked_invalid,
    refused_unless_admin,
    sign_in,
    unlabelled_controls,
)
from tests.portal.conftest import post_form as post_page_form

PAGE = "/admin/settings"
CHINESE = {"Accept-Language": "zh-CN"}
# What a refusal may name as it is typed, in any language: alert kinds and their rule fields, the
# grade rule's numbers, and the wrong names these tests type.
PARAMETERS = {*RULED_KINDS, *RuleOverride.model_fields, *grading._NAMES, "unicorn", "half_life"}


def _value(text: str, name: str) -> str | None:
    """The value of the page's input named `name` (the first one)."""
    found = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', text) or \
        re.search(rf'<input[^>]*value="([^"]*)"[^>]*name="{name}"', text)
    return markup.unescape(found.group(1)) if found else None


def post_form(site, path: str, data: dict, *, page: str):
    """Posts `data` as the group's form on the page as it is now (its version of the rules)."""
    return post_page_form(site, path, {"version": _value(site.get(page, headers=ENGLISH).text, "version"),
                                       **data}, page=page)


def _refusals(text: str) -> list[str]:
    """The texts of a page's refusals: the form's summary and the reason beside each field."""
    found = re.findall(r'<p[^>]*class="notice notice-bad"[^>]*>(.*?)</p>', text, re.S) + \
        re.findall(r'<small[^>]*class="field-error"[^>]*>(.*?)</small>', text, re.S)
    return [markup.unescape(re.sub(r"<[^>]+>", " ", part)) for part in found]


@pytest.fixture(scope="module")
def scene(db):
    live.forget()
    yield {"admin": factories.user(db, role=Role.ADMIN),
           "officer": factories.user(db, role=Role.OFFICER, officer_id=factories.officer(db))}
    db.settings.delete_many({})   # no rule of these tests stays in force for the next ones
    live.forget()


def test_only_administrators(site, scene):
    refused_unless_admin(site, PAGE, scene["officer"])
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
    assert "Is not valid JSON: look near line 1" in text and marked_invalid(text, "risk_inspections_per_year")
    assert '{&quot;A&quot;: [1, 2]' in text or '{"A": [1, 2]' in text
    assert 'value="400"' in text and 'value="70, 90"' in text
    refused = post_form(site, f"{PAGE}/grades", {"grade_window_days": "400", "grade_bands": "70, 90"},
                        page=PAGE)
    assert refused.status_code == 422 and marked_invalid(refused.text, "grade_bands")
    assert "Grade bands: Two scores from 100 down to 0" in refused.text
    assert db.settings.find_one() == stored and get_settings().grade_window_days == 730


def test_holidays_one_a_line(site, scene):
    sign_in(site, scene["admin"])
    done = post_form(site, f"{PAGE}/calendar", {"extra_holidays": "2026-12-24\n2026-12-31\n"}, page=PAGE)
    assert done.status_code == 303
    assert [str(day) for day in get_settings().extra_holidays] == ["2026-12-24", "2026-12-31"]
    assert "2026-12-24" in site.get("/how-it-works", headers=ENGLISH).text
    post_form(site, f"{PAGE}/calendar", {"default": "extra_holidays"}, page=PAGE)
    assert get_settings().extra_holidays == []


def test_a_form_older_than_the_rules_is_refused_and_undoes_nothing(db, site, scene):
    sign_in(site, scene["admin"])
    shown = site.get(PAGE, headers=ENGLISH).text  # administrator A opens the page
    form = {name: _value(shown, f"shown-{name}") for name in
            ("inspection_publish_working_days", "recheck_working_days", "penalty_public_days",
             "penalty_public_days_minor", "minor_fine_yuan", "equipment_maintenance_days",
             "equipment_fault_working_days", "evaluation_follow_up_working_days")}
    form |= {f"shown-{name}": value for name, value in form.items()}
    rule_settings.update(db, actor=ADMIN, changes={"minor_fine_yuan": 20_000})  # B saves meanwhile
    token = form_token(site, PAGE)
    refused = site.post(f"{PAGE}/inspections", headers=ENGLISH, follow_redirects=False, data={
        **form, "recheck_working_days": "7", "version": _value(shown, "version"), "csrf_token": token})
    assert refused.status_code == 409
    assert "Someone saved the rules since you opened this page" in refused.text
    assert get_settings().minor_fine_yuan == 20_000 and get_settings().recheck_working_days == 5
    again = refused.text  # B's value is shown, A's change kept: saving it again loses neither
    assert _value(again, "shown-minor_fine_yuan") == "20000"
    assert _value(again, "minor_fine_yuan") == "20000" and _value(again, "recheck_working_days") == "7"
    form = {name: _value(again, f"shown-{name}") for name in form if not name.startswith("shown-")}
    saved = site.post(f"{PAGE}/inspections", headers=ENGLISH, follow_redirects=False, data={
        **form, **{f"shown-{name}": value for name, value in form.items()}, "recheck_working_days": "7",
        "version": _value(again, "version"), "csrf_token": token})
    assert saved.status_code == 303
    assert (get_settings().minor_fine_yuan, get_settings().recheck_working_days) == (20_000, 7)
    missing = site.post(f"{PAGE}/inspections", headers=ENGLISH, follow_redirects=False,
                        data={**form, "recheck_working_days": "8", "csrf_token": token})
    assert missing.status_code == 409 and get_settings().recheck_working_days == 7  # names no version
    rule_settings.update(db, actor=ADMIN, changes={"minor_fine_yuan": None, "recheck_working_days": None})


@pytest.mark.parametrize(("group", "typed"), [
    ("grades", {"grade_bands": "70, 90", "risk_bands": "60, 45, 30", "grade_window_days": "1"}),
    ("grades", {"risk_inspections_per_year": '{"A": [1, 2]', "grade_bands": "90; x"}),
    ("grades", {"risk_inspections_per_year": '{"A": [1, 2]}'}),
    ("alerts", {"alert_rules": '{"rat": {"persist": 0}, "unicorn": null}'}),
    ("alerts", {"alert_rules": '{"rat": {"persist": 9}}', "alert_auto_confirm": '{"rat": 0.2}'}),
    ("alerts", {"alert_auto_confirm": '{"unicorn": 0.9}', "snapshot_retention_days": "abc"}),
    ("reviews", {"review_grade": '{"half_life": 1}', "review_max_chars": "5"}),
    ("reviews", {"review_grade": '{"band_a": 0.6}'}),
    ("inspections", {"penalty_public_days": "100", "penalty_public_days_minor": "200"}),
    ("licences", {"expiry_windows": "90, 90", "expiring_within_days": "999"}),
    ("calendar", {"extra_holidays": "2026-12-24\n2026-12-24"}),
    ("calendar", {"extra_holidays": "2026-13-01"}),
])
def test_every_refusal_reads_in_the_administrators_language(db, site, scene, monkeypatch, group, typed):
    sign_in(site, scene["admin"])
    stored = db.settings.find_one()
    stand_in_catalog.install(monkeypatch)
    page = site.get(PAGE, headers=ENGLISH).text
    refused = site.post(f"{PAGE}/{group}", headers=CHINESE, follow_redirects=False, data={
        **typed, "version": _value(page, "version"), "csrf_token": form_token(site, PAGE)})
    assert refused.status_code == 422
    texts = _refusals(refused.text)
    assert texts and all(stand_in_catalog.STAND_IN in text for text in texts)
    for text in texts:
        assert stand_in_catalog.english_words(text, PARAMETERS) == set(), text
    assert db.settings.find_one() == stored


def test_a_form_older_than_the_rules_is_refused_in_the_administrators_language(db, site, scene, monkeypatch):
    sign_in(site, scene["admin"])
    stand_in_catalog.install(monkeypatch)
    refused = site.post(f"{PAGE}/reviews", headers=CHINESE, follow_redirects=False, data={
        "review_rate_limit": "9", "version": "0", "csrf_token": form_token(site, PAGE)})
    stored = db.settings.find_one()
    assert refused.status_code == 409 and (stored is None or stored["version"] > 0)
    texts = _refusals(refused.text)
    assert texts and all(stand_in_catalog.english_words(text, set()) == set() for text in texts), texts
