"""How many businesses hold each gram of the search index, overall and in names, per scope.

Counting index entries is a scan on the embedded server, so counters are kept beside the rows by
every write. A search picks the pair it reads candidates from by them: a pair rare in names but
common in addresses reaches the address matches after few rows. Name counters exist only where
every name row was counted (a fresh index, or after `recount`): the `COMPLETE` marker says so.
The `TRIPLES` marker says the index holds the triples with a digit for every business (a fresh
index, or after `search_index.add_digit_triples`); searches use them only then."""

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


class Census(NamedTuple):
    totals: dict[str, int]  # businesses holding each gram
    in_names: dict[str, int] | None  # those holding it in their name; None: not counted apart
    triples: bool  # whether the index holds the triples with a digit


def census(db: Database, grams: list[str], *, district: str = "", trade: str = "") -> Census:
    """The counters of `grams` in a scope and the index's markers, in one read."""
    totals = {key(gram, district, trade): gram for gram in grams}
    names = {key(gram, district, trade, names=True): gram for gram in grams}
    found = {row["_id"]: int(row["n"]) for row in db.business_gram_counts.find(
        {"_id": {"$in": [*totals, *names, *MARKERS]}})}
    in_names = {gram: found.get(name, 0) for name, gram in names.items()}
    return Census({gram: found.get(name, 0) for name, gram in totals.items()},
                  in_names if COMPLETE in found else None, TRIPLES in found)


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
