"""Indexes: on the embedded server every compound index's leading field can be looked up alone."""

from backend import indexes


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
