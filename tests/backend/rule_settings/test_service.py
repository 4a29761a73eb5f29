"""Administrators change the domain rules while the site runs: checked, stored, audited, and in
force in this process at once and in every other one at its next refresh."""

import pytest
from pydantic import ValidationError

from backend import workdays
from backend.audit import service as audit
from backend.config import get_settings
from backend.errors import Forbidden, Invalid, Unauthorized
from backend.rule_settings import live, service
from backend.users.schemas import Actor, Role
from tests.factories import ADMIN

OFFICER = Actor(username="an-officer", role=Role.OFFICER)


def _row(state, name):
    return next(row for row in state.data if row.name == name)


def test_a_change_is_in_force_at_once_and_back_to_the_default_restores_the_environment(db):
    before = get_settings().expiring_within_days
    state = service.update(db, actor=ADMIN, changes={"expiring_within_days": 30})
    assert get_settings().expiring_within_days == 30
    row = _row(state, "expiring_within_days")
    assert (row.value, row.default, row.overridden, state.version) == (30, before, True, 1)
    state = service.update(db, actor=ADMIN, changes={"expiring_within_days": None})
    assert get_settings().expiring_within_days == before
    assert not _row(state, "expiring_within_days").overridden and state.version == 2


def test_only_the_domain_rules_are_editable(db):
    with pytest.raises(Invalid) as refused:
        service.update(db, actor=ADMIN, changes={"secret_key": "x", "port": 1, "grade_bands": [80, 60]})
    assert "cannot be changed here: port, secret_key" in str(refused.value)
    assert db.settings.find_one() is None and get_settings().grade_bands == [90.0, 70.0]


def test_bad_values_are_refused_per_rule_and_nothing_is_stored(db):
    with pytest.raises(ValidationError) as refused:
        service.update(db, actor=ADMIN, changes={"grade_bands": [70, 90], "expiry_windows": [0],
                                                 "extra_holidays": ["2026-13-01"], "minor_fine_yuan": 5})
    where = {error["loc"][0] for error in refused.value.errors()}
    assert where == {"grade_bands", "expiry_windows", "extra_holidays"}
    assert "Two scores from 100 down to 0" in str(refused.value)
    assert db.settings.find_one() is None and get_settings().minor_fine_yuan == 10_000


def test_only_administrators(db):
    for actor, refusal in ((None, Unauthorized), (OFFICER, Forbidden)):
        with pytest.raises(refusal):
            service.update(db, actor=actor, changes={"minor_fine_yuan": 5})
        with pytest.raises(refusal):
            service.current(db, actor=actor)
    assert db.settings.find_one() is None


def test_another_process_picks_the_change_up_at_its_refresh(db):
    service.update(db, actor=ADMIN, changes={"repair_wait_days": 200})
    live.forget()  # as another process that has applied nothing yet
    assert get_settings().repair_wait_days == 365
    assert live.refresh(db)
    assert get_settings().repair_wait_days == 200
    assert not live.refresh(db)  # throttled: no second read within seconds
    db.settings.update_one({}, {"$set": {"values": {}, "version": 9}})  # another process put it back
    assert live.refresh(db, force=True) and get_settings().repair_wait_days == 365


def test_a_value_set_in_a_test_is_not_reverted_while_the_stored_version_is_unchanged(db, monkeypatch):
    service.update(db, actor=ADMIN, changes={"complaint_rate_limit": 9})
    monkeypatch.setattr(get_settings(), "complaint_max_photos", 1)
    monkeypatch.setattr(get_settings(), "complaint_rate_limit", 2)
    assert not live.refresh(db, force=True)
    assert (get_settings().complaint_max_photos, get_settings().complaint_rate_limit) == (1, 2)


def test_extra_holidays_reach_the_working_day_calendar(db):
    assert workdays.is_working_day(workdays.date(2026, 12, 24))  # a Thursday
    service.update(db, actor=ADMIN, changes={"extra_holidays": ["2026-12-24"]})
    assert not workdays.is_working_day(workdays.date(2026, 12, 24))
    service.update(db, actor=ADMIN, changes={"extra_holidays": None})
    assert workdays.is_working_day(workdays.date(2026, 12, 24))


def test_the_default_typed_again_is_no_override_and_no_change_is_no_version(db):
    state = service.update(db, actor=ADMIN, changes={"risk_bands": [30, 45, 60], "review_max_chars": 500})
    assert state.version == 0 and db.settings.find_one() is None
    service.update(db, actor=ADMIN, changes={"review_max_chars": 300})
    assert service.update(db, actor=ADMIN, changes={"review_max_chars": "300"}).version == 1


def test_every_change_is_audited_with_what_it_was(db):
    start = audit.count(db)
    service.update(db, actor=ADMIN, changes={"minor_fine_yuan": 20_000})
    service.update(db, actor=ADMIN, changes={"minor_fine_yuan": None})
    entries = list(db.audit.find({"action": "settings.rules", "seq": {"$gt": start}}).sort("seq", 1))
    assert [entry["target"] for entry in entries] == ["v1", "v2"]
    assert entries[0]["data"]["values"] == {"minor_fine_yuan": 20_000}
    assert entries[1]["before"]["values"] == {"minor_fine_yuan": 20_000}
    assert entries[1]["data"]["values"] == {}
    assert entries[1]["actor"] == ADMIN.username
