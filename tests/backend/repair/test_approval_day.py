"""A credit repair approved in the small hours is approved on the municipality's day, not the
server's UTC one: a penalty dated that day is covered by it, one dated later relists."""

from datetime import UTC, datetime, time, timedelta

from backend import clock
from backend.lists import facts
from backend.lists import service as lists
from backend.lists.schemas import EditionPublish
from backend.repair import service as repair
from backend.users.schemas import Actor, Role
from tests import factories


def _stored(day, at: time) -> datetime:
    """A local time on the municipality's clock, as the database keeps it (naive UTC)."""
    local = datetime.combine(day, at, tzinfo=clock.zone())
    return local.astimezone(UTC).replace(tzinfo=None)


def _approved(db, code, decided_at):
    db.repair_applications.insert_one({"business_code": code, "status": "approved",
                                       "decided_at": decided_at})


def _listed(db, code) -> bool:
    owner = Actor(username="owner", role=Role.ENTERPRISE, business_code=code)
    return repair.eligibility(db, actor=owner, business_code=code).listed


def test_an_approval_at_3_40_is_that_days_and_covers_its_penalties(db):
    today = clock.today()
    early = _stored(today, time(3, 40))  # in UTC+8, the evening before by the UTC calendar
    covered, relisted = factories.business(db), factories.business(db)
    for code in (covered, relisted):
        factories.penalty(db, code, measures=("suspension",), days_ago=0)  # dated today
    _approved(db, covered, early)
    _approved(db, relisted, _stored(today - timedelta(days=1), time(23, 0)))  # the day before
    gathered = {business["code"]: found for business, found in facts.gather(
        db, since=today - timedelta(days=30), until=today + timedelta(days=1))}
    assert gathered[covered].repaired_on == today
    assert gathered[relisted].repaired_on == today - timedelta(days=1)
    lists.publish(db, actor=factories.ADMIN, data=EditionPublish())
    assert not _listed(db, covered)
    assert _listed(db, relisted)  # a penalty after the approval's day counts again
