"""Refusals of the rules an administrator changes: in the administrator's language, every one of
them; a rule that contradicts another refused; the API's numbers typed as JSON types them."""

import pytest
from pydantic import ValidationError

from backend.alerts.rules import RuleOverride
from backend.alerts.schemas import RULED_KINDS
from backend.config import Settings, get_settings
from backend.errors import Conflict
from backend.reviews import grading
from backend.reviews.schemas import ReviewCreate
from backend.rule_settings import service
from backend.rule_settings.schemas import RULES
from backend.users.schemas import Role
from tests import factories, stand_in_catalog
from tests.factories import ADMIN

URL = "/api/v1/settings"
CHINESE = {"Accept-Language": "zh-CN"}
# What a refusal may name as it is typed, in any language: rules, alert kinds and their rule
# fields, the grade rule's numbers, and the wrong names these tests type.
PARAMETERS = {*RULES, *RULED_KINDS, *RuleOverride.model_fields, *grading._NAMES,
              "unicorn", "persits", "half_life", "port", "secret_key"}

EVERY_REFUSAL = [
    {"grade_bands": [10, 90]},
    {"grade_bands": [90]},
    {"risk_bands": [60, 45, 30]},
    {"risk_inspections_per_year": {"A": [1, 2]}},
    {"risk_inspections_per_year": {"A": [2, 1], "B": [2, 3], "C": [4, 4], "D": [12, 12]}},
    {"risk_inspections_per_year": {"A": ["x", 2], "B": [2, 3], "C": [4, 4], "D": [12, 12]}},
    {"expiry_windows": [0]},
    {"expiry_windows": [30, 30]},
    {"expiry_windows": []},
    {"extra_holidays": ["2026-12-24", "2026-12-24"]},
    {"extra_holidays": ["2026-13-01"]},
    {"alert_rules": {"unicorn": {"persist": 1}}},
    {"alert_rules": {"rat": {"persits": 2}}},
    {"alert_rules": {"rat": {"persist": 0, "window": 99}}},
    {"alert_rules": {"rat": {"persist": 9, "window": 3}}},
    {"alert_rules": {"rat": {"persist": 9}}},
    {"alert_auto_confirm": {"rat": 0.3}},
    {"alert_auto_confirm": {"unicorn": 0.9}},
    {"review_grade": {"half_life": 90}},
    {"review_grade": {"burst_count": 2.5}},
    {"review_grade": {"band_a": 0.6}},
    {"review_grade": {"duplicate_weight": -0.1}},
    {"review_grade": {"burst_count": 1}},
    {"expiring_within_days": 999},
    {"review_max_chars": 1},
    {"penalty_public_days": 30},
    {"penalty_public_days_minor": 2000},
    {"complaint_max_photos": "3"},
    {"complaint_max_photos": True},
    {"grade_window_days": 12.5},
    {"expiry_windows": "90, 30"},
    {"port": 1, "secret_key": "x"},
]


@pytest.fixture
def admin(api, db):
    return factories.signed_in(api, db, role=Role.ADMIN)


@pytest.mark.parametrize("changes", EVERY_REFUSAL)
def test_every_refusal_reads_in_the_administrators_language(api, db, admin, monkeypatch, changes):
    stand_in_catalog.install(monkeypatch)
    refused = api.patch(URL, json=changes, headers={**admin, **CHINESE})
    assert refused.status_code == 422, refused.text
    body = refused.json()
    assert stand_in_catalog.STAND_IN in body["detail"]
    for text in (body["detail"], *body.get("errors", [])):
        assert stand_in_catalog.english_words(text, PARAMETERS) == set(), text
    assert db.settings.find_one() is None


def test_the_same_refusals_read_in_english_as_written(api, admin):
    lines = api.patch(URL, json={"grade_bands": [10, 90], "alert_rules": {"rat": {"persist": 0}},
                                 "review_grade": {"half_life": 9}}, headers=admin).json()["errors"]
    assert "grade_bands: Two scores from 100 down to 0, excellent then good, e.g. [90, 70]." in lines
    assert "alert_rules: rat: persist: Must be at least 1." in lines
    assert any(line.startswith("review_grade: Unknown grade rule names half_life (known: prior,")
               for line in lines), lines


@pytest.mark.parametrize(("changes", "where"), [
    ({"complaint_max_photos": True}, "complaint_max_photos"),
    ({"complaint_max_photos": "3"}, "complaint_max_photos"),
    ({"expiry_windows": [90, True]}, "expiry_windows.1"),
    ({"risk_inspections_per_year": {"A": ["1", 2], "B": [2, 3], "C": [4, 4], "D": [12, 12]}},
     "risk_inspections_per_year.A.0"),
])
def test_the_api_takes_whole_numbers_as_json_numbers_only(api, db, admin, changes, where):
    refused = api.patch(URL, json=changes, headers=admin)
    assert refused.status_code == 422 and f"{where}: Must be a whole number." in refused.json()["errors"]
    assert db.settings.find_one() is None
    done = api.patch(URL, json={"complaint_max_photos": 2, "grade_bands": [85, 65.5],
                                "extra_holidays": ["2026-12-24"]}, headers=admin)
    assert done.status_code == 200 and get_settings().complaint_max_photos == 2
    # a form sends text, and the portal reads it
    assert service.update(db, actor=ADMIN, changes={"complaint_max_photos": "1"}).version == 2


def test_minor_penalties_cannot_stay_public_longer_than_the_others(db):
    with pytest.raises(ValidationError) as refused:
        service.update(db, actor=ADMIN, changes={"penalty_public_days_minor": 2000})
    assert [error["loc"] for error in refused.value.errors()] == [("penalty_public_days_minor",)]
    assert "than any other penalty (1095 days)" in str(refused.value)
    service.update(db, actor=ADMIN, changes={"penalty_public_days_minor": 300})
    with pytest.raises(ValidationError):  # the other way round: checked with the rule in force
        service.update(db, actor=ADMIN, changes={"penalty_public_days": 200})
    assert get_settings().penalty_public_days == 1095
    both = service.update(db, actor=ADMIN,
                          changes={"penalty_public_days": 200, "penalty_public_days_minor": 60})
    assert both.version == 2 and get_settings().penalty_public_days_minor == 60
    with pytest.raises(ValidationError):  # back to the default minor (90) is longer than 60
        service.update(db, actor=ADMIN,
                       changes={"penalty_public_days": 60, "penalty_public_days_minor": None})


def test_a_holiday_given_twice_is_refused(db):
    with pytest.raises(ValidationError, match="Each day once: 2026-12-24 is given more than once"):
        service.update(db, actor=ADMIN,
                       changes={"extra_holidays": ["2026-12-24", "2026-12-31", "2026-12-24"]})
    assert db.settings.find_one() is None


def test_the_shortest_longest_review_still_takes_the_shortest_review(db):
    lowest = next(bound.ge for bound in Settings.model_fields["review_max_chars"].metadata
                  if getattr(bound, "ge", None) is not None)
    service.update(db, actor=ADMIN, changes={"review_max_chars": lowest})
    assert ReviewCreate(text="好吃").text == "好吃"  # the least a review may have: two characters
    assert ReviewCreate(text="很" * lowest).text
    with pytest.raises(ValidationError):
        service.update(db, actor=ADMIN, changes={"review_max_chars": lowest - 1})


def test_a_change_made_on_an_older_version_is_refused_and_the_newer_one_kept(db):
    service.update(db, actor=ADMIN, changes={"minor_fine_yuan": 5000})  # version 1: both saw it
    service.update(db, actor=ADMIN, changes={"minor_fine_yuan": 8000}, seen_version=1)  # one saves
    with pytest.raises(Conflict) as refused:  # the other, on the page of version 1
        service.update(db, actor=ADMIN, changes={"minor_fine_yuan": 5000, "recheck_working_days": 7},
                       seen_version=1)
    assert refused.value.message == service.STALE
    assert get_settings().minor_fine_yuan == 8000 and get_settings().recheck_working_days == 5
    assert db.settings.find_one()["version"] == 2
