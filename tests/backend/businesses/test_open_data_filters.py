"""The open-data business list narrowed like FHRS's: by each grade, by place (nearest first), with
the grades in every row, unknown parameters refused, and honest paging meta."""

import pytest

from backend import clock
from backend.businesses import filtered, service
from backend.businesses.place import Near
from backend.profiles import repository as profiles
from tests import factories

SEARCH = "/api/v1/businesses"
HERE = {"latitude": 23.1300, "longitude": 113.3200}  # 天河体育中心
# Northwards from HERE: 0.001° of latitude is about 111 m.
NORTH_KM = 111.195
NORTH = {"九记面馆": 0.2, "越秀面馆": 0.3, "天河粥铺": 0.5, "广州市天河区老王烧腊": 0.9, "天河茶餐厅": 3.0,
         "远方面馆": 8.0}


def _graded(db, code: str, *, consumer: str | None = None, face: str | None = None,
            risk: str | None = None) -> None:
    """Grades as the profile builder and the review worker would have stored them."""
    fields = {"grades.consumer": consumer and {"band": consumer, "score": 90.0 - 10 * "ABCD".index(consumer),
                                                "reviews_counted": 12, "as_of": clock.now()}}
    if face:
        fields["standing.grade"] = {"band": face, "score": 95.0, "on": None, "pending": face == "fair"}
    if risk:
        fields["standing.risk"] = {"band": risk, "score": 20.0, "on": None, "per_year": [1, 2]}
    profiles.set_fields(db, {code: fields})


@pytest.fixture(scope="module")
def shops(db):
    """Five shops north of HERE at 0.2, 0.5, 0.9, 3 and 8 km, one without a location, one elsewhere."""
    def shop(name, north_km=None, district="天河区", **grades):
        location = None if north_km is None else {"lat": HERE["latitude"] + north_km / NORTH_KM,
                                                  "lng": HERE["longitude"]}
        code = factories.business(db, name=name, district=district, location=location,
                                  address=f"{district}天河路{len(name)}号")
        _graded(db, code, **grades)
        return code
    return {
        "noodles": shop("九记面馆", 0.2, consumer="A", face="excellent", risk="A"),
        "congee": shop("天河粥铺", 0.5, consumer="B", face="good", risk="B"),
        "bbq": shop("广州市天河区老王烧腊", 0.9, consumer="A", face="fair", risk="C"),
        "tea": shop("天河茶餐厅", 3.0, consumer="C", risk="B"),
        "far": shop("远方面馆", 8.0, consumer="A", face="excellent", risk="A"),
        "nowhere": shop("无址面馆", consumer="A", face="excellent", risk="A"),
        "yuexiu": shop("越秀面馆", 0.3, district="越秀区", consumer="D", face="good", risk="D"),
    }


def get(api, **params):
    response = api.get(SEARCH, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def names(body) -> list[str]:
    return [row["name"] for row in body["data"]]


@pytest.mark.parametrize("params, expected", [
    ({"consumerGrade": "A"}, {"九记面馆", "广州市天河区老王烧腊", "远方面馆", "无址面馆"}),
    ({"consumerGrade": ["C", "D"]}, {"天河茶餐厅", "越秀面馆"}),  # repeated: either band
    ({"quantifiedGrade": "excellent"}, {"九记面馆", "远方面馆", "无址面馆"}),
    ({"quantifiedGrade": "fair", "consumerGrade": "A"}, {"广州市天河区老王烧腊"}),
    ({"riskLevel": "B"}, {"天河粥铺", "天河茶餐厅"}),
    ({"riskLevel": "D", "district": "天河区"}, set()),
    ({"riskLevel": "D", "district": "越秀区"}, {"越秀面馆"}),
    ({"consumerGrade": "A", "name": "面馆"}, {"九记面馆", "远方面馆", "无址面馆"}),
    ({"consumerGrade": "B", "name": "面馆"}, set()),
])
def test_grade_filters_keep_only_those_bands_and_count_them(api, shops, params, expected):
    body = get(api, **params)
    assert set(names(body)) == expected
    assert body["meta"]["totalCount"] == len(expected) and not body["meta"]["totalIsEstimate"]


def test_a_graded_listing_is_by_name_and_pages_without_overlap(api, shops):
    whole = names(get(api, consumerGrade="A"))
    assert whole == sorted(whole)
    pages = [get(api, consumerGrade="A", pageSize=3, pageNumber=n) for n in (1, 2)]
    assert names(pages[0]) + names(pages[1]) == whole
    assert [page["meta"]["totalPages"] for page in pages] == [2, 2]
    assert all(page["meta"]["nextCursor"] is None for page in pages)  # pageNumber pages these


def test_every_row_carries_its_grades(api, shops):
    row = get(api, name="九记面馆")["data"][0]
    assert row["grades"] == {"consumer": {"band": "A", "score": 90.0, "pending": False},
                             "quantified": {"band": "excellent", "score": 95.0, "pending": False},
                             "risk": {"band": "A", "score": 20.0, "pending": False}}
    tea = get(api, name="天河茶餐厅")["data"][0]["grades"]
    assert tea["quantified"] is None and tea["consumer"]["band"] == "C"
    assert get(api, name="广州市天河区老王烧腊")["data"][0]["grades"]["quantified"]["pending"] is True
    listed = get(api, district="天河区")["data"]  # a listing's rows too, not only a search's
    assert all(row["grades"]["consumer"] for row in listed)


@pytest.mark.parametrize("params, expected", [
    ({}, ["九记面馆", "天河粥铺", "广州市天河区老王烧腊"]),  # 1 km unless given, nearest first
    ({"maxDistanceKm": 0.6}, ["九记面馆", "天河粥铺"]),
    ({"maxDistanceKm": 5}, ["九记面馆", "天河粥铺", "广州市天河区老王烧腊", "天河茶餐厅"]),
    ({"maxDistanceKm": 10}, ["九记面馆", "天河粥铺", "广州市天河区老王烧腊", "天河茶餐厅", "远方面馆"]),
    ({"maxDistanceKm": 0.1}, []),
    ({"maxDistanceKm": 10, "consumerGrade": "A"}, ["九记面馆", "广州市天河区老王烧腊", "远方面馆"]),
    ({"maxDistanceKm": 10, "name": "面馆"}, ["九记面馆", "远方面馆"]),
    ({"maxDistanceKm": 10, "name": "面馆", "riskLevel": "A"}, ["九记面馆", "远方面馆"]),
])
def test_near_a_place_within_the_distance_nearest_first(api, shops, params, expected):
    body = get(api, district="天河区", **HERE, **params)
    assert names(body) == expected and body["meta"]["totalCount"] == len(expected)
    assert all(abs(row["distance_km"] - NORTH[row["name"]]) < 0.001 for row in body["data"])


def test_a_place_across_districts_and_pages_of_it(api, shops):
    body = get(api, **HERE, maxDistanceKm=0.6)
    assert names(body) == ["九记面馆", "越秀面馆", "天河粥铺"]
    second = get(api, **HERE, maxDistanceKm=0.6, pageSize=2, pageNumber=2)
    assert names(second) == ["天河粥铺"] and second["meta"]["totalPages"] == 2
    assert get(api, name="九记")["data"][0]["distance_km"] is None  # no place asked for


@pytest.mark.parametrize("params, message", [
    ({"latitude": 23.1}, "both latitude and longitude"),
    ({"longitude": 113.3}, "both latitude and longitude"),
    ({"maxDistanceKm": 2}, "needs a place"),
    ({**HERE, "maxDistanceKm": 51}, "maxDistanceKm: "),
    ({**HERE, "maxDistanceKm": 0}, "maxDistanceKm: "),
    ({"latitude": 91, "longitude": 113.3}, "latitude: "),
    ({"consumerGrade": "E"}, "consumerGrade.0: Must be one of 'A', 'B', 'C', 'D'."),
    ({"consumerGrade": ["A", "E"]}, "consumerGrade.1: "),  # which of the repeated values
    ({"quantifiedGrade": "good-ish"}, "quantifiedGrade.0: Must be one of 'excellent', 'good', 'fair'."),
    ({"riskLevel": "a"}, "riskLevel.0: "),
])
def test_bad_filters_are_refused(api, shops, params, message):
    response = api.get(SEARCH, params=params)
    assert response.status_code == 422 and message in response.json()["detail"], response.text


def test_a_place_with_too_many_businesses_around_it_is_refused_not_cut(api, shops, monkeypatch):
    monkeypatch.setattr(filtered, "NEAR_AT_MOST", 2)
    response = api.get(SEARCH, params={**HERE, "maxDistanceKm": 5})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("More than 2 businesses lie within 5 km")
    assert names(get(api, **HERE, maxDistanceKm=0.4)) == ["九记面馆", "越秀面馆"]


@pytest.mark.parametrize("params, unknown", [
    ({"grade": "A"}, ["grade"]),
    ({"lat": 23.1, "lng": 113.3, "radius": 1}, ["lat", "lng", "radius"]),
    ({"name": "面馆", "ratingKey": "5", "sortOptionKey": "distance"}, ["ratingKey", "sortOptionKey"]),
    ({"pagenumber": 2}, ["pagenumber"]),  # names are case-sensitive, as FastAPI reads them
])
def test_unknown_parameters_are_named_in_a_422_not_ignored(api, shops, params, unknown):
    response = api.get(SEARCH, params=params)
    assert response.status_code == 422
    body = response.json()
    assert body["errors"] == [f"{name}: This field is not accepted here." for name in sorted(unknown)]


def test_the_language_parameter_is_still_taken(api, shops):
    response = api.get(SEARCH, params={"lang": "zh_Hans", "grade": "A"})
    assert response.status_code == 422 and response.json()["detail"].startswith("grade: ")
    assert response.json()["detail"] != "grade: This field is not accepted here."  # translated
    assert api.get(SEARCH, params={"lang": "en", "consumerGrade": "A"}).status_code == 200


def test_a_cursor_is_for_listings_by_district_and_trade_alone(api, shops):
    cursor = get(api, district="天河区", pageSize=2)["meta"]["nextCursor"]
    for params in ({"consumerGrade": "A"}, HERE):
        response = api.get(SEARCH, params={"district": "天河区", "cursor": cursor, **params})
        assert response.status_code == 422 and "pageNumber" in response.json()["detail"]


def test_page_number_and_cursor_together_are_refused(api, shops):
    cursor = get(api, district="天河区", pageSize=2)["meta"]["nextCursor"]
    response = api.get(SEARCH, params={"district": "天河区", "cursor": cursor, "pageNumber": 2})
    assert response.status_code == 422 and "not both" in response.json()["detail"]
    assert get(api, district="天河区", cursor=cursor)["meta"]["pageNumber"] == 2


def test_a_cursor_taken_part_way_into_a_page_numbers_its_page_after_those_before(api, shops):
    """Seven rows: three on a first page, then 4-row pages by cursor. Rows 4–7 are page 2 of 2
    (they were called page 1, as if rows 1–4, before)."""
    first = get(api, pageSize=3)
    after_three = get(api, pageSize=4, cursor=first["meta"]["nextCursor"])  # rows 4–7
    meta = after_three["meta"]
    assert (meta["totalCount"], meta["pageNumber"], meta["totalPages"]) == (7, 2, 2)
    assert meta["nextCursor"] is None and len(after_three["data"]) == 4
    seven = get(api, pageSize=7)  # every row on one page: no cursor
    assert seven["meta"]["nextCursor"] is None
    head = get(api, pageSize=2)  # rows 1–2, then 5-row pages: rows 3–7 are page 2 of 2
    rest = get(api, pageSize=5, cursor=head["meta"]["nextCursor"])["meta"]
    assert (rest["pageNumber"], rest["totalPages"], rest["nextCursor"]) == (2, 2, None)
    head = get(api, pageSize=5)  # rows 1–5, then 3-row pages: rows 6–7 are page 3 of 3
    rest = get(api, pageSize=3, cursor=head["meta"]["nextCursor"])["meta"]
    assert (rest["pageNumber"], rest["totalPages"]) == (3, 3)


def test_a_service_caller_may_leave_the_grades_out(db, shops):
    """The portal and officers' searches do not show grades and do not pay the read for them."""
    found = service.search(db, text="九记面馆")
    assert found.data[0].grades is None
    near = service.search(db, near=Near(HERE["latitude"], HERE["longitude"], 0.3), district="天河区")
    assert [row.name for row in near.data] == ["九记面馆"] and near.data[0].distance_km == 0.2


def test_the_openapi_document_describes_the_new_parameters_and_the_row_grades(api):
    document = api.get("/api/openapi.json").json()
    params = {param["name"]: param for param in document["paths"][SEARCH]["get"]["parameters"]}
    for name in ("consumerGrade", "quantifiedGrade", "riskLevel", "latitude", "longitude",
                 "maxDistanceKm", "pageNumber", "cursor"):
        assert params[name]["in"] == "query" and params[name]["description"], name
    schemas = document["components"]["schemas"]
    assert {"grades", "distance_km"} <= set(schemas["BusinessListed"]["properties"])
    assert set(schemas["ListedGrades"]["properties"]) == {"consumer", "quantified", "risk"}


def test_the_refusal_reads_parameters_taken_through_dependencies_too():
    """As the records listings take theirs (a dataclass of filters): ready for those routes."""
    from dataclasses import dataclass
    from typing import Annotated

    from fastapi import Depends, FastAPI
    from fastapi.testclient import TestClient

    from backend.api import install_error_handlers
    from backend.strict_query import refuse_unknown_query

    @dataclass
    class Scope:
        district: str = ""
        dateFrom: str = ""  # noqa: N815

    app = FastAPI()
    install_error_handlers(app)

    @app.get("/rows", dependencies=[Depends(refuse_unknown_query)])
    def rows(scope: Annotated[Scope, Depends()], pageSize: int = 20) -> dict:  # noqa: N803
        return {"district": scope.district}

    client = TestClient(app, headers={"Accept-Language": "en"})
    assert client.get("/rows", params={"district": "天河区", "dateFrom": "x", "pageSize": 5,
                                       "lang": "en"}).status_code == 200
    refused = client.get("/rows", params={"district": "天河区", "date_from": "x"})
    assert refused.status_code == 422
    assert refused.json()["errors"] == ["date_from: This field is not accepted here."]
    twice = client.get("/rows", params=[("district", "天河区"), ("district", "越秀区"), ("_", "17650")])
    assert twice.status_code == 422   # it answered for 越秀区 alone; the cache-buster `_` is let by
    assert twice.json()["errors"] == ["district: Give this only once: it takes one value."]
