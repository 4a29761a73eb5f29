"""The daily refresh of each page's standing: a quantified grade or a risk level moves when a fact's
time runs out (a failed inspection counts for a year), with no new record to rebuild the page."""

from pymongo.database import Database

from backend import clock
from backend.profiles import repository, service
from backend.reviews.regrade import chunks
from backend.worker import JOBS, Job


def _due(db: Database) -> list[list[str]]:
    return chunks(repository.standing_due(db, clock.today()))


def _refresh(db: Database, codes: list[str]) -> None:
    for code in codes:
        service.rebuild(db, code=code)


JOBS.append(Job("profiles.standing", every_s=86400.0, run=_refresh, split=_due))
