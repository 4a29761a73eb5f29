"""Open-data listings: filters, FHRS paging `meta`, CSV, and what leaves the public view."""

import pytest

from tests import factories


@pytest.fixture(scope="module")
def records(db):
    officers = [factories.officer(db), factories.officer(db)]
    tianhe = factories.business(db, name="天河一号")
    yuexiu = factories.business(db, name="越秀二号", district="越秀区", trade="food_sales")
    factories.unit(db, id="U-YX", districts=("越秀区",))
    old = factories.inspection(db, tianhe, officers, days_ago=40, result="non_compliant")
    new = factories.inspection(db, tianhe, officers, days_ago=5)
    factories.inspection(db, yuexiu, officers, days_ago=3, result="basically_compliant")
    factories.penalty(db, tianhe, days_ago=10)
    factories.penalty(db, yuexiu, days_ago=200, measures=("warning",))  # past its 90 days
    return {"old": old, "new": new, "tianhe": tianhe, "yuexiu": yuexiu}


def test_a_superseded_inspection_leaves_the_public_list(api, records):
    body = api.get("/api/v1/records/inspections").json()
    ids = [row["id"] for row in body["data"]]
    assert records["new"] in ids and records["old"] not in ids
    assert body["meta"] == {"totalCount": 2, "totalPages": 1, "pageSize": 20, "pageNumber": 1,
                            "nextCursor": None, "totalIsEstimate": False}


@pytest.mark.parametrize(("query", "names"), [
    ("district=越秀区", ["越秀二号"]), ("trade=catering", ["天河一号"]),
    ("result=basically_compliant", ["越秀二号"]), ("result=non_compliant", []),
])
def test_inspection_filters(api, records, query, names):
    body = api.get(f"/api/v1/records/inspections?{query}").json()
    assert [row["business_name"] for row in body["data"]] == names


def test_paging_and_bad_dates(api, records):
    body = api.get("/api/v1/records/inspections?pageSize=1&pageNumber=2").json()
    assert body["meta"]["totalPages"] == 2 and len(body["data"]) == 1
    response = api.get("/api/v1/records/inspections?dateFrom=2026-05-01&dateTo=2026-01-01")
    assert response.status_code == 422 and "start date" in response.json()["detail"]
    for listing in ("inspections", "penalties", "inspections/counts"):
        response = api.get(f"/api/v1/records/{listing}?trade=caterng")   # a typo: not "no rows"
        assert response.status_code == 422 and "'catering'" in response.json()["detail"]
    for path in ("records/inspections?result=compliant&grade=A", "cameras?distrct=天河区",
                 "lists/editions?x=1"):
        response = api.get(f"/api/v1/{path}")   # a parameter not taken is refused, not ignored
        assert response.status_code == 422 and "not accepted here" in response.json()["detail"], path


def test_penalties_past_their_period_are_not_listed(api, records):
    body = api.get("/api/v1/records/penalties").json()
    assert [row["business_code"] for row in body["data"]] == [records["tianhe"]]


def test_csv_has_a_header_and_every_row(api, records):
    response = api.get("/api/v1/records/inspections?format=csv")
    assert response.headers["content-type"].startswith("text/csv")
    lines = response.text.lstrip("\ufeff").strip().splitlines()
    assert lines[0].startswith("id,business_code,business_name,district,trade,date")
    assert len(lines) == 3
    officers = api.get("/api/v1/records/officers?format=csv").text.lstrip("\ufeff").splitlines()
    assert officers[0] == "id,name,badge_number,unit_id,unit_name,in_service,inspections_done"


def test_counts_for_the_charts(api, records):
    counts = api.get("/api/v1/records/inspections/counts").json()
    assert counts["by_trade"] == {"catering": {"compliant": 1},
                                  "food_sales": {"basically_compliant": 1}}
    assert sum(sum(v.values()) for v in counts["by_month"].values()) == 2
