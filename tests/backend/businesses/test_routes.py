"""Open-data search of businesses (FHRS-style paging) and reading one business by its code."""

import pytest

from backend.businesses import credit_code
from backend.businesses.schemas import Trade
from backend.paging import write_cursor
from backend.users.schemas import Role
from tests import factories

SEARCH = "/api/v1/businesses"
CHENJI = credit_code.complete("91440104MA5CHENJ1")


@pytest.fixture(scope="module")
def directory(db):
    """A few named businesses in two districts, and 25 anonymous ones in a third for paging."""
    named = {
        "laowang": factories.business(db, name="老王烧腊", address="天河区跑马场路1号"),
        "tiantian": factories.business(db, name="天天便利店", trade=Trade.FOOD_SALES,
                                       address="天河区天河路2号"),
        "chaxian": factories.business(db, name="越秀茶餐厅", district="越秀区",
                                      address="越秀区北京路3号"),
        "chenji": factories.business(db, name="陈记肠粉", district="越秀区", code=CHENJI,
                                     address="越秀区中山五路8号 (Room 1)"),
    }
    paged = [factories.business(db, name=f"海珠小吃{n:02d}", district="海珠区") for n in range(25)]
    return named, paged


def search(api, **params):
    response = api.get(SEARCH, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def names(body) -> set[str]:
    return {item["name"] for item in body["data"]}


def test_first_page_has_items_with_codes_and_fhrs_paging_metadata(api, directory):
    body = search(api, district="海珠区", pageSize=10)
    assert len(body["data"]) == 10
    assert all(len(item["code"]) == 18 and item["trade"] == "catering" for item in body["data"])
    meta = body["meta"]
    assert {k: meta[k] for k in ("totalCount", "totalPages", "pageSize", "pageNumber")} == {
        "totalCount": 25, "totalPages": 3, "pageSize": 10, "pageNumber": 1}
    assert meta["nextCursor"]  # the keyset position of page 2


def test_pages_split_the_results_without_overlap(api, directory):
    _, paged = directory
    pages = [search(api, district="海珠区", pageSize=10, pageNumber=n) for n in (1, 2, 3)]
    codes = [item["code"] for page in pages for item in page["data"]]
    assert [len(page["data"]) for page in pages] == [10, 10, 5]
    assert sorted(codes) == sorted(paged)
    beyond = search(api, district="海珠区", pageSize=10, pageNumber=4)
    assert beyond["data"] == [] and beyond["meta"]["totalCount"] == 25


def test_default_page_size_is_twenty(api, directory):
    meta = search(api)["meta"]
    assert (meta["totalCount"], meta["totalPages"], meta["pageSize"], meta["pageNumber"]) == (
        29, 2, 20, 1)


def test_items_carry_no_contact_details(api, directory):
    item = search(api, name="老王烧腊")["data"][0]
    assert set(item) <= {"code", "name", "trade", "address", "district", "grid", "location",
                         "established_on", "grades", "distance_km"}
    assert set(item["grades"]) == {"consumer", "quantified", "risk"}


@pytest.mark.parametrize("params, expected", [
    ({"name": "老王"}, {"老王烧腊"}),  # part of a name
    ({"name": "天河路"}, {"天天便利店"}),  # part of an address
    ({"name": "跑马场"}, {"老王烧腊"}),
    ({"name": "  茶餐厅  "}, {"越秀茶餐厅"}),  # surrounding spaces ignored
    ({"name": "(Room 1)"}, {"陈记肠粉"}),  # taken literally, not as a pattern
    ({"name": "room"}, {"陈记肠粉"}),  # case-insensitive
    ({"name": ".*"}, set()),
    ({"name": "不存在的店"}, set()),
    ({"district": "越秀区"}, {"越秀茶餐厅", "陈记肠粉"}),
    ({"district": "越秀"}, set()),  # districts match whole
    ({"trade": "food_sales"}, {"天天便利店"}),
    ({"trade": "food_sales", "district": "越秀区"}, set()),
    ({"name": "天河区", "trade": "catering"}, {"老王烧腊"}),
])
def test_filters(api, directory, params, expected):
    body = search(api, **params)
    assert names(body) == expected
    assert body["meta"]["totalCount"] == len(expected)


@pytest.mark.parametrize("part", [slice(0, 18), slice(0, 12), slice(0, 8)])
def test_name_filter_matches_a_credit_code_prefix(api, directory, part):
    assert names(search(api, name=CHENJI[part])) == {"陈记肠粉"}
    assert names(search(api, name=CHENJI[part].lower())) == {"陈记肠粉"}


def test_cursor_pages_follow_on_without_overlap(api, directory):
    _, paged = directory
    seen, cursor = [], ""
    for _ in range(3):
        body = search(api, district="海珠区", pageSize=10, **({"cursor": cursor} if cursor else {}))
        seen += [item["code"] for item in body["data"]]
        cursor = body["meta"]["nextCursor"]
    assert sorted(seen) == sorted(paged) and len(seen) == 25 and cursor is None
    assert api.get(SEARCH, params={"cursor": "not-a-cursor!"}).status_code == 422
    for parts in ([], ["a"], ["a", "b"], ["a", "b", "c"], ["a", "b", "-1"]):  # not where a page ends
        response = api.get(SEARCH, params={"cursor": write_cursor(*parts)})
        assert response.status_code == 422 and "cursor is not valid" in response.json()["detail"]


def test_a_cursor_page_says_which_page_it_is_and_the_last_page_leads_nowhere(api, directory):
    first = search(api, district="海珠区", pageSize=5)  # 25 businesses: five full pages
    second = search(api, district="海珠区", pageSize=5, cursor=first["meta"]["nextCursor"])
    assert second["meta"]["pageNumber"] == 2
    assert second["data"] == search(api, district="海珠区", pageSize=5, pageNumber=2)["data"]
    last = search(api, district="海珠区", pageSize=5, pageNumber=5)
    assert len(last["data"]) == 5 and last["meta"]["nextCursor"] is None
    seen, cursor = [row["code"] for row in first["data"]], first["meta"]["nextCursor"]
    while cursor:  # the page size changed on the way: every row is still reached, once
        page = search(api, district="海珠区", pageSize=8, cursor=cursor)
        seen, cursor = seen + [row["code"] for row in page["data"]], page["meta"]["nextCursor"]
    assert len(seen) == len(set(seen)) == 25
    with_text = api.get(SEARCH, params={"name": "海珠", "cursor": first["meta"]["nextCursor"]})
    assert with_text.status_code == 422 and "pageNumber" in with_text.json()["detail"]


def test_a_walk_reaches_every_row_when_one_is_renamed_on_the_way(api, db, directory):
    """The last page was decided by a count carried in the cursor: a row renamed to later in the
    order came back twice and cut the walk short, and a row nobody touched was never seen."""
    _, paged = directory
    first = search(api, district="海珠区", pageSize=5)   # 25 rows: the last page ends full
    moved = first["data"][0]["code"]
    db.businesses.update_one({"code": moved}, {"$set": {"name": "海珠小吃99（改名）"}})
    seen, cursor = [row["code"] for row in first["data"]], first["meta"]["nextCursor"]
    try:
        while cursor:
            page = search(api, district="海珠区", pageSize=5, cursor=cursor)
            seen, cursor = seen + [row["code"] for row in page["data"]], page["meta"]["nextCursor"]
        assert set(seen) == set(paged)   # every one, the renamed one twice at worst
    finally:
        db.businesses.update_one({"code": moved}, {"$set": {"name": first["data"][0]["name"]}})
    elsewhere = api.get(SEARCH, params={"district": "越秀区", "cursor": first["meta"]["nextCursor"]})
    assert elsewhere.status_code == 422 and "another listing" in elsewhere.json()["detail"]


@pytest.mark.parametrize("params, field", [
    ({"pageSize": 0}, "pageSize"),
    ({"pageSize": 101}, "pageSize"),
    ({"pageSize": -5}, "pageSize"),
    ({"pageNumber": 0}, "pageNumber"),
    ({"pageNumber": "two"}, "pageNumber"),
    ({"trade": "bakery"}, "trade"),
    ({"name": "很" * 101}, "name"),
    ({"district": "区" * 41}, "district"),
])
def test_bad_search_input_is_refused_with_a_readable_message(api, directory, params, field):
    response = api.get(SEARCH, params=params)
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "Invalid"
    assert isinstance(body["detail"], str) and body["detail"].startswith(f"{field}: ")
    assert body["errors"] == [body["detail"]]


def test_the_largest_page_is_allowed(api, directory):
    assert search(api, pageSize=100)["meta"]["totalPages"] == 1


@pytest.mark.parametrize("code, status, message", [
    ("91350100M000100Y4", 422, "18 characters"),
    ("91350100M000100Y44", 422, "check character"),
    ("91350100O000100Y43", 422, "other than I, O, S, V, Z"),
    ("91350100M000100Y43", 404, "No business is registered under credit code 91350100M000100Y43"),
    ("91350100m000100y43", 404, "credit code 91350100M000100Y43"),
])
def test_reading_a_bad_or_unknown_code(api, directory, code, status, message):
    response = api.get(f"{SEARCH}/{code}")
    assert response.status_code == status
    assert message in response.json()["detail"]


def test_reading_a_code_in_lower_case_finds_the_business(api, directory):
    named, _ = directory
    response = api.get(f"{SEARCH}/{named['laowang'].lower()}")
    assert response.status_code == 200
    assert response.json()["business"]["name"] == "老王烧腊"


@pytest.mark.parametrize("body", [{"name": None}, {"address": None}, {"grid": None}])
def test_a_change_to_null_is_refused_and_stores_nothing(api, db, directory, body):
    """Null once reached the database and every listing holding the business failed after it."""
    officer = factories.signed_in(api, db, role=Role.OFFICER, officer_id=factories.officer(db))
    code = directory[0]["laowang"]
    refused = api.patch(f"{SEARCH}/{code}", json=body, headers=officer)
    assert refused.status_code == 422 and "cannot be null" in refused.json()["detail"]
    assert api.get(SEARCH, params={"district": "天河区"}).status_code == 200
    assert api.get(f"{SEARCH}/{code}").json()["business"]["name"] == "老王烧腊"
