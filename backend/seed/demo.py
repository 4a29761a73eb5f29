"""Seeds a deterministic, realistic demo city: businesses, their records and profiles, users."""

from random import Random
from typing import Any

from pymongo.database import Database
from tqdm import tqdm

from backend import clock
from backend.businesses import gram_counts
from backend.config import get_settings
from backend.seed import accounts, cameras, codes, generate, units, workload
from backend.seed import evaluations as demo_evaluations
from backend.seed.accounts import DemoAccount
from backend.seed.context import BusinessRecords, Context
from backend.seed.places import DISTRICTS
from backend.seed.writer import ChunkWriter

# Businesses generated and written at a time: memory stays bounded whatever the total.
CHUNK_SIZE = 2_000
SEEDED_COLLECTIONS = ("businesses", "licences", "staff", "inspections", "penalties", "purchases",
                      "rapid_tests", "public_profiles", "units", "officers", "users",
                      "business_grams", "business_gram_counts", "grid_officers", "complaints",
                      "tasks", "task_events", "equipment", "list_editions", "list_entries",
                      "reviews", "review_predictions", "evaluations", "cameras")
print_accounts = accounts.print_accounts
print_tracking_codes = workload.print_tracking_codes


def is_empty(db: Database) -> bool:
    """Nothing seeded or entered yet: no account, unit, officer, business nor any other record
    the demo writes. A new installation that has its first administrator is not empty, and is
    never given the demo's accounts (with their published passwords)."""
    return not collections_in_use(db)


def collections_in_use(db: Database) -> list[str]:
    """The seeded collections that already hold documents (seeding into them would collide). The
    search counters' markers, which creating the indexes writes into an empty database, are not
    data."""
    return [name for name in SEEDED_COLLECTIONS if db[name].find_one(
        {"_id": {"$nin": list(gram_counts.MARKERS)}}, {"_id": 1}) is not None]


def reset(db: Database) -> None:
    for name in SEEDED_COLLECTIONS:
        db.drop_collection(name)


def _enterprise_samples(chunk: list[BusinessRecords]) -> list[dict[str, Any]]:
    """Two businesses for the enterprise demo accounts: restaurants, whose pages show the most, one
    in each demo officer's district (天河, 越秀), so the demo's officers are the ones who answer the
    shops' objections, credit-repair applications and evaluations."""
    everyone = [r.business for r in chunk]
    picked: list[dict[str, Any]] = []
    for district in DISTRICTS[:len(accounts.ENTERPRISE_USERNAMES)]:
        there = [b for b in everyone if b["district"] == district.name]
        picked += ([b for b in there if b["trade"] == "catering"] + there)[:1]
    picked = (picked + [b for b in everyone if b not in picked])[:len(accounts.ENTERPRISE_USERNAMES)]
    return [{"code": business["code"], "name": business["name"]} for business in picked]


def context(db: Database, seed: int) -> Context:
    """What generating businesses needs: the random source, today, the officers' units."""
    rng = Random(seed)
    return Context(rng=rng, today=clock.today(),
                   expiring_within_days=get_settings().expiring_within_days,
                   roster=units.create(db, rng),
                   code_offset=rng.randrange(codes.ORG_SPACE - codes.MOST_BUSINESSES))


def seed(db: Database, *, businesses: int, seed: int = 2026, progress: bool = False,
         chunk_size: int = CHUNK_SIZE) -> list[DemoAccount]:
    """Same seed and same day, same documents. Dates are relative to clock.today(), so that
    'expiring' and 'expired' mean something on the day the demo runs."""
    ctx = context(db, seed)
    roster = ctx.roster
    samples: list[dict[str, Any]] = []
    writer = ChunkWriter(db, today=ctx.today)
    with tqdm(total=businesses, unit=" businesses", disable=not progress) as bar:
        try:
            for start in range(0, businesses, chunk_size):
                chunk = [generate.business_records(ctx, index)
                         for index in range(start, min(businesses, start + chunk_size))]
                samples = samples or _enterprise_samples(chunk)
                writer.submit(chunk, bar.update)
        finally:
            writer.close(bar.update)
    _first_list_edition(db)
    demo_evaluations.seed(db, ctx.rng, skip={sample["code"] for sample in samples})
    created = accounts.create(db, roster=roster, businesses=samples)
    workload.create(db, roster=roster, shop_codes=[row["code"] for row in samples])
    cameras.seed(db, first=[sample["code"] for sample in samples])
    return created


def _first_list_edition(db: Database) -> None:
    """The demo opens with a published red/black list, as a running site would have."""
    from backend.lists import service as lists  # the list rules are not needed to generate data
    from backend.lists.schemas import EditionPublish

    # This month's cut-off, so the worker's monthly job finds this month's edition already there.
    lists.publish(db, actor=None, data=EditionPublish(cut_off=lists.due_cut_off(clock.today())))
