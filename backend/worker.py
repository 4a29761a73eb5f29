"""Scheduled and background jobs; any number of worker processes may run them side by side.

A shared job (expiry scan, list edition, random draw) runs once per period across every worker
sharing the database: each period is claimed through `backend.leases.run_once`. A per-worker job
(scoring new reviews, watching cameras) runs in every worker and claims its own items."""

import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from pymongo.database import Database

from backend import database, leases, ratelimit, submissions
from backend.config import get_settings
from backend.rule_settings import live as rules

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    every_s: float
    run: Callable[..., object]  # run(db); a job with `split`: run(db, keys) for one part
    shared: bool = True  # once per period across all workers, rather than in each one
    # A shared job too long for one worker (regrading every business): each period's work is cut
    # into parts (lists of keys) that every worker helps with, each part done by one of them.
    split: Callable[[Database], list[list[str]]] | None = None
    # Jobs of one lane run one after another; lanes run side by side, so that sampling the
    # cameras live does not wait for a day's regrade or a backlog of reviews to be scored.
    lane: str = "scheduled"
    # A split job's period done to the end, by whichever workers: done(db, when it was planned).
    # Called by each worker that finds it done, so it must be idempotent.
    done: Callable[[Database, datetime], object] | None = None


# Filled in by the features that schedule work (see `jobs()`). Rate-limit windows that have
# ended and forms' claims past their day are dropped hourly, not left to the TTL index, which
# only a real MongoDB is known to honour.
JOBS: list[Job] = [Job("rate_limits.purge", 3600, ratelimit.purge),
                   Job("form_claims.purge", 3600, submissions.purge)]


def jobs() -> list[Job]:
    """The registered jobs; features append to JOBS when their module is imported here."""
    from backend.cameras import jobs as _cameras  # noqa: F401 - registers the camera jobs
    from backend.expiry import jobs as expiry
    from backend.lists import jobs as _lists  # noqa: F401 - registers the monthly edition
    from backend.profiles import jobs as _profiles  # noqa: F401 - standings refreshed daily
    from backend.random_draw import jobs as _draws  # noqa: F401 - plans drawn on their day
    from backend.repair import jobs as _repair  # noqa: F401 - unused evidence files removed
    from backend.reviews import jobs as _reviews  # noqa: F401 - scoring and regrading
    from backend.users import jobs as _users  # noqa: F401 - expired sessions dropped

    return list(JOBS) + expiry.jobs()


def run_job(db: Database, job: Job, *, at: float | None = None) -> bool:
    """Runs `job` for the period containing `at`; False when another worker has it or had it. A
    split job: this worker's share of the period's parts; False while parts remain to others."""
    if not job.shared:
        job.run(db)
        return True
    period = _period(job, at)
    if job.split is not None:
        split = job.split
        # what an earlier period left undone (every worker died): today's run does it anew
        db.job_parts.delete_many({"$and": [{"run": {"$regex": f"^{re.escape(job.name)}:"}},
                                           {"run": {"$ne": f"{job.name}:{period}"}}]})
        run_id = f"{job.name}:{period}"
        finished = leases.run_in_parts(db, run_id=run_id, split=lambda: split(db),
                                       run=lambda keys: job.run(db, keys), ttl_s=get_settings().lease_ttl_s)
        if finished and job.done is not None and (planned := leases.planned_at(db, run_id)) is not None:
            job.done(db, planned)
        return finished
    # renewed while it runs, so a long run keeps its period and a dead worker's is redone soon
    return leases.run_once(db, job=job.name, period=period, run=lambda: job.run(db),
                           ttl_s=get_settings().lease_ttl_s)


def _period(job: Job, at: float | None = None) -> str:
    return str(int((time.time() if at is None else at) // job.every_s))


def period_done(db: Database, job: Job, *, at: float | None = None) -> bool:
    """Whether the shared job's period containing `at` has been run to the end, by any worker."""
    return leases.finished_at(db, f"{job.name}:{_period(job, at)}") is not None


def run(stop: threading.Event, *, tick_s: float = 1.0) -> None:
    """Every job until `stop` is set: each lane in a thread of its own, until all have stopped."""
    scheduled = jobs()
    log.info("worker %s started with %d job(s)", leases.HOLDER, len(scheduled))
    lanes: dict[str, list[Job]] = {}
    for job in scheduled:
        lanes.setdefault(job.lane, []).append(job)
    threads = [threading.Thread(target=_run_lane, args=(stop, lane, tick_s), name=f"worker-{name}",
                                daemon=True) for name, lane in lanes.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def _run_lane(stop: threading.Event, scheduled: list[Job], tick_s: float) -> None:
    tick_s = min([tick_s, *(job.every_s for job in scheduled)])  # a 2-fps camera job ticks at 0.5 s
    next_run = dict.fromkeys((job.name for job in scheduled), 0.0)
    while not stop.is_set():
        rules.refresh(database.get_db())  # administrators' rule changes, every few seconds at most
        for job in scheduled:
            if stop.is_set():
                break
            if time.monotonic() >= next_run[job.name]:
                finished = True
                try:
                    db = database.get_db()
                    finished = run_job(db, job) or not job.shared or period_done(db, job)
                except Exception:  # one failing job must not stop the others
                    log.exception("job %s failed", job.name)
                    finished = job.split is None
                # a period (or parts of it) held by another worker may lapse if it died: look again
                next_run[job.name] = time.monotonic() + (
                    job.every_s if finished else min(job.every_s, get_settings().lease_ttl_s))
        stop.wait(tick_s)


@dataclass(frozen=True)
class Background:
    """A worker running in a thread of the web server's process (`make run`)."""

    stop_event: threading.Event
    thread: threading.Thread

    def stop(self, *, timeout_s: float = 10.0) -> bool:
        """Asks the worker to stop and waits for the job in hand to end, so that the database is
        closed after its last write rather than under it. False when it is still busy."""
        self.stop_event.set()
        self.thread.join(timeout_s)
        return not self.thread.is_alive()


def start_in_background() -> Background:
    stop = threading.Event()
    thread = threading.Thread(target=run, args=(stop,), name="mingliang-worker", daemon=True)
    thread.start()
    return Background(stop, thread)
