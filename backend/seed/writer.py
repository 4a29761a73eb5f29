"""Writes chunks of generated businesses: bulk inserts per collection, then their profiles."""

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date
from typing import Any

from pymongo.client_session import ClientSession
from pymongo.database import Database
from pymongo.errors import OperationFailure

from backend import clock
from backend.businesses import repository as businesses
from backend.equipment import repository as equipment
from backend.equipment import summary as equipment_summary
from backend.inspections import repository as inspections
from backend.licences import repository as licences
from backend.penalties import repository as penalties
from backend.profiles import builder
from backend.profiles import repository as profiles
from backend.purchases import repository as purchases
from backend.reviews import profile as reviews_profile
from backend.reviews import repository as reviews
from backend.reviews import scoring
from backend.seed.context import BusinessRecords
from backend.staff import repository as staff

Chunk = list[BusinessRecords]
_NO_TRANSACTIONS = 20  # IllegalOperation: a standalone mongod has no transactions
# Each kind of record goes in through its own feature's repository.
_BULK_INSERTS = {"business": businesses.insert_many, "licences": licences.insert_many,
                 "staff": staff.insert_many, "inspections": inspections.insert_many,
                 "penalties": penalties.insert_many, "purchases": purchases.insert_many_purchases,
                 "rapid_tests": purchases.insert_many_rapid_tests,
                 "equipment": equipment.insert_many, "reviews": reviews.insert_many}


def profile(records: BusinessRecords, today: date) -> dict[str, Any]:
    """As profiles.service.rebuild builds it, stamped at midnight so reruns are identical."""
    on = clock.to_stored(today)
    assert on is not None
    return builder.build(
        business=records.business, licences=records.licences, staff=records.staff,
        inspections=records.inspections, penalties=records.penalties,
        purchases=records.purchases, rapid_tests=records.rapid_tests, now=on,
        reviews={"graded": records.reviews, "latest": sorted(
            records.reviews, key=lambda row: row["created_at"],
            reverse=True)[:reviews_profile.LATEST_REVIEWS]},
        equipment=equipment_summary.section(records.equipment))


class ChunkWriter:
    """Writes each chunk on one background thread while the caller generates the next, so the
    database server and the generator work at once; at most two chunks are held in memory."""

    def __init__(self, db: Database, *, today: date) -> None:
        self.db = db
        self.today = today
        self.use_transactions = True
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="seed-writer")
        self._pending: Future[int] | None = None

    def submit(self, chunk: Chunk, on_written: Callable[[int], Any] = lambda n: None) -> None:
        self._wait(on_written)
        self._pending = self._executor.submit(self.write, chunk)

    def close(self, on_written: Callable[[int], Any] = lambda n: None) -> None:
        try:
            self._wait(on_written)
        finally:
            self._executor.shutdown(wait=True)

    def _wait(self, on_written: Callable[[int], Any]) -> None:
        if self._pending is not None:
            on_written(self._pending.result())  # re-raises the writer's error here
            self._pending = None

    def write(self, chunk: Chunk) -> int:
        predictions = scoring.score_seeded([row for records in chunk for row in records.reviews])
        self._insert_records(chunk)
        reviews.save_predictions(self.db, predictions)
        profiles.save_many(self.db, [profile(records, self.today) for records in chunk])
        return len(chunk)

    def _insert_records(self, chunk: Chunk) -> None:
        """One transaction per chunk where the server has them: the embedded server then commits
        once per chunk instead of once per document, about twice as fast."""
        if self.use_transactions:
            try:
                with self.db.client.start_session() as session, session.start_transaction():
                    self._insert(chunk, session)
                return
            except OperationFailure as exc:
                if exc.code != _NO_TRANSACTIONS:
                    raise
                self.use_transactions = False
        self._insert(chunk, None)

    def _insert(self, chunk: Chunk, session: ClientSession | None) -> None:
        for field, insert_many in _BULK_INSERTS.items():
            documents = [document for records in chunk
                         for document in _as_list(getattr(records, field))]
            insert_many(self.db, documents, session=session)


def _as_list(value: dict[str, Any] | list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [value] if isinstance(value, dict) else value
