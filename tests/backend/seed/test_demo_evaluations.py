"""The demo city comes with evaluations of its officers, so officer pages show the feature."""

from backend.officers import service as officers
from backend.seed import demo


def test_the_demo_has_evaluations_follow_ups_and_answers(db):
    accounts = demo.seed(db, businesses=40, seed=2026)
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
