"""How many businesses hold each gram of the search index, overall and in names, per scope.

Counting index entries is a scan on the embedded server, so counters are kept beside the rows by
every write. A search picks the pair it reads candidates from by them: a pair rare in names but
common in addresses reaches the address matches after few rows. Name counters exist only where
every name row was counted (a fresh index, or after `recount`): the `COMPLETE` marker says so.
The `TRIPLES` marker says the index holds the triples with a digit for every business (a fresh
index, or after `search_index.add_digit_triples`); searches use them only then.

A longer search may take its counters from this process's memory (`census(…, cached=True)`): read
at most CACHE_SECONDS ago, all of them above zero, and none changed by this process since. They
only plan the reads (which pair, how many rows at a time) and scale an estimated total; the rows
themselves are always read from the index, so a business registered by another process is found
at once all the same."""

import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import Any, NamedTuple

from pymongo import UpdateOne
from pymongo.client_session import ClientSession
from pymongo.database import Database

ADDRESS_POSITION = 100  # an address match ranks after every name match (search_index)
COMPLETE = "|name counters complete"
TRIPLES = "|digit triples indexed"
MARKERS = (COMPLETE, TRIPLES)
_BATCH = 10_000
CACHE_SECONDS = 30.0
_CACHE_AT_MOST = 200_000  # counters kept; past it the cache starts again
_cache: dict[tuple[str, str], tuple[float, int]] = {}  # (database, counter) → (read at, value)
_cache_lock = threading.Lock()


def forget() -> None:
    """Drops every cached counter (after a write by this process)."""
    with _cache_lock:
        _cache.clear()


def key(gram: str, district: str, trade: str, *, names: bool = False) -> str:
    return f"{gram}|{district}|{trade}" + ("|names" if names else "")


def _keys(row: dict[str, Any]) -> list[str]:
    """The counters a row adds to: the gram alone, and within its district and/or trade; the
    same again for names when the row is a name's."""
    gram, district, trade = row["gram"], row["district"], row["trade"]
    scopes = [("", ""), (district, ""), ("", trade), (district, trade)]
    names = row["pos"] < ADDRESS_POSITION
    return [key(gram, *scope, names=part) for part in (False, True) if not part or names
            for scope in scopes]


def tally(rows: list[dict[str, Any]]) -> Counter[str]:
    """What `rows` add to each counter."""
    return Counter(name for row in rows for name in _keys(row))


def change(db: Database, rows: list[dict[str, Any]], sign: int,
           session: ClientSession | None = None) -> None:
    changes = tally(rows)
    if changes:
        db.business_gram_counts.bulk_write(
            [UpdateOne({"_id": name}, {"$inc": {"n": sign * n}}, upsert=True)
             for name, n in changes.items()], ordered=False, session=session)
    forget()


class Census(NamedTuple):
    totals: dict[str, int]  # businesses holding each gram
    in_names: dict[str, int] | None  # those holding it in their name; None: not counted apart
    triples: bool  # whether the index holds the triples with a digit
    cached: bool = False  # read from this process's cache, not the database


def census(db: Database, grams: list[str], *, district: str = "", trade: str = "",
           cached: bool = False) -> Census:
    """The counters of `grams` in a scope and the index's markers, in one read; from the cache
    instead where `cached` and it holds them all (see the module's note)."""
    totals = {key(gram, district, trade): gram for gram in grams}
    names = {key(gram, district, trade, names=True): gram for gram in grams}
    wanted = [*totals, *names, *MARKERS]
    found = _from_cache(db.name, wanted, list(totals)) if cached else None
    hit = found is not None
    if found is None:
        found = {row["_id"]: int(row["n"]) for row in db.business_gram_counts.find(
            {"_id": {"$in": wanted}})}
        _keep(db.name, {name: found.get(name, 0) for name in wanted})
    in_names = {gram: found.get(name, 0) for name, gram in names.items()}
    return Census({gram: found.get(name, 0) for name, gram in totals.items()},
                  in_names if found.get(COMPLETE) else None, bool(found.get(TRIPLES)), hit)


def _from_cache(database: str, wanted: list[str], totals: list[str]) -> dict[str, int] | None:
    """The cached values of `wanted`, if every one is there and fresh and none of `totals` is 0
    (a gram no business held may have been given one since)."""
    oldest, found = time.monotonic() - CACHE_SECONDS, {}
    with _cache_lock:
        for name in wanted:
            read_at, value = _cache.get((database, name), (0.0, 0))
            if read_at < oldest or (value == 0 and name in totals):
                return None
            found[name] = value
    return found


def _keep(database: str, values: dict[str, int]) -> None:
    now = time.monotonic()
    with _cache_lock:
        if len(_cache) + len(values) > _CACHE_AT_MOST:
            _cache.clear()
        _cache.update({(database, name): (now, value) for name, value in values.items()})


def count(db: Database, gram: str, *, district: str = "", trade: str = "") -> int:
    return census(db, [gram], district=district, trade=trade).totals[gram]


def mark_complete_if_empty(db: Database) -> None:
    """A fresh index counts every name row, and holds every triple with a digit, from its first
    write on."""
    if db.business_grams.find_one({}, {"_id": 1}) is None:
        for marker in MARKERS:
            mark(db, marker)


def mark(db: Database, marker: str) -> None:
    db.business_gram_counts.update_one({"_id": marker}, {"$set": {"n": 1}}, upsert=True)
    forget()


def recount(db: Database, *, progress: Callable[[int], object] = lambda n: None) -> int:
    """Counts every row again (an index written before name counters existed gets them). Run it
    while no business is registered or renamed. Returns how many rows were counted."""
    counted: Counter[str] = Counter()
    rows = 0
    for row in db.business_grams.find({}, {"_id": 0, "gram": 1, "district": 1, "trade": 1,
                                           "pos": 1}, batch_size=_BATCH):
        counted.update(_keys(row))
        rows += 1
        if rows % _BATCH == 0:
            progress(_BATCH)
    progress(rows % _BATCH)
    write_all(db, counted)
    return rows


def write_all(db: Database, counted: Counter[str]) -> None:
    """Replaces every counter by `counted` (all the index's rows, counted), as complete; the index
    keeps its triples marker."""
    kept = [row["_id"] for row in db.business_gram_counts.find({"_id": TRIPLES}, {"_id": 1})]
    db.business_gram_counts.delete_many({})
    documents = [{"_id": name, "n": n} for name, n in counted.items()]
    documents += [{"_id": marker, "n": 1} for marker in [COMPLETE, *kept]]
    for start in range(0, len(documents), _BATCH):
        db.business_gram_counts.insert_many(documents[start:start + _BATCH], ordered=False)
    forget()
