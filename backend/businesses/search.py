"""Finding businesses by name, address or credit code through the n-gram index, ranked: the exact
name first, then names that start with the text, then names and addresses that contain it."""

import re
from typing import Any

from pymongo.database import Database

from backend.businesses import repository, search_index
from backend.businesses.search_index import normalize

# Longer texts check candidates of their rarest pair one by one (each a row read); past this many,
# the rest are not read and the count is estimated from those seen.
VERIFY_AT_MOST = 1000
_BATCH = 500
# A credit code: the registering authority (1-9, A, N, Y), then GB 32100 characters only.
_CODE_PREFIX = re.compile(r"^[1-9ANY][0-9A-HJ-NPQRTUWXY]{3,17}$")


def looks_like_code(text: str) -> bool:
    compact = normalize(text).upper()
    return bool(_CODE_PREFIX.match(compact)) and any(char.isdigit() for char in compact)


def find(db: Database, *, text: str, district: str, trade: str, skip: int,
         limit: int) -> tuple[int, list[dict[str, Any]]]:
    """(total, one page of public rows) for a non-empty text."""
    if looks_like_code(text):
        query = repository.code_prefix_filter(normalize(text).upper(), district=district, trade=trade)
        return repository.count_matching(db, query), repository.search(db, query, skip=skip,
                                                                       limit=limit)
    grams = search_index.query_grams(text)
    if not grams:
        return 0, []
    if len(grams) == 1:
        return _single(db, grams[0], district, trade, skip, limit)
    return _several(db, normalize(text), grams, district, trade, skip, limit)


def _single(db: Database, gram: str, district: str, trade: str, skip: int,
            limit: int) -> tuple[int, list[dict[str, Any]]]:
    """One or two characters: the rows of that gram are the answer, already in rank order."""
    total = search_index.count(db, gram, district=district, trade=trade)
    rows = search_index.ranked(db, gram, district=district, trade=trade, skip=skip, limit=limit)
    found = repository.get_many(db, [row["code"] for row in rows])
    return total, [found[row["code"]] for row in rows if row["code"] in found]


def _several(db: Database, text: str, grams: list[str], district: str, trade: str, skip: int,
             limit: int) -> tuple[int, list[dict[str, Any]]]:
    """Longer texts: candidates from the rarest pair, narrowed to those that hold every other pair
    too (by the index rows' own keys), then kept if they contain the whole text. Names that start
    with the text hold that pair at its place in the text: those are read first and in full, so
    the best matches are found even when the pair is too common to check every candidate."""
    counts = {gram: search_index.count(db, gram, district=district, trade=trade)
              for gram in set(grams)}
    rarest, *others = sorted(counts, key=lambda gram: (counts[gram], gram))
    if counts[rarest] == 0:
        return 0, []
    prefixed = search_index.ranked(db, rarest, district=district, trade=trade,
                                   pos=text.find(rarest), limit=VERIFY_AT_MOST)
    matches = {business["code"]: business for business in _verified(db, text, others, prefixed)}
    checked = 0
    while checked < min(counts[rarest], VERIFY_AT_MOST):
        rows = search_index.ranked(db, rarest, district=district, trade=trade, skip=checked,
                                   limit=_BATCH)
        if not rows:
            break
        checked += len(rows)
        fresh = [row for row in rows if row["code"] not in matches]
        matches |= {business["code"]: business for business in _verified(db, text, others, fresh)}
    total = len(matches)
    if checked < counts[rarest]:  # too many to check one by one: scale what was seen
        total = max(total, round(total * counts[rarest] / checked))
    found = sorted(matches.values(), key=lambda business: rank(business, text))
    return total, found[skip:skip + limit]


def _verified(db: Database, text: str, others: list[str],
              rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The businesses of `rows` that hold every other pair and the whole text."""
    codes = [row["code"] for row in rows]
    for gram in others:
        codes = search_index.having(db, gram, codes) if codes else codes
    found = repository.get_many(db, codes) if codes else {}
    return [business for business in found.values() if _contains(business, text)]


def _contains(business: dict[str, Any], text: str) -> bool:
    return text in normalize(business["name"]) or text in normalize(business.get("address", ""))


def rank(business: dict[str, Any], text: str) -> tuple[int, int, int, str]:
    """Exact name, then prefix, then name containing it, then address containing it."""
    name = normalize(business["name"])
    if name == text:
        tier = 0
    elif name.startswith(text):
        tier = 1
    elif text in name:
        tier = 2
    else:
        tier = 3
    where = name.find(text) if tier < 3 else normalize(business.get("address", "")).find(text)
    return tier, where, len(name), business["code"]
