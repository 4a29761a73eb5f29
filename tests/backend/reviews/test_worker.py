"""Scoring by workers: never lost, never double-counted, never scored twice by two workers."""

from datetime import timedelta

import pytest

from backend import clock
from backend.config import get_settings
from backend.reviews import repository, scoring, service
from backend.reviews.schemas import ReviewCreate
from tests import factories


def write(db, code, n, *, text="很好{}"):
    for i in range(n):
        service.submit(db, actor=None, client=f"w-{code}-{i}", code=code,
                       data=ReviewCreate(text=text.format(i)))


def predictions(db, code):
    return list(db.review_predictions.find({"business_code": code}))


def test_two_workers_never_score_the_same_review(db, word_scorer, generous_limits):
    code = factories.business(db)
    write(db, code, 7)
    first = repository.claim_pending(db, limit=4, ttl_s=60, holder="worker-a")
    second = repository.claim_pending(db, limit=4, ttl_s=60, holder="worker-b")
    assert len(first) == 4 and len(second) == 3
    assert not {r["_id"] for r in first} & {r["_id"] for r in second}
    scoring.score_batch(db, second, model=word_scorer, holder="worker-b")
    scoring.score_batch(db, first, model=word_scorer, holder="worker-a")
    assert scoring.score_pending(db, holder="worker-c") == 0
    assert len(predictions(db, code)) == 7


def test_a_worker_killed_mid_batch_is_taken_over_once_its_lease_lapses(db, word_scorer,
                                                                        generous_limits):
    code = factories.business(db)
    write(db, code, 3)
    # worker-a claims the batch and dies before storing anything
    dead = repository.claim_pending(db, limit=10, ttl_s=get_settings().lease_ttl_s, holder="worker-a")
    assert len(dead) == 3
    assert scoring.score_pending(db, holder="worker-b") == 0  # still leased: nobody else takes it
    later = clock.now() + timedelta(seconds=get_settings().lease_ttl_s + 1)
    assert scoring.score_pending(db, holder="worker-b", now=later) == 3
    assert len(predictions(db, code)) == 3
    assert repository.total(db, {"business_code": code, "status": "scored"}) == 3


def test_a_worker_killed_after_storing_predictions_does_not_double_count(db, word_scorer,
                                                                         generous_limits):
    code = factories.business(db)
    write(db, code, 2)
    claimed = repository.claim_pending(db, limit=10, ttl_s=60, holder="worker-a")
    # predictions stored, then killed before the reviews were marked scored
    results = word_scorer.score([r["text"] for r in claimed])
    repository.save_predictions(db, [scoring.prediction(r, res, clock.now()) | {
        "review_id": str(r["_id"]), "business_code": code} for r, res in zip(claimed, results, strict=True)])
    later = clock.now() + timedelta(seconds=61)
    assert scoring.score_pending(db, holder="worker-b", now=later) == 2
    assert len(predictions(db, code)) == 2  # one per review and version, not two
    grade = db.public_profiles.find_one({"_id": code})["grades"]["consumer"]
    assert grade["reviews_counted"] == 2


def test_a_late_worker_does_not_overwrite_the_one_that_took_over(db, word_scorer, generous_limits):
    code = factories.business(db)
    write(db, code, 1, text="很差{}")
    stale = repository.claim_pending(db, limit=1, ttl_s=60, holder="worker-a")
    later = clock.now() + timedelta(seconds=61)
    assert scoring.score_pending(db, holder="worker-b", now=later) == 1
    scoring.score_batch(db, stale, model=word_scorer, holder="worker-a")  # wakes up too late
    review = repository.get(db, stale[0]["_id"])
    assert review["status"] == "scored" and review["lease_holder"] is None


def test_backfill_rescoring_with_a_new_version_keeps_history(db, word_scorer, generous_limits):
    code = factories.business(db)
    write(db, code, 2)
    scoring.score_pending(db)
    word_scorer.version = "2"
    try:
        assert scoring.backfill(db) >= 2
    finally:
        word_scorer.version = "1"
    review_id = str(db.reviews.find_one({"business_code": code})["_id"])
    assert [p["version"] for p in repository.predictions_for(db, review_id)] == ["1", "2"]
    assert repository.get(db, repository.object_id(review_id))["prediction"]["version"] == "2"
    profile = db.public_profiles.find_one({"_id": code})
    assert profile["grades"]["consumer"]["reviews_counted"] == 2
    assert all(row["prediction"]["version"] == "2" for row in profile["reviews"])


def test_the_worker_job_drains_the_queue(db, word_scorer, generous_limits, monkeypatch):
    from backend import worker

    monkeypatch.setattr(get_settings(), "review_batch", 2)
    code = factories.business(db)
    write(db, code, 5)
    job = next(job for job in worker.jobs() if job.name == "reviews.score")
    assert not job.shared
    worker.run_job(db, job)
    assert repository.total(db, {"status": "pending"}) == 0
    assert max(len(call) for call in word_scorer.calls) <= 2


def test_a_regrade_leaves_a_profile_rebuilt_since_it_was_read(db, word_scorer, generous_limits):
    from backend.profiles import repository as profiles

    code = factories.business(db)
    write(db, code, 2)
    scoring.score_pending(db)
    read = db.public_profiles.find_one({"_id": code})
    stale = {code: {"grades": {"consumer": None, "staff": []}}}
    profiles.set_unchanged(db, stale, {code: read["updated_at"] - timedelta(seconds=1)})
    assert db.public_profiles.find_one({"_id": code}) == read
    profiles.set_unchanged(db, stale, {code: read["updated_at"]})
    assert db.public_profiles.find_one({"_id": code}) == read | stale[code]


def test_the_daily_regrade_ages_every_grade_step_by_step_and_leaves_the_newest_reviews(
        db, word_scorer, generous_limits, monkeypatch):
    from backend.reviews import regrade

    codes = [factories.business(db) for _ in range(3)]
    for code in codes:
        write(db, code, 3)
    scoring.score_pending(db)
    before = {code: db.public_profiles.find_one({"_id": code}) for code in codes}
    monkeypatch.setattr(regrade, "STEP", 2)  # two steps: the second read while the first is written
    later = clock.now() + timedelta(days=400)
    assert regrade.chunk(db, codes, later) == 3
    for code in codes:
        after = db.public_profiles.find_one({"_id": code})
        grade, earlier = after["grades"]["consumer"], before[code]["grades"]["consumer"]
        assert grade["as_of"] == later.replace(microsecond=later.microsecond // 1000 * 1000)
        assert grade["reviews_counted"] == 3 and grade["score"] < earlier["score"]  # toward the prior
        assert after["reviews"] == before[code]["reviews"]


@pytest.fixture
def regraded_three(db, word_scorer, generous_limits, monkeypatch):
    """Three scored businesses, and a record of the businesses whose reviews a regrade reads."""
    from backend.reviews import regrade

    codes = [factories.business(db) for _ in range(3)]
    for n, code in enumerate(codes):
        write(db, code, 2 + n, text=f"{code}很好{{}}")
    scoring.score_pending(db)
    read: list[str] = []
    reviews_of = repository.for_business_codes

    def recorded(db, codes, since):
        read.extend(codes)
        return reviews_of(db, codes, since)

    monkeypatch.setattr(repository, "for_business_codes", recorded)
    return codes, read, regrade


def test_the_daily_regrade_reads_no_review_while_the_stored_bases_serve(db, regraded_three):
    from backend.reviews import profile

    codes, read, regrade = regraded_three
    later = clock.now() + timedelta(days=30)
    assert regrade.chunk(db, codes, later) == 3
    assert read == []
    for code in codes:
        after = db.public_profiles.find_one({"_id": code})
        full = profile.regraded(after, repository.for_business_codes(db, [code], profile.since(later)),
                                later, newest=False)
        grade, expected = after["grades"]["consumer"], full["grades"]["consumer"]
        assert grade["score"] == pytest.approx(expected["score"], abs=0.1)
        assert {k: v for k, v in grade.items() if k not in ("score", "as_of")} == {
            k: v for k, v in expected.items() if k not in ("score", "as_of")}
        assert after["grades"]["staff"] == full["grades"]["staff"]


def test_a_daily_regrade_writes_no_profile_whose_grades_stay_and_the_finished_run_dates_them(
        db, regraded_three):
    from backend import leases, worker
    from backend.profiles import service as profiles
    from backend.reviews import checked

    codes, read, regrade = regraded_three
    before = {code: db.public_profiles.find_one({"_id": code}) for code in codes}
    assert regrade.chunk(db, codes, clock.now() + timedelta(minutes=1)) == 3
    assert {code: db.public_profiles.find_one({"_id": code}) for code in codes} == before
    job = next(job for job in worker.jobs() if job.name == "reviews.regrade")
    try:
        assert worker.run_job(db, job)
        run = db.job_runs.find_one({"_id": {"$regex": "^reviews.regrade:"}, "done_at": {"$exists": True}})
        planned = leases.planned_at(db, run["_id"])
        assert checked.checked_at(db) == planned
        for code in codes:
            assert db.public_profiles.find_one({"_id": code}) == before[code]  # still not written
            shown = profiles.public_record(db, code=code).grades.consumer
            assert shown.as_of == planned > before[code]["grades"]["consumer"]["as_of"]
            assert shown.score == before[code]["grades"]["consumer"]["score"]
    finally:
        db.grade_checks.delete_many({})
        checked.forget()


def test_a_new_weighing_reads_every_review_and_new_bands_none(db, regraded_three, monkeypatch):
    codes, read, regrade = regraded_three
    later = clock.now() + timedelta(days=1)
    before = {code: db.public_profiles.find_one({"_id": code}) for code in codes}
    monkeypatch.setattr(get_settings(), "review_grade", {"band_a": 0.02, "band_b": 0.01, "band_c": 0.005})
    assert regrade.chunk(db, codes, later) == 3
    assert read == []
    assert {db.public_profiles.find_one({"_id": code})["grades"]["consumer"]["band"]
            for code in codes} == {"A"}
    monkeypatch.setattr(get_settings(), "review_grade", {"half_life_days": 1})
    assert regrade.chunk(db, codes, later) == 3
    assert sorted(read) == sorted(codes)
    for code in codes:
        after = db.public_profiles.find_one({"_id": code})
        assert after["grade_basis"]["weighing"] != before[code]["grade_basis"]["weighing"]
        assert after["grades"]["consumer"]["score"] < before[code]["grades"]["consumer"]["score"]


def test_reviews_are_read_again_once_one_leaves_the_window_or_the_profile_lacks_a_basis(
        db, regraded_three):
    codes, read, regrade = regraded_three
    db.public_profiles.update_one({"_id": codes[0]}, {"$unset": {"grade_basis": ""}})
    assert regrade.chunk(db, codes, clock.now() + timedelta(days=1)) == 3
    assert read == [codes[0]]
    assert "grade_basis" in db.public_profiles.find_one({"_id": codes[0]})
    read.clear()
    gone = clock.now() + timedelta(days=731)
    assert regrade.chunk(db, codes, gone) == 3
    assert sorted(read) == sorted(codes)
    for code in codes:
        after = db.public_profiles.find_one({"_id": code})
        assert after["grades"]["consumer"] is None and after["grade_basis"]["until"] is None


def test_a_backfill_stopped_half_way_resumes_and_no_review_is_scored_twice(db, word_scorer, generous_limits,
                                                                           monkeypatch):
    from backend.reviews import regrade

    monkeypatch.setattr(regrade, "CHUNK", 1)  # a part per business
    codes = [factories.business(db) for _ in range(3)]
    for code in codes:
        write(db, code, 2)
    scoring.score_pending(db)
    ours = {"business_code": {"$in": codes}}
    word_scorer.version = "3"
    try:
        def stop(_n: int) -> None:
            raise KeyboardInterrupt  # Ctrl-C after the first business

        with pytest.raises(KeyboardInterrupt):
            scoring.backfill(db, holder="first", progress=stop)
        # the stopped process held the next part (read ahead): its lease lapses
        db.job_parts.update_many({"lease_holder": "first"},
                                 {"$set": {"lease_until": clock.now() - timedelta(seconds=1)}})
        rescored = scoring.backfill(db, holder="second")
        every = repository.total(db, {})
        assert 0 < rescored < every  # the business done before the stop is not done again
        assert db.review_predictions.count_documents(ours | {"version": "3"}) == 6
        assert repository.total(db, ours | {"prediction.version": "3"}) == 6
        calls = len(word_scorer.calls)
        assert scoring.backfill(db, holder="third") == 0 and len(word_scorer.calls) == calls  # finished
        assert scoring.backfill(db, holder="third", again=True) == every
        # still one prediction per review and version
        assert db.review_predictions.count_documents(ours | {"version": "3"}) == 6
    finally:
        word_scorer.version = "1"
    for code in codes:
        grade = db.public_profiles.find_one({"_id": code})["grades"]["consumer"]
        assert grade["reviews_counted"] == 2


def test_the_backfill_command_says_when_a_finished_run_leaves_nothing_to_do(db, word_scorer, generous_limits,
                                                                            monkeypatch, capsys):
    from backend import database
    from backend.reviews import __main__ as command

    monkeypatch.setattr(database, "close", lambda: None)  # the module's database stays open
    write(db, factories.business(db), 1)
    word_scorer.version = "4"
    try:
        assert command.main(["backfill", "--db-name", db.name]) == 0
        assert "Rescored" in capsys.readouterr().out
        assert command.main(["backfill", "--db-name", db.name]) == 0
        assert "nothing to do" in capsys.readouterr().out
        assert command.main(["backfill", "--db-name", db.name, "--again"]) == 0
        assert "Rescored" in capsys.readouterr().out
    finally:
        word_scorer.version = "1"
