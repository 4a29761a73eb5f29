"""The businesses CSV: one row a business, its founding day a plain date as the JSON API gives it."""

import csv
import io
from datetime import date

from tests import factories


def test_the_founding_day_is_a_date_as_in_the_api(api, db):
    code = factories.business(db, name="导出日期馆", district="天河区", established_on=date(2022, 12, 25))
    response = api.get("/api/v1/export/businesses.csv", params={"district": "天河区"})
    assert response.status_code == 200
    rows = {row["code"]: row for row in csv.DictReader(io.StringIO(response.text.lstrip("\ufeff")))}
    assert rows[code]["established_on"] == "2022-12-25"
    assert api.get(f"/api/v1/businesses/{code}").json()["business"]["established_on"] == "2022-12-25"
