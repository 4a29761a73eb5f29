"""The only code that touches the `reviews` and `review_predictions` collections."""

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from bson import ObjectId
from bson.errors import InvalidId
from pymongo import ASCENDING, DESCENDING, UpdateOne
from pymongo.client_session import ClientSession
from pymongo.database import Database
from pymongo.errors import BulkWriteError

from backend import leases
from backend.reviews.schemas import ReviewStatus

NEWEST = [("created_at", DESCENDING), ("_id", DESCENDING)]
# What the grade rule reads of each review: never the text itself, only its key.
# What the grade rule reads of a review: of its prediction, the score alone.
GRADING_FIELDS = {"created_at": 1, "text_key": 1, "client": 1, "staff_id": 1, "prediction.score": 1}


def create_indexes(db: Database) -> None:
    db.reviews.create_index([("business_code", ASCENDING), ("created_at", DESCENDING)])
    db.reviews.create_index([("business_code", ASCENDING), ("client", ASCENDING),
                             ("visit_day", ASCENDING)])
    db.reviews.create_index([("status", ASCENDING)])
    db.reviews.create_index([("district", ASCENDING), ("status", ASCENDING),
                             ("created_at", DESCENDING)])  # newest_unhappy
    db.reviews.create_index([("business_code", ASCENDING), ("text_key", ASCENDING)])
    # One stored prediction per review and model version, however many workers race to score it.
    db.review_predictions.create_index([("review_id", ASCENDING), ("model", ASCENDING),
                                        ("version", ASCENDING)], unique=True)


def fill_districts(db: Database) -> None:
    """Reviews stored before each carried its business's district get it (a business never
    leaves its district, so the copy stays true); nothing to do once all have one."""
    while codes := sorted({row["business_code"] for row in db.reviews.find(
            {"district": None}, {"business_code": 1}).limit(5000)}):
        districts = dict.fromkeys(codes, "")
        districts.update((row["code"], row["district"]) for row in db.businesses.find(
            {"code": {"$in": codes}}, {"code": 1, "district": 1}))
        db.reviews.bulk_write([UpdateOne({"business_code": code, "district": None},
                                         {"$set": {"district": district}})
                               for code, district in districts.items()], ordered=False)


def object_id(review_id: str) -> ObjectId | None:
    try:
        return ObjectId(review_id)
    except (InvalidId, TypeError):
        return None


def insert(db: Database, document: dict[str, Any]) -> ObjectId:
    return db.reviews.insert_one(document).inserted_id


def insert_many(db: Database, documents: list[dict[str, Any]], *,
                session: ClientSession | None = None) -> None:
    if documents:
        db.reviews.insert_many(documents, ordered=False, session=session)


def get(db: Database, oid: ObjectId) -> dict[str, Any] | None:
    return db.reviews.find_one({"_id": oid})


def visited_on(db: Database, *, code: str, client: str, day: str) -> bool:
    return db.reviews.find_one({"business_code": code, "client": client, "visit_day": day},
                               {"_id": 1}) is not None


def has_text(db: Database, code: str, key: str) -> bool:
    return db.reviews.find_one({"business_code": code, "text_key": key}, {"_id": 1}) is not None


def set_task(db: Database, oid: ObjectId, task_id: str) -> None:
    db.reviews.update_one({"_id": oid}, {"$set": {"task_id": task_id}})


def total(db: Database, query: dict[str, Any]) -> int:
    return db.reviews.count_documents(query)


def page(db: Database, query: dict[str, Any], *, skip: int, limit: int) -> list[dict[str, Any]]:
    return list(db.reviews.find(query).sort(NEWEST).skip(skip).limit(limit))


def newest_unhappy(db: Database, *, districts: list[str] | None,
                   limit: int) -> Iterator[dict[str, Any]]:
    """Scored reviews whose writer was unhappy (the model says so, or they gave 1 or 2 stars) and
    that nobody has escalated, about businesses in `districts` (None: all), newest first, at most
    `limit`."""
    unhappy = {"$or": [{"prediction.label": "negative"}, {"stars": {"$lte": 2}}]}
    where: dict[str, Any] = {"status": ReviewStatus.SCORED.value, "escalated_at": None}
    if districts is not None:
        where["district"] = {"$in": districts}
    return db.reviews.find({"$and": [where, unhappy]}).sort(NEWEST).limit(limit).batch_size(200)


def latest(db: Database, code: str, limit: int) -> list[dict[str, Any]]:
    return page(db, {"business_code": code}, skip=0, limit=limit)


def for_grading(db: Database, code: str, since: datetime) -> list[dict[str, Any]]:
    return list(db.reviews.find({"business_code": code, "created_at": {"$gte": since}},
                                GRADING_FIELDS))


def add_reply(db: Database, oid: ObjectId, reply: dict[str, Any], *, once_for: str | None) -> bool:
    """Appends a reply; with `once_for`, only while no reply of that role exists (atomic)."""
    query: dict[str, Any] = {"_id": oid}
    update: dict[str, Any] = {"$push": {"replies": reply}}
    if once_for:
        query[f"replied_{once_for}"] = False  # stored False at insert: the embedded server's $ne
        # does not match a missing field
        update["$set"] = {f"replied_{once_for}": True}
    return db.reviews.update_one(query, update).modified_count == 1


def mark_escalated(db: Database, oid: ObjectId, fields: dict[str, Any]) -> bool:
    return db.reviews.update_one({"_id": oid, "escalated_at": None},
                                 {"$set": fields}).modified_count == 1


def claim_pending(db: Database, *, limit: int, ttl_s: float, holder: str = leases.HOLDER,
                  now: datetime | None = None) -> list[dict[str, Any]]:
    """Up to `limit` unscored reviews, each leased to `holder` so no other worker takes it."""
    claimed: list[dict[str, Any]] = []
    while len(claimed) < limit:
        review = leases.claim_next(db.reviews, query={"status": ReviewStatus.PENDING.value},
                                   holder=holder, ttl_s=ttl_s, now=now)
        if review is None:
            break
        claimed.append(review)
    return claimed


def save_predictions(db: Database, predictions: list[dict[str, Any]]) -> None:
    """Keeps every version's prediction (history); one already stored for a review and version,
    by a worker that died before marking the review scored, is kept rather than doubled."""
    if not predictions:
        return
    try:
        db.review_predictions.insert_many(predictions, ordered=False)
    except BulkWriteError as exc:
        if any(error.get("code") != 11000 for error in exc.details.get("writeErrors", [])):
            raise


def mark_scored(db: Database, updates: list[tuple[ObjectId, dict[str, Any] | None]],
                holder: str | None = None) -> None:
    """Stores each review's current prediction and frees its lease; with `holder`, only while the
    lease is still ours (a worker whose lease lapsed must not overwrite the one that took over)."""
    if not updates:
        return
    operations = []
    for oid, prediction in updates:
        query: dict[str, Any] = {"_id": oid}
        if holder is not None:
            query["lease_holder"] = holder
        operations.append(UpdateOne(query, {"$set": {
            "prediction": prediction, "status": ReviewStatus.SCORED.value,
            "lease_holder": None, "lease_until": None}}))
    db.reviews.bulk_write(operations, ordered=False)


def predictions_for(db: Database, review_id: str) -> list[dict[str, Any]]:
    return list(db.review_predictions.find({"review_id": review_id}, {"_id": 0}).sort("at", 1))


def business_codes(db: Database) -> list[str]:
    return sorted(db.reviews.distinct("business_code"))


def for_rescoring(db: Database, codes: list[str]) -> list[dict[str, Any]]:
    """Every review of these businesses, with its text and what the grade rule reads."""
    return list(db.reviews.find({"business_code": {"$in": codes}},
                                GRADING_FIELDS | {"business_code": 1, "text": 1}))


def for_business_codes(db: Database, codes: list[str], since: datetime) -> list[dict[str, Any]]:
    return list(db.reviews.find({"business_code": {"$in": codes}, "created_at": {"$gte": since}},
                                GRADING_FIELDS | {"business_code": 1}))
