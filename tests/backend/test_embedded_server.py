"""The embedded server's shortcuts for bulk work (backend/embedded_server.py) answer as before."""

from datetime import datetime

import pytest
from bson import ObjectId
from pymongo import InsertOne, UpdateOne
from pymongo.errors import BulkWriteError, OperationFailure

AT = datetime(2026, 3, 1, 8, 30)


def stored(collection, _id):
    return collection.find_one({"_id": _id})


def test_a_top_level_set_keeps_the_rest_of_the_document_and_its_types(db):
    oid = db.shallow.insert_one({"n": 1, "nested": {"a": [1, {"b": AT}]}, "gone": "x"}).inserted_id
    db.shallow.update_one({"_id": oid}, {"$set": {"n": 2, "when": AT, "doc": {"k": [AT]}},
                                         "$unset": {"gone": ""}})
    assert stored(db.shallow, oid) == {"_id": oid, "n": 2, "nested": {"a": [1, {"b": AT}]},
                                       "when": AT, "doc": {"k": [AT]}}
    assert db.shallow.find_one({"when": {"$gte": AT}}, {"n": 1}) == {"_id": oid, "n": 2}


def test_a_set_alone_keeps_dates_nested_values_and_counts(db):
    oid = db.shallow.insert_one({"n": 1, "since": AT, "text": "好"}).inserted_id
    later = datetime(2026, 4, 1)
    result = db.shallow.update_one({"_id": oid, "since": AT},
                                   {"$set": {"since": later, "doc": {"k": [AT, None, True]}}})
    assert (result.matched_count, result.modified_count) == (1, 1)
    assert stored(db.shallow, oid) == {"_id": oid, "n": 1, "since": later, "text": "好",
                                       "doc": {"k": [AT, None, True]}}
    assert db.shallow.find_one({"since": {"$gt": AT}}, {"n": 1}) == {"_id": oid, "n": 1}
    missed = db.shallow.update_one({"_id": oid, "since": AT}, {"$set": {"n": 9}})
    assert (missed.matched_count, missed.modified_count) == (0, 0)
    assert stored(db.shallow, oid)["n"] == 1


def test_other_updates_still_take_the_general_path(db):
    oid = db.shallow.insert_one({"n": 1, "nested": {"a": 1}, "tags": ["x"]}).inserted_id
    db.shallow.update_one({"_id": oid}, {"$set": {"nested.b": 2}, "$push": {"tags": "y"}})
    db.shallow.update_one({"_id": oid}, {"$inc": {"n": 4}})
    assert stored(db.shallow, oid) == {"_id": oid, "n": 5, "nested": {"a": 1, "b": 2},
                                       "tags": ["x", "y"]}
    db.shallow.update_one({"_id": "new"}, {"$set": {"n": 7}}, upsert=True)
    assert stored(db.shallow, "new") == {"_id": "new", "n": 7}


def test_an_update_that_changes_nothing_counts_as_matched_not_modified(db):
    oid = db.shallow.insert_one({"n": 1}).inserted_id
    result = db.shallow.update_one({"_id": oid}, {"$set": {"n": 1}})
    assert (result.matched_count, result.modified_count) == (1, 0)


def test_inserted_documents_keep_their_types(db):
    document = {"blob": b"\x00\x01", "price": 12.3, "at": AT,
                "rows": [{"id": ObjectId()}], "none": None}
    oid = db.shallow.insert_one(dict(document)).inserted_id
    found = stored(db.shallow, oid)
    assert found["blob"] == b"\x00\x01" and found["at"] == AT and found["none"] is None
    assert found["price"] == 12.3
    assert found["rows"] == document["rows"]


def test_an_inclusion_projection_picks_the_fields_asked_for(db):
    oid = db.shallow.insert_one({"a": 1, "b": {"c": [AT]}, "d": "x"}).inserted_id
    assert db.shallow.find_one({"_id": oid}, {"b": 1, "missing": 1}) == {"_id": oid, "b": {"c": [AT]}}
    assert db.shallow.find_one({"_id": oid}, {"_id": 0, "a": 1}) == {"a": 1}
    assert db.shallow.find_one({"_id": oid}, {"d": 0, "b": 0}) == {"_id": oid, "a": 1}


def test_a_bulk_write_answers_op_by_op_in_one_transaction(db):
    db.bulk.create_index("k", unique=True)
    db.bulk.insert_many([{"k": i} for i in range(5)])
    with pytest.raises(BulkWriteError) as error:
        db.bulk.insert_many([{"k": 10}, {"k": 3}, {"k": 11}], ordered=False)
    assert [e["index"] for e in error.value.details["writeErrors"]] == [1]
    with pytest.raises(BulkWriteError):
        db.bulk.insert_many([{"k": 20}, {"k": 4}, {"k": 21}])  # ordered: stops at the duplicate
    assert sorted(row["k"] for row in db.bulk.find({}, {"k": 1})) == [0, 1, 2, 3, 4, 10, 11, 20]
    result = db.bulk.bulk_write([UpdateOne({"k": i}, {"$set": {"seen": True}}) for i in range(3)]
                                + [InsertOne({"k": 30})], ordered=False)
    assert (result.matched_count, result.modified_count, result.inserted_count) == (3, 3, 1)
    assert db.bulk.count_documents({"seen": True}) == 3
    db.bulk.insert_one({"k": 31})  # the connection is out of the transaction again
    assert db.bulk.count_documents({}) == 10


def test_ids_come_back_as_bson_object_ids_in_replies_that_fit(db):
    ids = [ObjectId() for _ in range(300)]
    db.reply.insert_many([{"_id": oid, "ref": oid, "n": i, "big": "x" * 100_000}
                          for i, oid in enumerate(ids)])  # 30 MB: several replies
    found = list(db.reply.find({"ref": {"$in": ids[:250]}}, {"ref": 1, "n": 1}).sort("n", 1))
    assert [row["ref"] for row in found] == ids[:250] and all(row["_id"] == row["ref"] for row in found)
    assert len(list(db.reply.find({}, {"big": 1}))) == 300
    assert db.reply.find_one({"_id": ids[7]}, {"n": 1}) == {"_id": ids[7], "n": 7}


def test_distinct_gives_strings_that_look_like_numbers_as_strings(db):
    """An all-digit credit code or the search gram "1" must come back as stored, not as a number;
    array elements count one by one, objects stay objects, a filter applies."""
    db.distinct_values.insert_many([
        {"g": "1"}, {"g": 1}, {"g": "914401011234567890"}, {"g": "true"}, {"g": None}, {"h": 2},
        {"g": ["1", 3, {"a": 1}]}, {"g": {"a": 1}}, {"g": AT}])
    values = db.distinct_values.distinct("g")
    assert sorted(map(repr, values)) == sorted(map(repr, [
        "1", 1, "914401011234567890", "true", None, 3, {"a": 1}, AT]))
    assert sorted(db.distinct_values.distinct("g", {"g": {"$type": "string"}})) == [
        "1", "914401011234567890", "true"]


def test_a_joined_read_by_a_field_holding_null_or_an_array_is_refused_with_a_reason(db):
    """MongoDB joins nulls and array elements; the embedded server's joined read cannot, and says so
    instead of answering without the $lookup's own pipeline."""
    db.joined_by_arrays.insert_many([{"kind": "a", "code": "c00", "rank": 0},
                                     {"kind": "a", "code": ["c01", "c02"], "rank": 1}])
    with pytest.raises(OperationFailure, match="MONGODB_URI"):
        list(db.joined_by_arrays.aggregate(_joined_pipeline(0, 5)))


def _joined_pipeline(skip: int, limit: int) -> list:
    return [{"$match": {"kind": "a"}}, {"$sort": {"rank": 1, "code": 1}}, {"$skip": skip},
            {"$limit": limit},
            {"$lookup": {"from": "joined_b", "localField": "code", "foreignField": "code",
                         "pipeline": [{"$match": {"tag": {"$in": ["x", "z"]}}},
                                      {"$project": {"_id": 0, "tag": 1, "at": 1}}],
                         "as": "held"}},
            {"$project": {"_id": 0, "code": 1, "rank": 1, "held": 1}}]


def test_a_bounded_read_joined_by_one_field_answers_as_mongodb(db):
    """`$match, $sort, $skip, $limit, $lookup, $project` (a search's candidates with their other
    grams) in one command, the `$lookup`'s own pipeline applied (neosqlite's general pipeline
    ignores it when localField/foreignField are given)."""
    a = [{"kind": "a" if n % 4 else "b", "code": f"c{n:02d}", "rank": n % 5} for n in range(30)]
    db.joined_a.insert_many([dict(row) for row in a])
    db.joined_b.insert_many([{"code": f"c{n:02d}", "tag": tag, "at": n}
                             for n in range(0, 30, 2) for tag in "xyz"])
    ranked = sorted((row for row in a if row["kind"] == "a"),
                    key=lambda row: (row["rank"], row["code"]))
    for skip, limit in [(0, 5), (3, 10), (20, 50), (40, 5)]:
        expected = [{"code": row["code"], "rank": row["rank"],
                     "held": [{"tag": tag, "at": int(row["code"][1:])} for tag in "xz"]
                     if int(row["code"][1:]) % 2 == 0 else []}
                    for row in ranked[skip:skip + limit]]
        assert list(db.joined_a.aggregate(_joined_pipeline(skip, limit))) == expected


@pytest.mark.parametrize("query", [
    {"e": None},
    {"$and": [{"e": None}, {"s": 1}]},
    {"$or": [{"e": None}, {"s": 5}]},
    {"$and": [{"s": 1}, {"$or": [{"e": None}, {"e": {"$lt": AT}}]}]},
])
def test_an_equality_with_null_finds_null_and_missing_fields_inside_and_or_too(db, query):
    """As MongoDB: `{f: None}` matches a null `f` and a missing one. Matched in Python (inside
    `$and` / `$or`), neosqlite found the missing ones only."""
    db.nulls.drop()
    db.nulls.insert_many([{"k": 1, "e": None, "s": 1}, {"k": 2, "s": 1}, {"k": 3, "e": AT, "s": 1}])
    assert sorted(row["k"] for row in db.nulls.find(query)) == [1, 2]
    assert db.nulls.count_documents(query) == 2


def test_a_projected_find_reads_only_its_fields_and_keeps_missing_null_and_types_apart(db):
    rows = [{"_id": "a", "n": 1, "flag": True, "at": AT, "none": None, "doc": {"k": [AT, "x"]},
             "big": "x" * 5000, "rank": 2},
            {"_id": "b", "n": 2, "flag": False, "rank": 1, "text": 'quote " and \\ 好'}]
    db.pushed.insert_many(rows)
    found = list(db.pushed.find({"n": {"$gte": 1}}, {"flag": 1, "at": 1, "none": 1, "doc": 1,
                                                       "text": 1}).sort("rank", 1))
    assert found == [{"_id": "b", "flag": False, "text": 'quote " and \\ 好'},
                     {"_id": "a", "flag": True, "at": AT, "none": None, "doc": {"k": [AT, "x"]}}]
    assert list(db.pushed.find({"doc.k": "x"}, {"n": 1, "_id": 0})) == [{"n": 1}]
    assert list(db.pushed.find({"$or": [{"none": None}, {"rank": 9}]}, {"rank": 1})) == [
        {"_id": "a", "rank": 2}, {"_id": "b", "rank": 1}]  # null and missing both match null
    assert list(db.pushed.find({"at": {"$gte": AT}}, {"n": 1})) == [{"_id": "a", "n": 1}]


def test_an_update_reads_and_writes_only_the_fields_it_sets(db):
    oid = db.pushed.insert_one({"n": 1, "since": AT, "keep": {"a": [AT, None]}, "gone": 1,
                                "same": "s"}).inserted_id
    result = db.pushed.update_one({"_id": oid, "since": AT}, {"$set": {"n": 2, "same": "s"},
                                                              "$unset": {"gone": ""}})
    assert (result.matched_count, result.modified_count) == (1, 1)
    assert stored(db.pushed, oid) == {"_id": oid, "n": 2, "since": AT, "keep": {"a": [AT, None]},
                                      "same": "s"}
    ids = [ObjectId(), ObjectId()]
    db.pushed.update_one({"_id": oid}, {"$set": {"a": ids[0], "b": True, "c": ids, "d": 1, "e": None}})
    assert stored(db.pushed, oid) == {"_id": oid, "n": 2, "since": AT, "keep": {"a": [AT, None]},
                                      "same": "s", "a": ids[0], "b": True, "c": ids, "d": 1, "e": None}
    unchanged = db.pushed.update_one({"_id": oid}, {"$set": {"same": "s"}, "$unset": {"gone": ""}})
    assert (unchanged.matched_count, unchanged.modified_count) == (1, 0)
    db.pushed.insert_many([{"group": 1, "n": 5, "keep": AT}, {"group": 1, "n": 6, "keep": AT}])
    many = db.pushed.update_many({"group": 1}, {"$set": {"n": 0}})
    assert (many.matched_count, many.modified_count) == (2, 2)
    assert list(db.pushed.find({"group": 1}, {"_id": 0})) == [{"group": 1, "n": 0, "keep": AT}] * 2


def test_a_nan_set_survives_a_later_update_of_other_fields(db):
    oid = db.pushed.insert_one({"n": 1}).inserted_id
    db.pushed.update_one({"_id": oid}, {"$set": {"ratio": float("nan")}})
    db.pushed.update_one({"_id": oid}, {"$set": {"n": 2}})
    after = stored(db.pushed, oid)
    assert after["ratio"] != after["ratio"] and after["n"] == 2  # NaN, not null


def test_a_dotted_projection_nests_as_mongodb_does(db):
    db.dotted.insert_many([
        {"_id": 1, "p": {"score": 0.5, "label": "x", "at": AT}, "q": 1},
        {"_id": 2, "q": 2}, {"_id": 3, "p": None}, {"_id": 4, "p": {"label": "y"}},
        {"_id": 5, "p": [{"score": 1}, {"score": 2, "z": 1}, 5, {"z": 3}]}])
    assert list(db.dotted.find({}, {"p.score": 1, "p.at": 1})) == [
        {"_id": 1, "p": {"score": 0.5, "at": AT}}, {"_id": 2}, {"_id": 3}, {"_id": 4, "p": {}},
        {"_id": 5, "p": [{"score": 1}, {"score": 2}, {}]}]
    assert list(db.dotted.find({"q": {"$gte": 1}}, {"p.label": 1, "_id": 0}).sort("q", -1)) == [
        {}, {"p": {"label": "x"}}]


def test_a_set_to_a_value_of_another_type_is_a_change(db):
    oid = db.pushed.insert_one({"n": 1, "doc": {"a": 1, "b": 2}}).inserted_id
    for value in (True, 1.0, 1):
        result = db.pushed.update_one({"_id": oid}, {"$set": {"n": value}})
        assert result.modified_count == 1 and type(stored(db.pushed, oid)["n"]) is type(value)
    assert db.pushed.update_one({"_id": oid}, {"$set": {"n": 1}}).modified_count == 0
    assert db.pushed.update_one({"_id": oid}, {"$set": {"doc": {"b": 2, "a": 1}}}).modified_count == 1
    assert list(stored(db.pushed, oid)["doc"]) == ["b", "a"]
