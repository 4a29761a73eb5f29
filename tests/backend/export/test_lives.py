"""The LIVES zip: the four files with LIVES column names, public records only, streamed."""

import csv
import io
import struct
import zipfile

import pytest

from backend.export import zipstream
from tests import factories


@pytest.fixture(scope="module")
def archive(api, db):
    officers = [factories.officer(db), factories.officer(db)]
    code = factories.business(db, name="导出餐馆")
    lifts = factories.business(db, name="导出大厦", trade="special_equipment_user")
    factories.inspection(db, lifts, officers, days_ago=3, result="non_compliant")
    factories.inspection(db, code, officers, days_ago=30, result="compliant")
    factories.inspection(db, code, officers, days_ago=2, result="basically_compliant",
                         items_found=["后厨地面有积水", "消毒记录不全"])
    response = api.get("/api/v1/export/lives.zip")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    return code, zipfile.ZipFile(io.BytesIO(response.content))


def rows(archive, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.TextIOWrapper(archive.open(name), encoding="utf-8")))


def test_the_four_lives_files_with_their_columns(archive):
    _, zipped = archive
    assert zipped.namelist() == ["businesses.csv", "inspections.csv", "violations.csv",
                                 "feed_info.csv"]
    header = zipped.open("businesses.csv").readline().decode().strip()
    assert header == ("business_id,name,address,city,state,postal_code,latitude,longitude,"
                      "phone_number")
    assert zipped.open("inspections.csv").readline().decode().strip() == \
        "business_id,score,date,description,type"
    assert zipped.open("violations.csv").readline().decode().strip() == \
        "business_id,date,code,description"
    feed = rows(zipped, "feed_info.csv")
    assert list(feed[0]) == ["feed_date", "feed_version", "municipality_name", "feed_url",
                             "contact_email"]
    assert feed[0]["feed_url"].endswith("/api/v1/export/lives.zip")


def test_only_the_public_inspection_and_its_violations(archive):
    code, zipped = archive
    inspections = rows(zipped, "inspections.csv")
    assert [(r["business_id"], r["score"], r["type"]) for r in inspections] == [(code, "70", "routine")]
    assert len(inspections[0]["date"]) == 8  # YYYYMMDD
    violations = rows(zipped, "violations.csv")
    assert [v["description"] for v in violations] == ["后厨地面有积水", "消毒记录不全"]
    assert all(v["code"].startswith("ML-") for v in violations)
    assert {r["name"] for r in rows(zipped, "businesses.csv")} >= {"导出餐馆"}
    # a restaurant-hygiene feed: a building's lift inspection is no food-safety score
    assert "导出大厦" not in {r["name"] for r in rows(zipped, "businesses.csv")}


def test_the_archive_is_written_while_rows_are_read():
    pulled = 0

    def many():
        nonlocal pulled
        for n in range(200_000):
            pulled += 1
            yield [n, f"row {n} {'x' * 40}"]

    chunks = zipstream.zip_of_csvs([("big.csv", ["n", "text"], many())])
    first = next(chunks)
    assert first and pulled < 200_000  # the first bytes leave before the rows are all read
    rest = b"".join(chunks)
    with zipfile.ZipFile(io.BytesIO(first + rest)) as zipped:
        assert sum(1 for _ in zipped.open("big.csv")) == 200_001


def test_members_carry_no_zip64_records_a_streaming_reader_would_misread():
    """Java's ZipInputStream read the zip64 data descriptors of small members as a wrong size."""
    archive = b"".join(zipstream.zip_of_csvs([("a.csv", ["n"], iter([[1], [2]])),
                                              ("b.csv", ["n"], iter([[3]]))]))
    assert archive.startswith(b"PK\x03\x04")
    sizes = struct.unpack("<II", archive[18:26])   # the first member's local header
    assert 0xFFFFFFFF not in sizes                   # not deferred to a zip64 record
    assert b"PK\x06\x06" not in archive              # no zip64 end of central directory either
    with zipfile.ZipFile(io.BytesIO(archive)) as zipped:
        assert zipped.read("b.csv").decode().splitlines() == ["n", "3"]



def test_every_business_with_its_grades_in_one_csv(api, db):
    """Grades in bulk: an app need not walk the paged API a hundred rows at a time."""
    code = factories.business(db, name="成绩单餐馆", district="荔湾区")
    factories.inspection(db, code, [factories.officer(db), factories.officer(db)], days_ago=5)
    response = api.get("/api/v1/export/businesses.csv", params={"district": "荔湾区"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert response.text.startswith("\ufeffcode,name,address,district")
    rows = {row["code"]: row for row in csv.DictReader(io.StringIO(response.text.lstrip("\ufeff")))}
    assert {row["district"] for row in rows.values()} == {"荔湾区"}
    listed = next(row for row in api.get("/api/v1/businesses", params={"district": "荔湾区",
                                                                       "pageSize": 100}).json()["data"]
                  if row["code"] == code)   # the same grades as the API's listing
    assert rows[code]["quantified_grade"] == listed["grades"]["quantified"]["band"] == "excellent"
    assert rows[code]["risk_level"] == listed["grades"]["risk"]["band"]
    assert api.get("/api/v1/export/businesses.csv", params={"grade": "A"}).status_code == 422
