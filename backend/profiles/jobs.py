"""The daily refresh of each page's standing: a quantified grade or a risk level moves when a fact's
time runs out (a failed inspection counts for a year), with no new record to rebuild the page.
And every page built again when an administrator changes a rule the pages are built with."""

from pymongo.database import Database

from backend import clock, leases
from backend.config import get_settings
from backend.profiles import repository, service
from backend.reviews.regrade import chunks
from backend.rule_settings import service as rule_settings
from backend.worker import JOBS, Job


def _due(db: Database) -> list[list[str]]:
    return chunks(repository.standing_due(db, clock.today()))


def _refresh(db: Database, codes: list[str]) -> None:
    for code in codes:
        service.rebuild(db, code=code)


def rebuild_for_rules(db: Database) -> bool:
    """Once per saved version of the rules that changes one the pages are built with (expiring
    badge, grade and risk bands…): every page rebuilt, in leased parts that every worker helps
    with, none done twice. True when the pages are built with the rules in force."""
    due = rule_settings.profiles_due(db)
    if due is None:
        return True
    version, shape = due
    done = leases.run_in_parts(db, run_id=f"profiles.rules:v{version}",
                               split=lambda: chunks(repository.every_code(db)),
                               run=lambda codes: _refresh(db, codes), ttl_s=get_settings().lease_ttl_s)
    if done:
        rule_settings.profiles_rebuilt(db, version=version, shape=shape)
    return done


JOBS.append(Job("profiles.standing", every_s=86400.0, run=_refresh, split=_due))
# In every worker (each looks at the stored version, then shares the parts); a lane of its own so
# that a day's regrade does not hold it back.
JOBS.append(Job("profiles.rules", every_s=10.0, run=rebuild_for_rules, shared=False, lane="rules"))
