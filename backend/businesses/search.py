"""Finding businesses by name, address or credit code through the n-gram index, ranked: the exact
name first, then names that start with the text, then names and addresses that contain it.
Below, a text's "pairs" are the grams it is looked up by: its pairs, where a digit's pairs give
way to the triples that hold it (see `search_index.query_grams`)."""

import math
import re
from typing import Any, NamedTuple

from pymongo.database import Database

from backend.businesses import gram_counts, repository, search_index
from backend.businesses.search_index import ADDRESS_POSITION, normalize

# Longer texts check the candidates of one pair (the one that reaches the page after the fewest
# rows) from the index: this many at first (fewer where the counters expect the page sooner; all
# of them, up to 200, where they expect fewer matches than the page), then four times as many
# each round (fewer, at least twice, while the page is short and the share that matched so far
# says fewer will do) until the page is settled, this many at most (past it, the total is
# estimated from those seen).
FIRST_BATCH = 100
VERIFY_AT_MOST = 1000
# Up to this many index rows, a batch's other pairs are read with it (one `$lookup`); past it, the
# next rarest pair is read with it and narrows the candidates before the others are read.
ONE_READ_ROWS = 400
# An exact total reads candidates that hold every pair but must be read to tell, up to this many.
RESOLVE_FOR_TOTAL = 50
# A credit code: the registering authority (1-9, A, N, Y), then GB 32100 characters only.
_CODE_PREFIX = re.compile(r"^[1-9ANY][0-9A-HJ-NPQRTUWXY]{3,17}$")


def looks_like_code(text: str) -> bool:
    compact = normalize(text).upper()
    return bool(_CODE_PREFIX.match(compact)) and any(char.isdigit() for char in compact)


class Found(NamedTuple):
    total: int
    rows: list[dict[str, Any]]  # one page of public rows
    estimated: bool = False  # the total is scaled from the candidates checked


def find(db: Database, *, text: str, district: str, trade: str, skip: int, limit: int) -> Found:
    """The matches of a non-empty text: their total and one page."""
    if looks_like_code(text):
        query = repository.code_prefix_filter(normalize(text).upper(), district=district, trade=trade)
        return Found(repository.count_matching(db, query),
                     repository.search(db, query, skip=skip, limit=limit))
    normalized = normalize(text)
    if not normalized:
        return Found(0, [])
    if len(normalized) <= 2:
        return _single(db, normalized, district, trade, skip, limit)
    # Whether the index holds triples with a digit is read with the counters of both ways.
    with_triples = search_index.query_grams(normalized)
    pairs = search_index.query_grams(normalized, triples=False)
    # Counters only plan the reads here (and scale an estimated total): a recent read will do.
    census = gram_counts.census(db, sorted({*with_triples, *pairs}), district=district,
                                trade=trade, cached=True)
    grams = with_triples if census.triples else pairs
    if len(grams) == 1:  # three characters with a digit: one triple (its total counted afresh)
        total = None if census.cached else census.totals[grams[0]]
        return _single(db, grams[0], district, trade, skip, limit, total)
    return _several(db, normalized, grams, census, district, trade, skip, limit)


def _single(db: Database, gram: str, district: str, trade: str, skip: int, limit: int,
            total: int | None = None) -> Found:
    """The text is one gram: its rows are the answer, already in rank order."""
    if total is None:
        total = gram_counts.count(db, gram, district=district, trade=trade)
    rows = search_index.ranked(db, gram, district=district, trade=trade, skip=skip, limit=limit)
    found = repository.get_many(db, [row["code"] for row in rows])
    return Found(total, [found[row["code"]] for row in rows if row["code"] in found])


def _several(db: Database, text: str, grams: list[str], census: gram_counts.Census,
             district: str, trade: str, skip: int, limit: int) -> Found:
    """Longer texts: candidates are one pair's index rows, read in rank order in growing
    batches, and kept if they hold every pair. Where the pairs sit tells most matches and their
    rank from the index alone; the others are read only when they could rank on the page. Reading
    stops once the page is settled (the total is then estimated from the share of candidates that
    matched) or at VERIFY_AT_MOST; names that start with the text, which hold the rarest pair at
    its place in the text, are then read apart if the batches stopped before them."""
    counts = {gram: census.totals[gram] for gram in grams}
    in_names = None if census.in_names is None else {gram: census.in_names[gram] for gram in grams}
    if min(counts.values()) == 0:
        return Found(0, [])
    expected = _expected_matches(text, grams, census.totals)
    rarest = min(counts, key=lambda gram: (_rows_to_read(counts, in_names, gram, skip + limit,
                                                         expected), gram))
    order = [rarest, *sorted(set(counts) - {rarest}, key=lambda gram: (counts[gram], gram))]
    found, offset, wanted = _Matches(db, text, grams, order), text.find(rarest), skip + limit
    checked, matched, last, settled, exhausted = 0, 0, -1, False, False
    size = _first_batch(_rows_to_read(counts, in_names, rarest, wanted, expected), wanted,
                        counts[rarest] if expected < wanted else None)
    while not exhausted and checked < VERIFY_AT_MOST:
        batch = min(size, VERIFY_AT_MOST - checked)
        # Where the counter says this batch ends the pair's rows, one row more is asked for: a
        # short read proves the end (counters may lag other processes' writes; rows never do).
        peek = int(checked + batch >= counts[rarest])
        joined = found.joined(batch + peek)
        rows = search_index.ranked(db, rarest, district=district, trade=trade, skip=checked,
                                   limit=batch + peek, joined=joined)
        exhausted, rows = len(rows) < batch + peek, rows[:batch]
        if not rows:
            break
        found.check(rows, joined)
        checked, matched, last = checked + len(rows), matched + found.matching(rows), rows[-1]["pos"]
        size = _next_batch(size, checked, matched, wanted)
        if settled := found.settled(wanted, _bound(text, offset, rows[-1])):
            break
    if not settled and not exhausted and last < offset:
        joined = found.joined(wanted)
        found.check(search_index.ranked(db, rarest, district=district, trade=trade, pos=offset,
                                        limit=wanted, joined=joined), joined)
    page = found.page(skip, limit)
    if checked and not exhausted:  # not every candidate was checked: scale what was seen
        scaled = matched * max(counts[rarest], checked) / checked
        return Found(max(found.total(), round(scaled)), page, True)
    total = found.total(exact=True)
    return Found(total, page, estimated=bool(found.unsure))


Rank = tuple[int, int, int, str]


def _first_batch(estimate: float, wanted: int, every: int | None = None) -> int:
    """Candidates read first: FIRST_BATCH, or fewer where the page is expected after fewer rows
    (half again as many as expected, at least twice the page); `every` row of the pair at once
    when fewer businesses are expected to match than the page wants (so each row will be read)
    and they are few enough for one check."""
    if every is not None and every * 2 <= ONE_READ_ROWS:
        return every
    return max(2 * wanted, min(FIRST_BATCH, math.ceil(1.5 * estimate)))


def _next_batch(previous: int, checked: int, matched: int, wanted: int) -> int:
    """The next batch of candidates: four times the one before; while fewer than the page have
    matched, half again as many as the rest need at the share that matched so far, if that is
    fewer (at least twice the batch before)."""
    if not 0 < matched < wanted:
        return 4 * previous
    needed = math.ceil(1.5 * (wanted - matched) * checked / matched)
    return min(4 * previous, max(2 * previous, needed))


def _rows_to_read(counts: dict[str, int], in_names: dict[str, int] | None, gram: str,
                  wanted: int, expected: float) -> float:
    """About how many of a pair's rows are read before the page is settled: its name rows come
    first (all of them, at worst), then its address rows until `wanted` matches are found, one in
    `counts / expected` of them. Without name counters: all its rows."""
    if in_names is None:
        return counts[gram]
    in_addresses = (counts[gram] - in_names[gram]) * wanted / max(expected, 1.0)
    return in_names[gram] + min(in_addresses, VERIFY_AT_MOST)


def _expected_matches(text: str, grams: list[str], totals: dict[str, int]) -> float:
    """About how many businesses hold the whole text, by chaining its grams in text order: the
    holders of the first, times, for each next gram, the share of the holders of its overlap with
    the one before that hold it too (the overlap's counter: pairs inside triples with a digit are
    counted in the same read). Where no overlap is counted, every holder is taken to hold the next
    gram. At most the rarest gram's count."""
    placed = sorted((text.find(gram), gram) for gram in grams)
    expected = float(totals[placed[0][1]])
    for (start, gram), (after, following) in zip(placed, placed[1:], strict=False):
        overlap = text[after:start + len(gram)]
        if len(overlap) >= 2 and totals.get(overlap):
            expected *= totals[following] / totals[overlap]
    return min(expected, *(totals[gram] for gram in grams))


class _Matches:
    """Candidates checked so far: matches with their rank, candidates that hold every pair but must
    be read to tell (with the best rank they could have), and the businesses read."""

    def __init__(self, db: Database, text: str, grams: list[str], order: list[str]):
        self.db, self.text, self.grams, self.order = db, text, grams, order
        self.ranks: dict[str, Rank] = {}
        self.unsure: dict[str, Rank] = {}
        self.read: dict[str, dict[str, Any]] = {}
        self.seen: set[str] = set()

    def check(self, rows: list[dict[str, Any]], joined: list[str]) -> None:
        """Checks the candidates of `rows` not seen before: whether they hold every other pair,
        and where (`joined`: the pairs read with the rows, whose places they hold already)."""
        fresh = {row["code"]: row for row in rows if row["code"] not in self.seen}
        self.seen |= set(fresh)
        where = {code: {self.order[0]: row["pos"]} | row.get("held", {})
                 for code, row in fresh.items()}
        where = {code: places for code, places in where.items() if set(joined) <= places.keys()}
        others = [gram for gram in self.order[1:] if gram not in joined]
        # Few candidates: every pair in one read; many: the next rarest narrows them first.
        steps = [others] if len(where) * len(others) <= ONE_READ_ROWS else [others[:1], others[1:]]
        for grams in steps:
            held = search_index.positions(self.db, grams, list(where)) if where and grams else {}
            where = {code: places | held[code] for code, places in where.items()
                     if code in held} if grams else where
        for code, places in where.items():
            key = _placed(self.text, self.grams, places, fresh[code]["len"], code)
            if key is None:
                self.unsure[code] = _lowest(self.text, places, fresh[code])
            else:
                self.ranks[code] = key

    def joined(self, rows: int) -> list[str]:
        """The pairs read with a batch of `rows` candidates: every other pair where that is few
        index rows, else the next rarest alone."""
        others = self.order[1:]
        return others if rows * len(others) <= ONE_READ_ROWS else others[:1]

    def matching(self, rows: list[dict[str, Any]]) -> int:
        """How many of `rows` match or may match (hold every pair)."""
        return sum(row["code"] in self.ranks or row["code"] in self.unsure for row in rows)

    def settled(self, wanted: int, bound: Rank | None = None) -> bool:
        """Whether the first `wanted` matches up to `bound` (the best rank an unread candidate can
        have) are known; reads the unsure candidates among them until they are."""
        while True:
            head = sorted([(key, code in self.unsure, code) for code, key
                           in (self.ranks | self.unsure).items()
                           if bound is None or key <= bound])[:wanted]
            pending = [code for _, unsure, code in head if unsure]
            if not pending:
                return len(head) >= wanted
            # As many unsure ones past the head are read with them: some read may not match.
            ahead = sorted((key, code) for code, key in self.unsure.items()
                           if code not in pending and (bound is None or key <= bound))
            self._resolve(pending + [code for _, code in ahead[:len(pending)]])

    def _resolve(self, codes: list[str]) -> None:
        if not codes:
            return
        read = repository.get_many(self.db, codes)
        self.read |= read
        for code in codes:
            self.unsure.pop(code, None)
        self.ranks |= {code: rank(business, self.text) for code, business in read.items()
                       if _contains(business, self.text)}

    def total(self, exact: bool = False) -> int:
        """Matches found; the unsure are read first when an exact count is asked for and they are
        few, else counted as matches (they hold every pair)."""
        if exact and len(self.unsure) <= RESOLVE_FOR_TOTAL:
            self._resolve(list(self.unsure))
        return len(self.ranks) + len(self.unsure)

    def page(self, skip: int, limit: int) -> list[dict[str, Any]]:
        self.settled(skip + limit)
        codes = sorted(self.ranks, key=self.ranks.__getitem__)[skip:skip + limit]
        missing = [code for code in codes if code not in self.read]
        self.read |= repository.get_many(self.db, missing) if missing else {}
        return [self.read[code] for code in codes if code in self.read]


def _lowest(text: str, places: dict[str, int], row: dict[str, Any]) -> Rank:
    """The best rank a business that holds every pair can have if it holds the text: the text
    starts no earlier than each pair's first place allows; a pair found only in the address
    (positions from ADDRESS_POSITION) means the text can only be there."""
    length, code = row["len"], row["code"]
    address = [pos - ADDRESS_POSITION - text.find(gram) for gram, pos in places.items()
               if pos >= ADDRESS_POSITION]
    if address:
        return 3, max(0, *address), length, code
    start = max(0, *(pos - text.find(gram) for gram, pos in places.items()))
    tier = (0 if length == len(text) else 1) if start == 0 else 2
    return tier, start, length, code


def _bound(text: str, offset: int, row: dict[str, Any]) -> Rank:
    """The best rank any candidate after `row` can have: candidates come ordered by where the
    rarest pair (at `offset` in the text) first sits, then by name length and code."""
    start = row["pos"] - offset
    if row["pos"] >= ADDRESS_POSITION:
        start -= ADDRESS_POSITION
        return (3, start, row["len"], row["code"]) if start >= 0 else (3, 0, 0, "")
    if start < 0:
        return 0, 0, 0, ""
    tier = (0 if row["len"] == len(text) else 1) if start == 0 else 2
    return tier, start, row["len"], row["code"]


def _placed(text: str, grams: list[str], where: dict[str, int], length: int,
            code: str) -> Rank | None:
    """The business's rank when its pairs sit side by side, spelling the text at one place in its
    name or address (each pair's stored position is its first); None when that cannot be told from
    positions alone (a pair twice in the text, a long name or address: positions past the cap)."""
    starts = {where[gram] - text.find(gram) for gram in grams}
    if len(starts) != 1 or len(set(grams)) != len(grams) or length >= ADDRESS_POSITION - 1 \
            or max(where.values()) >= ADDRESS_POSITION + 99:
        return None
    start = starts.pop()
    if start >= ADDRESS_POSITION:
        return 3, start - ADDRESS_POSITION, length, code
    if start < 0 or max(where.values()) >= ADDRESS_POSITION:
        return None
    tier = (0 if length == len(text) else 1) if start == 0 else 2
    return tier, start, length, code


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
