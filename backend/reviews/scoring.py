"""Scores reviews with the shipped model and keeps every prediction; the worker job and backfill."""

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Any, Protocol

from pymongo.database import Database

from backend import clock, leases
from backend.config import get_settings
from backend.profiles import service as profiles
from backend.reviews import profile as reviews_profile
from backend.reviews import regrade, repository


class Scorer(Protocol):
    name: str
    version: str

    def score(self, texts: list[str]) -> list[dict[str, Any]]: ...


_scorer: Scorer | None = None


def scorer() -> Scorer:
    """The shipped review model (analytics.reviews), loaded and hash-checked once per process."""
    global _scorer
    if _scorer is None:
        from analytics.reviews import load  # torch is imported only by processes that score

        _scorer = load()
    return _scorer


def use(model: Scorer | None) -> None:
    """Puts another scorer in place (a model under evaluation, or a test's); None: the shipped one."""
    global _scorer
    _scorer = model


def prediction(review: dict[str, Any], result: dict[str, Any], at: datetime) -> dict[str, Any] | None:
    """One model output as stored: model, version, confidence and time; None for an error line."""
    if "error" in result:
        return None
    score = float(result["score"])
    return {"model": result["model"], "version": result["version"], "label": result["label"],
            "score": score, "confidence": round(abs(2 * score - 1), 4),
            "stars": int(result["stars"]), "aspects": result.get("aspects", {}), "at": at}


def score_batch(db: Database, reviews: list[dict[str, Any]], *, model: Scorer,
                holder: str | None = None) -> set[str]:
    """Scores and stores `reviews`; returns the businesses whose grade changed."""
    return store(db, reviews, model.score([review["text"] for review in reviews]) if reviews else [],
                 holder=holder)


def store(db: Database, reviews: list[dict[str, Any]], results: list[dict[str, Any]], *,
          holder: str | None = None) -> set[str]:
    """Stores the model's `results` for `reviews`: a new prediction each beside the older ones,
    and each review's current one (also set on `reviews` themselves, for a regrade that follows)."""
    if not reviews:
        return set()
    at = clock.now()
    history, current = [], []
    for review, result in zip(reviews, results, strict=True):
        stored = prediction(review, result, at)
        review["prediction"] = stored
        current.append((review["_id"], stored))
        if stored is not None:
            history.append(stored | {"review_id": str(review["_id"]),
                                     "business_code": review["business_code"]})
    repository.save_predictions(db, history)
    repository.mark_scored(db, current, holder=holder)
    return {review["business_code"] for review in reviews}


def score_pending(db: Database, *, holder: str = leases.HOLDER, now: datetime | None = None,
                  limit: int | None = None) -> int:
    """The worker's job: claim a batch of new reviews (leased, so no other worker scores them),
    score it, store it, then rebuild the touched profiles. A worker killed mid-batch leaves its
    leases to lapse; the reviews are still pending, and the next claim after `lease_ttl_s` takes
    them over. Returns how many reviews were scored."""
    settings = get_settings()
    claimed = repository.claim_pending(db, limit=limit or settings.review_batch,
                                       ttl_s=settings.lease_ttl_s, holder=holder, now=now)
    for code in sorted(score_batch(db, claimed, model=scorer(), holder=holder)):
        profiles.rebuild(db, code=code)
    return len(claimed)


def backfill_run(model: Scorer) -> str:
    """The run a backfill with `model` belongs to: processes backfilling with it share its parts."""
    return f"reviews.backfill:{model.name}:{model.version}"


def backfill(db: Database, *, batch: int = 2048, holder: str = leases.HOLDER, again: bool = False,
             progress: Callable[[int], object] = lambda n: None) -> int:
    """Rescores every review with the current model, a chunk of businesses at a time: a new
    version's predictions are added beside the old ones (history kept), then the chunk's
    businesses are regraded from the reviews just read. The next chunk is read and scored in a
    second thread while this one is written (the database works while the model does).

    Chunks are leased parts of one run per model version (`backend.leases.run_in_parts`): any
    number of processes on any machines backfilling with the same model share the work, and a
    backfill stopped half way resumes where it stopped. `again` forgets a finished run of this
    version and rescores everything once more. Returns how many reviews this process rescored."""
    model, now, ttl_s = scorer(), clock.now(), get_settings().lease_ttl_s
    run_id, since = backfill_run(model), reviews_profile.since(now)
    if again:
        leases.forget(db, run_id=run_id)
    while not leases.plan(db, run_id=run_id, holder=holder, ttl_s=ttl_s,
                          split=lambda: regrade.every_business(db)):
        time.sleep(1.0)  # another process is planning the run (or died doing it: its lease lapses)
    done = 0
    while True:
        done += _backfill_parts(db, run_id, model, batch=batch, since=since, now=now, holder=holder,
                                ttl_s=ttl_s, progress=progress)
        if leases.finish(db, run_id=run_id, holder=holder):
            return done
        time.sleep(1.0)  # parts still held by other processes, or by a dead one until its lease lapses


def _backfill_parts(db: Database, run_id: str, model: Scorer, *, batch: int, since: datetime,
                    now: datetime, holder: str, ttl_s: float, progress: Callable[[int], object]) -> int:
    """Rescores and regrades the parts of the run this process can claim; how many reviews."""
    claimed, done = leases.parts(db, run_id=run_id, ttl_s=ttl_s, holder=holder), 0

    def take() -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]] | None:
        part = next(claimed, None)
        return None if part is None else (part, *_read_and_score(db, part["keys"], model, batch))

    with leases.parts_kept(db, run_id=run_id, ttl_s=ttl_s, holder=holder), \
            ThreadPoolExecutor(max_workers=1) as ahead:
        pending = ahead.submit(take)
        while (taken := pending.result()) is not None:
            pending = ahead.submit(take)
            part, rows, results = taken
            store(db, rows, results)
            regrade.with_reviews(db, part["keys"], [row for row in rows if row["created_at"] >= since], now)
            leases.part_done(db, part)
            done += len(rows)
            progress(len(rows))
    return done


def _read_and_score(db: Database, codes: list[str], model: Scorer,
                    batch: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rows = repository.for_rescoring(db, codes)
    results: list[dict[str, Any]] = []
    for start in range(0, len(rows), batch):
        results.extend(model.score([row["text"] for row in rows[start:start + batch]]))
    return rows, results


def score_seeded(reviews: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Seeding: scores reviews before they are written (in place) and returns their predictions,
    each stamped with its review's own time so a rerun writes the same documents."""
    if not reviews:
        return []
    model, history = scorer(), []
    for review, result in zip(reviews, model.score([r["text"] for r in reviews]), strict=True):
        stored = prediction(review, result, review["created_at"])
        review["prediction"], review["status"] = stored, "scored"
        if stored is not None:
            history.append(stored | {"review_id": str(review["_id"]),
                                     "business_code": review["business_code"]})
    return history
