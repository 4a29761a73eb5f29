"""The reviews feature's worker jobs: score new reviews in every worker, regrade everyone daily."""

from pymongo.database import Database

from backend import clock
from backend.reviews import checked, regrade, scoring
from backend.worker import JOBS, Job


def _score_new(db: Database) -> None:
    while scoring.score_pending(db):  # drain the queue batch by batch, then wait for the next tick
        pass


def _regrade_part(db: Database, codes: list[str]) -> None:
    """Recent reviews weigh more, so a grade moves with time even when no review arrives."""
    regrade.chunk(db, codes, clock.now())


REVIEW_JOBS = [Job("reviews.score", every_s=2.0, run=_score_new, shared=False, lane="reviews"),
               # shared by every worker, a chunk of businesses each
               Job("reviews.regrade", every_s=86400.0, run=_regrade_part, split=regrade.every_business,
                   done=checked.mark)]
JOBS.extend(REVIEW_JOBS)
