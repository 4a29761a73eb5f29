"""Once-only fixes to data stored by earlier versions, run at start-up after the indexes.

Each step runs until it has been recorded as done in the `migrations` collection. Two processes
starting together may both run a step, so every step is idempotent: running it again changes
nothing."""

import logging
from collections.abc import Callable
from datetime import datetime, time
from typing import Any
from urllib.parse import urlsplit

from pymongo import UpdateOne
from pymongo.database import Database

from backend import clock
from backend.businesses import search_index
from backend.cameras.addresses import literally_the_server, stream_key
from backend.complaints import task_stages
from backend.reviews import repository as reviews
from backend.tasks import old_titles
from backend.users import repository as users

log = logging.getLogger(__name__)
# Instants that were stored as a deadline day's last second on the wall clock, read as UTC.
WALL_CLOCK_DEADLINES = (("tasks", "deadline"), ("tasks", "rectification_deadline"),
                        ("alerts", "rectify_by"))
_OLD_END_OF_DAY = time(23, 59, 59)


def deadlines_at_local_midnight(db: Database) -> None:
    """Deadlines stored before they were instants on the municipality's clock (23:59:59 of the
    day, taken as UTC) showed a day late east of UTC and fell due 8 hours late in Guangzhou: each
    becomes its day's end on the municipality's clock, as `clock.end_of_day` writes them now."""
    for collection, field in WALL_CLOCK_DEADLINES:
        updates = []
        for row in db[collection].find({field: {"$ne": None}}, {field: 1}):   # no $type in nx-27017
            stored = row.get(field)
            if not isinstance(stored, datetime) or stored.time() != _OLD_END_OF_DAY:
                continue
            moved = clock.end_of_day(stored.date())
            if moved != stored:
                updates.append(UpdateOne({"_id": row["_id"], field: stored}, {"$set": {field: moved}}))
        if updates:
            db[collection].bulk_write(updates, ordered=False)
            log.info("%s.%s: %d deadlines moved to local midnight", collection, field, len(updates))


def draw_plans_count_their_drawn(db: Database) -> None:
    """Lists of draw plans leave the drawn businesses out (a plan may draw hundreds) and read
    their count, which plans drawn before it was stored lacked: they showed "0 drawn"."""
    updates = [UpdateOne({"_id": plan["_id"]}, {"$set": {"drawn_count": len(plan.get("drawn") or [])}})
               for plan in db.draw_plans.find({"status": "drawn", "drawn_count": None}, {"drawn": 1})]
    if updates:
        db.draw_plans.bulk_write(updates, ordered=False)


def decisions_rank_their_status(db: Database) -> None:
    """Objections and credit-repair applications list the pending first by a stored rank (0
    pending, 1 decided), as tasks do; those filed before it had none and sorted by status's
    spelling, which put pending objections last."""
    for collection in ("objections", "repair_applications"):
        db[collection].update_many({"status": "pending", "status_rank": None}, {"$set": {"status_rank": 0}})
        db[collection].update_many({"status": {"$ne": "pending"}, "status_rank": None},
                                   {"$set": {"status_rank": 1}})


def standings_know_when_they_run_out(db: Database) -> None:
    """Each page's standing now says the day a fact's time runs out (`standing.until`), when the
    daily refresh builds it again; pages built before it are due at the first refresh."""
    db.public_profiles.update_many({"standing.until": {"$exists": False}},
                                   {"$set": {"standing.until": clock.to_stored(clock.today())}})


def standings_show_what_they_rest_on(db: Database) -> None:
    """Each page's standing now lists the facts behind its scores, and the page its special
    equipment; pages built before it are due at the first daily refresh."""
    db.public_profiles.update_many({"standing.risk.static": {"$exists": False}},
                                   {"$set": {"standing.until": clock.to_stored(clock.today())}})


def cameras_know_their_stream(db: Database) -> None:
    """One camera per stream and business is checked on `stream_key`, which cameras added
    before it lack."""
    rows = db.cameras.find({}, {"source_url": 1, "stream_key": 1})
    updates = [UpdateOne({"_id": row["_id"]}, {"$set": {"stream_key": stream_key(row["source_url"])}})
               for row in rows if not row.get("stream_key")]
    if updates:
        db.cameras.bulk_write(updates, ordered=False)


def cameras_know_who_set_their_source(db: Database) -> None:
    """The worker refuses a source that has come to name the server itself unless an
    administrator set it (`source_set_by_admin`). Before it was stored, only an administrator
    could save an address written as the server's own, so those were an administrator's."""
    rows = db.cameras.find({"source_set_by_admin": None}, {"source_url": 1})
    updates = [UpdateOne({"_id": row["_id"]}, {"$set": {"source_set_by_admin": literally_the_server(
        urlsplit(row["source_url"]).hostname or "")}}) for row in rows]
    if updates:
        db.cameras.bulk_write(updates, ordered=False)


def user_names_are_one_whatever_their_case(db: Database) -> None:
    """User names are compared without case (`username_key`). Accounts stored before that get the
    key; names that differ only in case from another are reported, for an administrator to disable
    or rename one of them: each still signs in by its exact name."""
    clashes = users.fill_keys(db)
    if clashes:
        log.warning("accounts whose user name differs only in case from another's (disable one of "
                    "each pair): %s", ", ".join(clashes))


STEPS: tuple[tuple[str, Callable[[Database], Any]], ...] = (
    ("deadlines-at-local-midnight", deadlines_at_local_midnight),
    ("reviews-carry-their-district", reviews.fill_districts),
    ("search-reads-traditional-as-simplified", search_index.fold_traditional),
    ("draw-plans-count-their-drawn", draw_plans_count_their_drawn),
    ("decisions-rank-their-status", decisions_rank_their_status),
    ("standings-know-when-they-run-out", standings_know_when_they_run_out),
    ("cameras-know-their-stream", cameras_know_their_stream),
    ("complaint-tasks-carry-their-stages", task_stages.fill_tasks),
    ("cameras-know-who-set-their-source", cameras_know_who_set_their_source),
    ("user-names-are-one-whatever-their-case", user_names_are_one_whatever_their_case),
    ("generated-task-titles-read-in-each-language", old_titles.fill),
    ("standings-show-what-they-rest-on", standings_show_what_they_rest_on),
)


def run(db: Database) -> None:
    done = {row["_id"] for row in db.migrations.find({}, {"_id": 1})}
    for name, step in STEPS:
        if name not in done:
            step(db)
            db.migrations.update_one({"_id": name}, {"$set": {"done_at": clock.now()}}, upsert=True)
