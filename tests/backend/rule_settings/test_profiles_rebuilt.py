"""A change to a rule the public pages are built with rebuilds every page once per version,
shared by the workers in leased parts; any other change rebuilds nothing."""


from backend import leases
from backend.profiles import jobs, repository
from backend.rule_settings import service
from tests import factories
from tests.factories import ADMIN


def _rebuilt_by(db, monkeypatch, holder):
    """The pages one worker (`holder`) rebuilds in one run of the job."""
    rebuilt = []
    real_rebuild, real_run = jobs.service.rebuild, leases.run_in_parts
    monkeypatch.setattr(jobs.service, "rebuild", lambda db, *, code: (rebuilt.append(code),
                                                                        real_rebuild(db, code=code)))
    monkeypatch.setattr(leases, "run_in_parts", lambda db, **kwargs: real_run(db, **kwargs, holder=holder))
    assert jobs.rebuild_for_rules(db)
    return rebuilt


def test_every_page_is_rebuilt_once_per_version(db, monkeypatch):
    codes = [factories.business(db) for _ in range(3)]
    code = codes[0]
    factories.licence(db, code, expires_in_days=60)
    updated = repository.get(db, code)["updated_at"]
    assert jobs.rebuild_for_rules(db)  # nothing saved yet: nothing to do
    service.update(db, actor=ADMIN, changes={"expiring_within_days": 30})
    first = _rebuilt_by(db, monkeypatch, "worker-a")
    second = _rebuilt_by(db, monkeypatch, "worker-b")
    assert sorted(first) == sorted(repository.every_code(db)) and set(codes) <= set(first)
    assert second == []  # the other worker finds the version done
    assert leases.finished_at(db, "profiles.rules:v1") is not None
    assert repository.get(db, code)["updated_at"] >= updated
    assert db.settings.find_one()["profiles_version"] == 1


def test_a_change_no_page_shows_rebuilds_nothing(db, monkeypatch):
    factories.business(db)
    service.update(db, actor=ADMIN, changes={"complaint_rate_limit": 7})
    assert _rebuilt_by(db, monkeypatch, "worker-c") == []
    assert db.settings.find_one()["profiles_version"] == db.settings.find_one()["version"]


def test_the_expiring_badge_follows_the_new_window(db):
    code = factories.business(db)
    factories.licence(db, code, expires_in_days=60)
    from backend.profiles import service as profiles

    def statuses():
        return [licence.status for licence in profiles.public_record(db, code=code).licences]

    assert "expiring" in statuses()
    service.update(db, actor=ADMIN, changes={"expiring_within_days": 30})
    assert "expiring" not in statuses()
