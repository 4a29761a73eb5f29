"""An n-gram index (倒排索引) over business names and addresses, for search at city scale.

One small document per (gram, business) in `business_grams`, under a compound index, so a search
reads only matching rows in rank order on the embedded server and on a real MongoDB alike (no
`$text`, no multikey arrays: the embedded server cannot index array elements). Names are indexed
by single characters and pairs, addresses by pairs: a one-character query matches names, a longer
one names and addresses. Both also by the triples that hold a digit: in house numbers every pair
is common (号2, 23, 34), while 234 or 34号 is rare. Rows sort by where the gram sits (a name's
start first, addresses last) and then by the name's length, which puts an exact name first and
prefixes next."""

import unicodedata
from collections import Counter
from collections.abc import Callable
from itertools import islice
from typing import Any

from pymongo import ASCENDING
from pymongo.client_session import ClientSession
from pymongo.database import Database

from analytics.chinese import simplified
from backend.businesses import gram_counts

ADDRESS_POSITION = gram_counts.ADDRESS_POSITION  # an address match ranks after every name match
_ORDER = [("pos", ASCENDING), ("len", ASCENDING), ("code", ASCENDING)]


def normalize(text: str) -> str:
    """What is compared: NFKC (full-width letters and digits become plain), traditional characters
    as simplified ones (蘭州拉麵 finds 兰州拉面, as a visitor from Hong Kong types it), case-folded,
    and only letters and digits (spaces and punctuation carry no meaning in a search)."""
    folded = simplified(unicodedata.normalize("NFKC", text)).casefold()
    return "".join(char for char in folded if char.isalnum())


def _pairs(text: str) -> list[tuple[int, str]]:
    return [(i, text[i:i + 2]) for i in range(len(text) - 1)]


def _digit_triples(text: str) -> list[tuple[int, str]]:
    return [(i, text[i:i + 3]) for i in range(len(text) - 2) if _has_digit(text[i:i + 3])]


def _has_digit(gram: str) -> bool:
    return any(char.isdigit() for char in gram)


def is_digit_triple(gram: str) -> bool:
    return len(gram) == 3 and _has_digit(gram)


def grams_of(name: str, address: str) -> dict[str, int]:
    """Each gram with its best (lowest) position."""
    positions: dict[str, int] = {}
    name, address = normalize(name), normalize(address)
    for pos, gram in [*enumerate(name), *_pairs(name), *_digit_triples(name)]:
        pos = min(pos, ADDRESS_POSITION - 1)  # names of 100+ characters stay before addresses
        positions[gram] = min(pos, positions.get(gram, pos))
    for pos, gram in [*_pairs(address), *_digit_triples(address)]:
        positions.setdefault(gram, ADDRESS_POSITION + min(pos, 99))
    return positions


def query_grams(text: str, *, triples: bool = True) -> list[str]:
    """The grams a text's matches hold, which together cover every character of it: the text
    itself up to two characters; else the triples that hold a digit (`triples`, when the index
    has them) and the pairs of what they leave out. A pair inside a triple is never rarer."""
    normalized = normalize(text)
    if not normalized:
        return []
    if len(normalized) <= 2:
        return [normalized]
    if not triples:
        return [gram for _, gram in _pairs(normalized)]
    with_digit = _digit_triples(normalized)
    covered = {pos + i for pos, _ in with_digit for i in range(3)}
    pairs = [(pos, gram) for pos, gram in _pairs(normalized) if not {pos, pos + 1} <= covered]
    return [gram for _, gram in sorted(pairs + with_digit)]


def rows_for(business: dict[str, Any]) -> list[dict[str, Any]]:
    code, length = business["code"], len(normalize(business["name"]))
    return [{"_id": f"{gram}|{code}", "gram": gram, "code": code, "pos": pos, "len": length,
             "district": business.get("district", ""), "trade": business.get("trade", "")}
            for gram, pos in grams_of(business["name"], business.get("address", "")).items()]


def create_indexes(db: Database) -> None:
    for scope in ([], ["district"], ["trade"], ["district", "trade"]):
        db.business_grams.create_index([("gram", ASCENDING)] + [(f, ASCENDING) for f in scope]
                                       + _ORDER)
    # The embedded server keeps an equality on a field sargable only when that field has an
    # index of its own (otherwise it adds an array-containment test that scans every row).
    # `gram` leads the compounds and gets one from indexes.create_lookup_indexes; these do not.
    for field in ("district", "trade", "code"):
        db.business_grams.create_index(field)
    # Where a business's grams sit, looked up for many businesses at once from the index alone.
    db.business_grams.create_index([("gram", ASCENDING), ("code", ASCENDING), ("pos", ASCENDING)])
    gram_counts.mark_complete_if_empty(db)


def add(db: Database, businesses: list[dict[str, Any]], *,
        session: ClientSession | None = None, counted: Counter[str] | None = None) -> None:
    """Indexes new businesses. Their counters are written at once, or added to `counted` for a
    bulk load that writes every counter at its end (`gram_counts.write_all`)."""
    rows = [row for business in businesses for row in rows_for(business)]
    if rows:
        db.business_grams.insert_many(rows, ordered=False, session=session)
        if counted is None:
            gram_counts.change(db, rows, +1, session)
        else:
            counted.update(gram_counts.tally(rows))


def replace(db: Database, business: dict[str, Any]) -> None:
    """After a rename or a move: the business's rows are rebuilt from its current record."""
    old = list(db.business_grams.find({"code": business["code"]}))
    db.business_grams.delete_many({"code": business["code"]})
    gram_counts.change(db, old, -1)
    add(db, [business])


def fold_traditional(db: Database) -> int:
    """Rebuilds the rows of every business whose name or address holds a character that searches
    now read as another (traditional as simplified: 乾 as 干), which an index written before that
    fold filed under the old one; the others' rows are the same either way. Returns how many."""
    rebuilt = 0
    for business in db.businesses.find({}, {"_id": 0, "code": 1, "name": 1, "address": 1,
                                            "district": 1, "trade": 1}):
        written = business["name"] + business.get("address", "")
        if simplified(written) != written:
            replace(db, business)
            rebuilt += 1
    return rebuilt


def add_digit_triples(db: Database, *, progress: Callable[[int], object] = lambda n: None,
                      counted: Callable[[int], object] = lambda n: None, batch: int = 1000) -> int:
    """Gives an index written before it held triples with a digit those of every business, then
    counts every row again and marks the index as holding them (searches use them from then on).
    `progress` hears of businesses read, `counted` of rows counted. Run it while no business is
    registered or renamed; running it again changes nothing. Returns how many businesses were
    read."""
    read = 0
    cursor = db.businesses.find({}, {"_id": 0, "code": 1, "name": 1, "address": 1, "district": 1,
                                     "trade": 1}, batch_size=batch)
    while chunk := list(islice(cursor, batch)):
        rows = [row for business in chunk for row in rows_for(business)
                if is_digit_triple(row["gram"])]
        if rows:  # a run stopped half-way left some: written again, not twice
            db.business_grams.delete_many({"_id": {"$in": [row["_id"] for row in rows]}})
            db.business_grams.insert_many(rows, ordered=False)
        read += len(chunk)
        progress(len(chunk))
    gram_counts.recount(db, progress=counted)
    gram_counts.mark(db, gram_counts.TRIPLES)
    return read


def _scope(gram: str, district: str, trade: str, pos: int | None = None) -> dict[str, Any]:
    query: dict[str, Any] = {"gram": gram} if pos is None else {"gram": gram, "pos": pos}
    if district:
        query["district"] = district
    if trade:
        query["trade"] = trade
    return query


def positions(db: Database, grams: list[str], codes: list[str]) -> dict[str, dict[str, int]]:
    """Of `codes`, those whose names or addresses hold every one of `grams`, with each gram's
    position (as in `pos`): one read of the (gram, code, pos) index."""
    found: dict[str, dict[str, int]] = {}
    for row in db.business_grams.find({"gram": {"$in": grams}, "code": {"$in": codes}},
                                      {"_id": 0, "gram": 1, "code": 1, "pos": 1},
                                      batch_size=len(grams) * len(codes)):
        found.setdefault(row["code"], {})[row["gram"]] = row["pos"]
    return {code: places for code, places in found.items() if len(places) == len(set(grams))}


def ranked(db: Database, gram: str, *, district: str = "", trade: str = "", skip: int = 0,
           limit: int = 0, pos: int | None = None, joined: list[str] | None = None
           ) -> list[dict[str, Any]]:
    """Rows of `gram` in rank order: (position, name length, code); only at `pos` when given.
    With `joined` (and a `limit`), each row also tells where its business holds those grams
    (`held`: gram → position, as `positions` reads them) in the same read."""
    if joined and limit:
        return _ranked_joined(db, _scope(gram, district, trade, pos), joined, skip, limit)
    cursor = db.business_grams.find(_scope(gram, district, trade, pos),
                                    {"_id": 0, "code": 1, "pos": 1, "len": 1}).sort(_ORDER)
    return list(cursor.skip(skip).limit(limit).batch_size(limit))  # one reply, not 101 a time


def _ranked_joined(db: Database, scope: dict[str, Any], joined: list[str], skip: int,
                   limit: int) -> list[dict[str, Any]]:
    """A `$lookup` by code (MongoDB 5.0 and later; the embedded server answers it by two index
    reads in one command)."""
    pipeline: list[dict[str, Any]] = [
        {"$match": scope}, {"$sort": dict(_ORDER)}, *([{"$skip": skip}] if skip else []),
        {"$limit": limit},
        {"$lookup": {"from": "business_grams", "localField": "code", "foreignField": "code",
                     "pipeline": [{"$match": {"gram": {"$in": joined}}},
                                  {"$project": {"_id": 0, "gram": 1, "pos": 1}}],
                     "as": "held"}},
        {"$project": {"_id": 0, "code": 1, "pos": 1, "len": 1, "held": 1}}]
    rows = list(db.business_grams.aggregate(pipeline, batchSize=limit))
    for row in rows:
        row["held"] = {held["gram"]: held["pos"] for held in row["held"]}
    return rows
