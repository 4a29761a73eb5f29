"""Indexes: on the embedded server every compound index's leading field can be looked up alone."""

from backend import database, indexes


def test_the_test_server_is_the_embedded_one(db):
    assert indexes.is_embedded(db)


def test_each_compound_index_leads_with_a_field_that_has_an_index_of_its_own(db):
    for name in db.list_collection_names():
        found = db[name].index_information().values()
        single = {index["key"][0][0] for index in found if len(index["key"]) == 1}
        for index in found:
            leading = index["key"][0][0]
            if len(index["key"]) > 1 and leading not in indexes.ARRAY_FIELDS:
                assert leading in single, (name, index["key"])


def test_an_array_field_keeps_matching_its_elements(db):
    db.inspections.insert_one({"business_code": "X", "officer_ids": ["o-1", "o-2"]})
    assert db.inspections.find_one({"officer_ids": "o-2"}, {"business_code": 1})["business_code"] == "X"
    assert db.reviews.find_one({"business_code": "X"}) is None  # sargable lookup, nothing there


def test_indexed_equalities_and_in_lists_answer_like_a_filter_over_every_row(db):
    """The embedded server serves these from indexes (backend/embedded_server.py): same answers,
    and the same counts."""
    from datetime import datetime, timedelta

    start = datetime(2026, 1, 1)
    rows = [{"business_code": f"B{i % 7}", "created_at": start + timedelta(days=i), "n": i,
             "tags": [f"t{i % 3}"]} for i in range(60)]
    db.reviews.insert_many([dict(row) for row in rows])
    since = start + timedelta(days=20)
    cases = [
        ({"business_code": "B3"}, lambda r: r["business_code"] == "B3"),
        ({"business_code": {"$in": ["B1", "B4", "nobody"]}}, lambda r: r["business_code"] in ("B1", "B4")),
        ({"business_code": "B2", "created_at": {"$gte": since}},
         lambda r: r["business_code"] == "B2" and r["created_at"] >= since),
        ({"business_code": {"$in": ["B0", "B5"]}, "created_at": {"$lt": since}},
         lambda r: r["business_code"] in ("B0", "B5") and r["created_at"] < since),
        ({"tags": "t1", "created_at": {"$gte": since}},  # an array field keeps matching elements
         lambda r: "t1" in r["tags"] and r["created_at"] >= since),
    ]
    for query, wanted in cases:
        found = sorted(row["n"] for row in db.reviews.find(query, {"n": 1}))
        assert found == [row["n"] for row in rows if wanted(row)], query
        assert database.count(db.reviews, query) == len(found), query
    db.reviews.delete_many({"n": {"$gte": 0}})


def test_finds_of_indexed_fields_only_answer_like_whole_document_reads(db):
    """Such finds on the search index read the indexed expressions alone on the embedded server
    (backend/embedded_server.py INDEX_ONLY): same rows, order, paging; absent fields stay absent."""
    rows = [{"_id": f"Q{i % 5}|C{i:02}", "gram": f"Q{i % 5}", "code": f"C{i:02}", "pos": i % 3,
             "len": 10 - i % 4, "district": f"D{i % 2}", "trade": "food"} for i in range(40)]
    del rows[7]["len"]
    db.business_grams.insert_many(rows)
    order = [("pos", 1), ("len", 1), ("code", 1)]
    cases = [
        ({"gram": "Q2"}, ["code", "pos", "len"], order, 0, 0),
        ({"gram": "Q2", "district": "D0"}, ["code", "pos"], order, 1, 2),
        ({"gram": {"$in": ["Q1", "Q2"]}, "code": {"$in": ["C01", "C06", "C07", "C12", "none"]}},
         ["gram", "code", "pos"], [("code", 1)], 0, 0),
        ({"gram": "Q3", "pos": 0}, ["code", "len"], [("len", -1), ("code", 1)], 0, 3),
    ]
    for query, fields, sort, skip, limit in cases:
        projection = {"_id": 0} | dict.fromkeys(fields, 1)
        found = list(db.business_grams.find(query, projection).sort(sort).skip(skip).limit(limit))
        whole = db.business_grams.find(query, projection | {"_id": 1}).sort(sort).skip(skip)
        expected = [{k: v for k, v in row.items() if k != "_id"} for row in whole.limit(limit)]
        assert found == expected and found, query
    assert {"code": "C07", "pos": 1} in db.business_grams.find({"gram": "Q2"}, {"_id": 0, "code": 1,
                                                                               "pos": 1, "len": 1})
    db.business_grams.delete_many({"gram": {"$in": [f"Q{i}" for i in range(5)]}})


def test_a_long_read_takes_one_get_more_as_on_mongodb(db):
    """A getMore without a batch size answers with everything that fits in a reply (nx-27017 gave
    101 documents a time: a read of N documents took N/101 round trips)."""
    from pymongo import MongoClient, monitoring

    class Commands(monitoring.CommandListener):
        names: list[str] = []

        def started(self, event):
            self.names.append(event.command_name)

        def succeeded(self, event):
            pass

        def failed(self, event):
            pass

    listener = Commands()
    client = MongoClient(database.uri(), event_listeners=[listener])
    try:
        reviews = client[db.name].reviews
        reviews.insert_many([{"business_code": "MANY", "n": i} for i in range(700)])
        listener.names.clear()
        assert len(list(reviews.find({"business_code": "MANY"}))) == 700
        assert listener.names == ["find", "getMore"]
        reviews.delete_many({"business_code": "MANY"})
    finally:
        client.close()
