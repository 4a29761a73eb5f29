"""Reads each kind of record business by business, and moves a withdrawn copy into
`withdrawn_duplicates`, the only collection this feature owns."""

from collections.abc import Iterator
from typing import Any

from pymongo import ASCENDING
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from backend import clock
from backend.evaluations import repository as evaluations
from backend.objections import repository as objections

Row = dict[str, Any]


def by_business(db: Database, collection: str, *, batch_size: int = 1000) -> Iterator[list[Row]]:
    """One business's rows at a time, so memory holds one business however large the database."""
    rows: list[Row] = []
    cursor = db[collection].find({}).sort([("business_code", ASCENDING)]).batch_size(batch_size)
    for row in cursor:
        if rows and row["business_code"] != rows[0]["business_code"]:
            yield rows
            rows = []
        rows.append(row)
    if rows:
        yield rows


def referenced(db: Database, collection: str, row: Row) -> bool:
    """Whether an evaluation or an objection names this record (an inspection by its id, a
    penalty by its decision number): withdrawing it would leave them pointing at nothing."""
    if collection == "inspections":
        record_id = str(row["_id"])
        return (evaluations.total(db, {"inspection_id": record_id}) > 0
                or objections.total(db, {"record_id": record_id}) > 0)
    if collection == "penalties":
        return objections.total(db, {"record_id": row["decision_number"]}) > 0
    return False


def withdraw(db: Database, collection: str, row: Row, *, kept: Row) -> None:
    """Kept whole beside the id of the copy that stays, then taken out of the live collection.
    A run cut short between the two steps finishes on the next run."""
    try:
        db.withdrawn_duplicates.insert_one({
            "_id": f"{collection}:{row['_id']}", "collection": collection, "record": row,
            "kept_id": str(kept["_id"]), "withdrawn_at": clock.now()})
    except DuplicateKeyError:
        pass  # archived by an earlier run that stopped before the delete
    db[collection].delete_one({"_id": row["_id"]})

