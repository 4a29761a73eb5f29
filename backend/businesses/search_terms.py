"""Searches of several words (天河 面馆, "district + dish"): a business matches when its name or
address holds every word, in any order. One word goes to `search.find` as before. For more, the
rarest gram of the words drives: its index rows are the candidates, the words' other grams narrow
them in the index, and only those left are read and checked whole. A one-character word drives
only where every word is one character (the index holds single characters for names alone)."""

from typing import Any

from pymongo.database import Database

from backend.businesses import gram_counts, repository, search, search_index
from backend.businesses.search import Found
from backend.businesses.search_index import normalize

# Candidates (index rows of the driving gram) checked at most; past it the total is estimated
# from the share that matched.
CANDIDATES_AT_MOST = 1000


def words_of(text: str) -> list[str]:
    """A search's words as they are compared, without repeats or words another word holds."""
    words = list(dict.fromkeys(word for word in map(normalize, text.split()) if word))
    return [word for word in words if not any(word != other and word in other for other in words)]


def find_text(db: Database, *, text: str, district: str, trade: str, skip: int,
              limit: int) -> Found:
    """The matches of a non-empty text, one word or several: their total and one page."""
    words = words_of(text)
    if len(words) <= 1 or search.looks_like_code(text):  # a code split by spaces is one code
        one = words[0] if len(words) == 1 else text
        return search.find(db, text=one, district=district, trade=trade, skip=skip, limit=limit)
    return find_all(db, words=words, district=district, trade=trade, skip=skip, limit=limit)


def find_all(db: Database, *, words: list[str], district: str, trade: str, skip: int,
             limit: int) -> Found:
    """Businesses holding every one of `words` (normalized), ranked: all in the name first."""
    longer = [word for word in words if len(word) > 1]
    every = {gram for word in longer
             for gram in (*search_index.query_grams(word), *search_index.query_grams(word, triples=False))}
    census = gram_counts.census(db, sorted(every or words), district=district, trade=trade,
                                cached=True)
    grams = sorted({gram for word in longer
                    for gram in search_index.query_grams(word, triples=census.triples)})
    if not grams:  # one-character words only: names holding the rarest, read and checked whole
        grams = [min(words, key=lambda word: (census.totals[word], word))]
    if min(census.totals[gram] for gram in grams) == 0:
        return Found(0, [])
    driver = min(grams, key=lambda gram: (census.totals[gram], gram))
    rows = search_index.ranked(db, driver, district=district, trade=trade, limit=CANDIDATES_AT_MOST + 1)
    exhausted, codes = len(rows) <= CANDIDATES_AT_MOST, [row["code"] for row in rows[:CANDIDATES_AT_MOST]]
    others = [gram for gram in grams if gram != driver]
    if others and codes:
        held = search_index.positions(db, others, codes)
        codes = [code for code in codes if code in held]
    read = repository.get_many(db, codes) if codes else {}
    matches = sorted((business for code in codes if (business := read.get(code))
                      and _holds_all(business, words)), key=lambda business: _rank(business, words))
    if exhausted:
        return Found(len(matches), matches[skip:skip + limit])
    scaled = len(matches) * max(census.totals[driver], CANDIDATES_AT_MOST) / CANDIDATES_AT_MOST
    return Found(max(len(matches), round(scaled)), matches[skip:skip + limit], True)


def _holds_all(business: dict[str, Any], words: list[str]) -> bool:
    name, address = normalize(business["name"]), normalize(business.get("address", ""))
    return all(word in name or word in address for word in words)


def _rank(business: dict[str, Any], words: list[str]) -> tuple[int, int, int, str]:
    """Fewest words outside the name first, then where the name holds the first of them, the
    shorter name, the code."""
    name = normalize(business["name"])
    places = [name.find(word) for word in words if word in name]
    return len(words) - len(places), min(places, default=0), len(name), business["code"]
