"""The demo city comes with evaluations of its officers, so officer pages show the feature."""

from datetime import timedelta

import pytest
from bson import ObjectId

from backend import clock
from backend.officers import service as officers
from backend.seed import demo


@pytest.fixture(scope="module")
def accounts(db):
    return demo.seed(db, businesses=40, seed=2026)


def test_the_demo_has_evaluations_follow_ups_and_answers(db, accounts):
    assert db.evaluations.count_documents({}) > 10
    bad = list(db.evaluations.find({"bad": True}))
    assert bad and all(row["follow_up"]["task_id"] for row in bad)
    assert db.tasks.count_documents({"source": "evaluation_follow_up"}) == len(bad)
    # the demo enterprise accounts have their own inspections left to evaluate
    shops = {account.bound_to.split("（")[-1].rstrip("）") for account in accounts
             if account.role == "enterprise"}
    assert db.evaluations.count_documents({"business_code": {"$in": list(shops)}}) == 0
    officer_id = bad[0]["officer_id"]
    profile = officers.public_profile(db, officer_id=officer_id)
    assert profile.evaluations.bad >= 1 and profile.consistency.sample_size > 0


def test_demo_evaluations_are_dated_after_their_inspections(db, accounts):
    """Not all on the seeding day: a business rates its inspectors days after the inspection,
    and no bad one is left open years past its deadline."""
    rows = list(db.evaluations.find({}))
    for row in rows:
        given = clock.day_of(row["created_at"])
        inspected = clock.from_stored(row["inspection_date"])
        assert inspected <= given <= min(inspected + timedelta(days=5), clock.today())
        follow = row.get("follow_up")
        if follow and follow["status"] == "open":
            assert clock.from_stored(follow["deadline"]) >= clock.today()
    assert len({clock.day_of(row["created_at"]) for row in rows}) > 5


def test_a_revisited_follow_up_task_closed_on_the_revisit_day(db, accounts):
    """The unit's on-time figures (/performance) and the officer's page tell the same story."""
    revisited = [row for row in db.evaluations.find({"bad": True}) if row["follow_up"].get("revisited_on")]
    assert revisited
    for row in revisited:
        task = db.tasks.find_one({"_id": ObjectId(row["follow_up"]["task_id"])})
        assert clock.day_of(task["closed_at"]) == clock.from_stored(row["follow_up"]["revisited_on"])
        assert task["closed_at"] <= task["deadline"]
