"""Leases: one holder at a time across processes, taken over after the holder stops renewing."""

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest

from backend import clock, leases, worker


def test_one_holder_at_a_time_and_renewal(db):
    assert leases.claim(db, name="cameras:1", holder="a", ttl_s=30)
    assert not leases.claim(db, name="cameras:1", holder="b", ttl_s=30)
    assert leases.claim(db, name="cameras:1", holder="a", ttl_s=30)  # renewing
    assert leases.holder_of(db, "cameras:1") == "a"


def test_a_dead_holders_lease_is_taken_over(db):
    assert leases.claim(db, name="cameras:2", holder="dead", ttl_s=-1)  # already lapsed
    assert leases.claim(db, name="cameras:2", holder="alive", ttl_s=30)
    assert leases.holder_of(db, "cameras:2") == "alive"


def test_released_lease_is_free(db):
    leases.claim(db, name="cameras:3", holder="a", ttl_s=30)
    leases.release(db, name="cameras:3", holder="a")
    assert leases.claim(db, name="cameras:3", holder="b", ttl_s=30)


def _at_once(workers: int, work: Callable[[str], object]) -> None:
    """`work(holder)` in `workers` threads (holders w0, w1, …) released together; returns when all end."""
    barrier = threading.Barrier(workers)

    def start(holder: str) -> None:
        barrier.wait()
        work(holder)

    threads = [threading.Thread(target=start, args=(f"w{n}",)) for n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def test_a_period_runs_once_across_concurrent_workers(db):
    ran: list[str] = []
    _at_once(4, lambda holder: leases.run_once(db, job="expiry-scan", period="42",
                                               run=lambda: ran.append(holder), ttl_s=30, holder=holder))
    assert len(ran) == 1
    assert not leases.run_once(db, job="expiry-scan", period="42", run=lambda: ran.append("late"),
                               ttl_s=30, holder="w9")


def test_a_run_that_failed_is_redone_by_another_worker(db):
    def crash() -> None:
        raise RuntimeError("worker died")

    try:
        leases.run_once(db, job="draw", period="7", run=crash, ttl_s=30, holder="w1")
    except RuntimeError:
        pass
    assert leases.run_once(db, job="draw", period="7", run=lambda: None, ttl_s=30, holder="w2")


def test_items_are_claimed_by_one_worker_each(db):
    db.lease_items.insert_many([{"_id": n, "state": "new"} for n in range(3)])
    first = [leases.claim_next(db.lease_items, query={"state": "new"}, holder="w1", ttl_s=30)
             for _ in range(2)]
    second = leases.claim_next(db.lease_items, query={"state": "new"}, holder="w2", ttl_s=30)
    assert {item["_id"] for item in first} | {second["_id"]} == {0, 1, 2}
    assert leases.claim_next(db.lease_items, query={"state": "new"}, holder="w3", ttl_s=30) is None


def test_shared_jobs_run_once_per_period_and_local_jobs_everywhere(db):
    calls: list[str] = []
    shared = worker.Job("shared-test", 60, lambda _db: calls.append("shared"))
    local = worker.Job("local-test", 60, lambda _db: calls.append("local"), shared=False)
    for _ in range(2):  # two workers in the same period
        worker.run_job(db, shared, at=600.0)
        worker.run_job(db, local, at=600.0)
    assert calls.count("shared") == 1 and calls.count("local") == 2


def test_claiming_one_lease_never_touches_another(db):
    assert leases.claim(db, name="cameras:x", holder="a", ttl_s=30)
    assert leases.claim(db, name="cameras:y", holder="b", ttl_s=-1)  # lapsed
    assert leases.claim(db, name="cameras:w", holder="c", ttl_s=30)
    assert not leases.claim(db, name="cameras:w", holder="a", ttl_s=30)
    assert leases.holder_of(db, "cameras:w") == "c"
    assert db.leases.find_one({"_id": "cameras:y"})["holder"] == "b"  # left alone


def test_a_background_worker_finishes_its_job_before_it_stops(db, monkeypatch):
    """`make run` stops its worker thread before closing the database, never under a running job."""
    started, finished = threading.Event(), threading.Event()

    def slow(_db):
        started.set()
        time.sleep(0.3)
        finished.set()

    monkeypatch.setattr(worker, "jobs", lambda: [worker.Job("slow-test", 60, slow, shared=False)])
    background = worker.start_in_background()
    assert started.wait(10)
    assert background.stop()
    assert finished.is_set() and not background.thread.is_alive()


def test_a_long_job_does_not_hold_up_another_lane(db, monkeypatch):
    """A backlog of reviews or a day's regrade kept the cameras unwatched for minutes."""
    release, ticks = threading.Event(), []
    monkeypatch.setattr(worker, "jobs", lambda: [
        worker.Job("long-test", 60, lambda _db: release.wait(10), shared=False),
        worker.Job("camera-test", 0.05, lambda _db: ticks.append(1), shared=False, lane="cameras")])
    background = worker.start_in_background()
    try:
        deadline = time.monotonic() + 10
        while len(ticks) < 5 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(ticks) >= 5 and not release.is_set()   # ticking while the long job runs
    finally:
        release.set()
        assert background.stop()


def _split(n_parts: int) -> list[list[str]]:
    return [[f"k{part}-{i}" for i in range(3)] for part in range(n_parts)]


def test_a_run_in_parts_is_shared_by_concurrent_workers_each_part_done_once(db):
    done: list[str] = []
    planned: list[str] = []

    def share(holder: str) -> None:
        def split() -> list[list[str]]:
            planned.append(holder)
            return _split(12)

        def run(keys: list[str]) -> None:
            done.extend(keys)
            time.sleep(0.01)

        while not leases.run_in_parts(db, run_id="regrade:1", split=split, run=run, ttl_s=30, holder=holder):
            time.sleep(0.05)  # the planner has not written the parts yet, or others hold the last ones

    _at_once(3, share)
    assert len(planned) == 1
    assert sorted(done) == sorted(key for keys in _split(12) for key in keys)
    assert db.job_runs.find_one({"_id": "regrade:1"})["done_at"]
    assert db.job_parts.count_documents({"run": "regrade:1"}) == 0  # dropped once the run is done
    assert leases.run_in_parts(db, run_id="regrade:1", split=lambda: _split(1),
                               run=lambda keys: done.append("again"), ttl_s=30, holder="w9")
    assert "again" not in done


def test_a_dead_workers_part_is_redone_once_its_lease_lapses(db):
    assert leases.plan(db, run_id="regrade:2", split=lambda: _split(3), ttl_s=30, holder="dead")
    taken = next(leases.parts(db, run_id="regrade:2", ttl_s=30, holder="dead"))  # dies holding it
    done: list[str] = []
    assert not leases.run_in_parts(db, run_id="regrade:2", split=lambda: _split(3), run=done.extend,
                                   ttl_s=30, holder="alive")
    assert sorted(done) == sorted(key for keys in _split(3) if keys != taken["keys"] for key in keys)
    lapsed = clock.now() - timedelta(seconds=1)
    db.job_parts.update_one({"_id": taken["_id"]}, {"$set": {"lease_until": lapsed}})
    assert leases.run_in_parts(db, run_id="regrade:2", split=lambda: _split(3), run=done.extend,
                               ttl_s=30, holder="alive")
    assert sorted(done) == sorted(key for keys in _split(3) for key in keys)


def test_a_part_interrupted_by_ctrl_c_is_free_at_once_for_another_process(db):
    """Ctrl-C in a backfill kept its part claimed until the lease ran out (a minute of nothing)."""
    def interrupted(keys: list[str]) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        leases.run_in_parts(db, run_id="regrade:ctrl-c", split=lambda: _split(2), run=interrupted,
                            ttl_s=60, holder="stopped")
    done: list[str] = []
    assert leases.run_in_parts(db, run_id="regrade:ctrl-c", split=lambda: _split(2), run=done.extend,
                               ttl_s=60, holder="another")
    assert sorted(done) == sorted(key for keys in _split(2) for key in keys)


def test_a_planner_that_died_half_way_is_replaced_and_its_parts_rewritten(db):
    def dies() -> list[list[str]]:
        raise RuntimeError("killed while planning")

    with pytest.raises(RuntimeError):
        leases.plan(db, run_id="regrade:3", split=dies, ttl_s=30, holder="dead")
    # as if it had died after writing some parts but before recording the plan
    db.job_parts.insert_one({"_id": "regrade:3#0", "run": "regrade:3", "n": 0, "keys": ["stale"],
                             "done_at": None, "lease_holder": None, "lease_until": None})
    done: list[str] = []
    assert leases.run_in_parts(db, run_id="regrade:3", split=lambda: _split(2), run=done.extend,
                               ttl_s=30, holder="alive")
    assert sorted(done) == sorted(key for keys in _split(2) for key in keys)


def test_a_split_job_is_shared_by_workers_in_a_period(db):
    done: list[str] = []
    job = worker.Job("split-test", 60, lambda _db, keys: done.extend(keys), split=lambda _db: _split(4))
    assert worker.run_job(db, job, at=600.0)
    assert worker.run_job(db, job, at=610.0)  # the same period: already done
    assert len(done) == 12
    assert worker.run_job(db, job, at=660.0)  # the next period
    assert len(done) == 24


def test_parts_an_earlier_period_left_undone_are_dropped_by_the_next(db):
    job = worker.Job("left-test", 60, lambda _db, keys: None, split=lambda _db: _split(2))
    assert leases.plan(db, run_id="left-test:10", split=lambda: _split(3), ttl_s=30, holder="dead")
    leases.plan(db, run_id="other-job:10", split=lambda: _split(1), ttl_s=30, holder="dead")
    assert worker.run_job(db, job, at=660.0)  # period 11
    assert db.job_parts.count_documents({"run": "left-test:10"}) == 0
    assert db.job_parts.count_documents({"run": "other-job:10"}) == 1  # another job's: left alone


@contextmanager
def _rival(attempt: Callable[[], object]) -> Iterator[list[object]]:
    """Calls `attempt` every 50 ms in another thread while the block runs; yields what it won."""
    won: list[object] = []
    stop = threading.Event()

    def keep_trying() -> None:
        while not stop.wait(0.05):
            if result := attempt():
                won.append(result)

    thread = threading.Thread(target=keep_trying)
    thread.start()
    try:
        yield won
    finally:
        stop.set()
        thread.join()


def test_a_run_longer_than_its_lease_keeps_it_while_its_holder_works(db):
    ran: list[str] = []

    def slow() -> None:
        time.sleep(1.2)  # four times the lease: renewed meanwhile
        ran.append("slow")

    with _rival(lambda: leases.run_once(db, job="slow", period="1", run=lambda: ran.append("rival"),
                                        ttl_s=0.3, holder="rival")) as won:
        assert leases.run_once(db, job="slow", period="1", run=slow, ttl_s=0.3, holder="first")
    assert ran == ["slow"] and won == []
    assert leases.holder_of(db, "job:slow:1") is None  # released at the end, not left to renew


def test_a_part_longer_than_its_lease_is_not_taken_over_while_its_holder_works(db):
    assert leases.plan(db, run_id="slow-parts", split=lambda: _split(1), ttl_s=0.3, holder="first")
    with _rival(lambda: list(leases.parts(db, run_id="slow-parts", ttl_s=0.3, holder="rival"))) as won:
        assert leases.run_in_parts(db, run_id="slow-parts", split=lambda: _split(1),
                                   run=lambda keys: time.sleep(1.2), ttl_s=0.3, holder="first")
    assert won == []

def test_a_dead_workers_period_is_redone_by_another_once_its_lease_lapses(db):
    job = worker.Job("daily-test", 86_400, lambda _db: ran.append("alive"))
    ran: list[str] = []
    period = str(int(1_000.0 // job.every_s))
    assert leases.claim(db, name=f"job:daily-test:{period}", holder="dead", ttl_s=30)  # then dies
    assert not worker.run_job(db, job, at=1_000.0)
    assert not worker.period_done(db, job, at=1_000.0)  # so the loop looks again after lease_ttl_s
    db.leases.update_one({"_id": f"job:daily-test:{period}"},
                         {"$set": {"expires_at": clock.now() - timedelta(seconds=1)}})
    assert worker.run_job(db, job, at=1_000.0)
    assert ran == ["alive"] and worker.period_done(db, job, at=1_000.0)
