"""Published per-unit rates: what counts as due, closed on time and satisfied."""

from datetime import datetime, timedelta

import pytest

from backend.complaints import service as complaints
from backend.complaints.schemas import ComplaintCreate, ComplaintFeedback
from backend.performance import service
from backend.tasks import service as tasks
from backend.tasks.schemas import TaskClose
from tests import factories
from tests.factories import ADMIN

NOW = datetime(2026, 6, 1, 12)


@pytest.mark.parametrize(("rows", "expected"), [
    ([], {}),
    ([{"status": "open", "deadline": datetime(2026, 6, 9)}], {"tasks": 1}),
    ([{"status": "open", "deadline": datetime(2026, 5, 1)}], {"tasks": 1, "due": 1}),
    ([{"status": "closed", "deadline": datetime(2026, 6, 9), "closed_at": datetime(2026, 5, 30)}],
     {"tasks": 1, "due": 1, "closed": 1, "closed_on_time": 1}),
    ([{"status": "closed", "deadline": datetime(2026, 5, 9), "closed_at": datetime(2026, 5, 30)}],
     {"tasks": 1, "due": 1, "closed": 1}),
])
def test_tally(rows, expected):
    assert {k: v for k, v in service.tally(rows, now=NOW).items() if v} == expected


@pytest.mark.parametrize(("part", "whole", "rate"), [(0, 0, None), (1, 1, 1.0), (2, 3, 0.6667)])
def test_rate(part, whole, rate):
    assert service.rate(part, whole) == rate


def test_rates_by_unit_from_real_complaints(db, api):
    factories.unit(db, id="U-TH", districts=("天河区",))
    factories.unit(db, id="U-YX", districts=("越秀区",))
    code = factories.business(db, district="天河区")
    codes = [complaints.submit(db, data=ComplaintCreate(business_code=code, category="hygiene",
                                                        text="桌子上有蟑螂"), client=f"c{n}").tracking_code
             for n in range(3)]
    for tracking, happy in zip(codes[:2], (True, False), strict=True):
        task_id = db.complaints.find_one({"tracking_code": tracking})["task_id"]
        tasks.close(db, actor=ADMIN, task_id=task_id, data=TaskClose(result="已处理"))
        complaints.give_feedback(db, tracking_code=tracking, data=ComplaintFeedback(satisfied=happy))
    figures = {row.unit_id: row for row in service.by_unit(db).data}
    tianhe = figures["U-TH"]
    assert (tianhe.tasks, tianhe.closed, tianhe.closure_rate) == (3, 2, 1.0)  # the third is not due
    assert tianhe.on_time_rate == 1.0 and tianhe.satisfaction_rate == 0.5
    assert figures["U-YX"].tasks == 0 and figures["U-YX"].closure_rate is None
    published = api.get("/api/v1/performance").json()["data"]
    assert {"U-TH", "U-YX"} <= {row["unit_id"] for row in published}


def test_units_are_paged_by_id_and_a_district_counts_toward_its_first_unit(db, api):
    factories.unit(db, id="U-PA", districts=("番禺区",))
    factories.unit(db, id="U-PB", districts=("番禺区", "南沙区"))  # 番禺区 is U-PA's
    for district in ("番禺区", "南沙区"):
        complaints.submit(db, data=ComplaintCreate(business_code=factories.business(db, district=district),
                                                   category="hygiene", text="地上有积水"),
                          client=f"paged-{district}")
    whole = service.by_unit(db, page_size=100)
    ids = [row.unit_id for row in whole.data]
    assert ids == sorted(ids) and whole.meta.totalCount == len(ids) and {"U-PA", "U-PB"} <= set(ids)
    paged = [row for number in range(1, len(ids) + 1)
             for row in service.by_unit(db, page_number=number, page_size=1).data]
    assert paged == whole.data  # the same figures on a page of one unit as on the whole list
    figures = {row.unit_id: row.tasks for row in paged}
    assert (figures["U-PA"], figures["U-PB"]) == (1, 1)
    body = api.get("/api/v1/performance", params={"pageSize": 1, "pageNumber": 2}).json()
    assert [row["unit_id"] for row in body["data"]] == ids[1:2] and body["as_of"]
    assert (body["meta"]["totalCount"], body["meta"]["totalPages"]) == (len(ids), len(ids))


@pytest.mark.parametrize(("params", "refused"), [
    ({"unit": "U-TH"}, "unit"), ({"pageSize": 0}, "pageSize"), ({"pageNumber": [1, 2]}, "pageNumber")])
def test_other_parameters_are_refused_not_ignored(api, params, refused):
    response = api.get("/api/v1/performance", params=params)
    assert response.status_code == 422 and response.json()["detail"].startswith(f"{refused}: ")


def test_an_unchanged_answer_keeps_its_etag_through_the_minute(api, monkeypatch):
    """`as_of` is the minute the figures are for, not the moment of the request: polled again, an
    unchanged answer is a bodiless 304."""
    from backend import clock
    minute = clock.now().replace(second=0, microsecond=0)
    monkeypatch.setattr(clock, "now", lambda: minute + timedelta(seconds=5))
    first = api.get("/api/v1/performance")
    assert first.status_code == 200 and first.json()["as_of"] == clock.rfc3339(minute)
    monkeypatch.setattr(clock, "now", lambda: minute + timedelta(seconds=50))
    again = api.get("/api/v1/performance", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.content == b""
    monkeypatch.setattr(clock, "now", lambda: minute + timedelta(seconds=65))
    later = api.get("/api/v1/performance", headers={"If-None-Match": first.headers["ETag"]})
    assert later.status_code == 200 and later.json()["as_of"] == clock.rfc3339(minute + timedelta(minutes=1))
