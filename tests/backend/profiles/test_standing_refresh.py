"""A page's quantified grade and risk level move when a fact's time runs out, with no new record:
the daily refresh builds again the pages whose standing says it runs out."""

from datetime import timedelta

from backend import clock, worker
from backend.profiles import repository
from backend.profiles import service as profiles
from tests import factories


def _two_days_on(monkeypatch) -> None:
    later = clock.now() + timedelta(days=2)
    monkeypatch.setattr(clock, "now", lambda: later)
    monkeypatch.setattr(clock, "today", lambda: clock.day_of(later))


def test_a_risk_falls_once_its_failed_inspection_stops_counting(db, monkeypatch):
    code = factories.business(db)
    officers = [factories.officer(db), factories.officer(db)]
    failed = factories.inspection(db, code, officers, result="non_compliant", days_ago=364)
    risk = profiles.public_record(db, code=code).standing.risk
    assert (risk.score, risk.on) == (40.0, clock.today() - timedelta(days=364))  # catering 25 + 15
    _two_days_on(monkeypatch)
    assert code in repository.standing_due(db, clock.today())
    refresh = next(job for job in worker.jobs() if job.name == "profiles.standing")
    assert worker.run_job(db, refresh)
    risk = profiles.public_record(db, code=code).standing.risk
    failed_on = clock.from_stored(db.inspections.find_one({"_id": failed})["date"])
    assert (risk.score, risk.on) == (25.0, failed_on + timedelta(days=365))
    assert code not in repository.standing_due(db, clock.today())
