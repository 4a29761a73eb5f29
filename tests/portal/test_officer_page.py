"""An officer's public profile: name, badge, unit, inspections done and recent inspections."""

from datetime import datetime

from tests.portal.conftest import ENGLISH


def test_officer_profile(site, seeded):
    response = site.get(f"/officers/{seeded.officer_id}", headers=ENGLISH)
    assert response.status_code == 200
    html = response.text
    assert "<h1>赵执法</h1>" in html
    assert seeded.officer_badge in html
    assert "U-TH 市场监督管理所" in html
    assert "<dt>Inspections done</dt><dd>1</dd>" in html
    assert f'href="/b/{seeded.code}"' in html and seeded.name in html
    assert "Basically compliant" in html


def test_officer_linked_from_the_qr_page_exists(site, seeded):
    qr_page = site.get(f"/b/{seeded.code}", headers=ENGLISH).text
    assert f'href="/officers/{seeded.officer_id}"' in qr_page
    assert site.get(f"/officers/{seeded.officer_id}", headers=ENGLISH).status_code == 200


def test_unknown_officer_is_a_friendly_404(site, db):
    response = site.get("/officers/NOBODY", headers=ENGLISH)
    assert response.status_code == 404
    assert "Officer not found" in response.text and "There is no officer NOBODY." in response.text


def test_the_page_says_whether_the_officer_is_in_service(site, db, seeded):
    assert "<dt>Status</dt><dd>In service</dd>" in site.get(f"/officers/{seeded.officer_id}",
                                                            headers=ENGLISH).text
    db.officers.update_one({"_id": seeded.officer_id}, {"$set": {"left_on": datetime(2026, 3, 2)}})
    try:
        page = site.get(f"/officers/{seeded.officer_id}", headers=ENGLISH).text
        assert "<dt>Status</dt><dd>Left the service on 2026-03-02</dd>" in page
        row = next(row for row in site.get("/api/v1/records/officers").json()["data"]
                   if row["id"] == seeded.officer_id)
        assert row["in_service"] is False
    finally:
        db.officers.update_one({"_id": seeded.officer_id}, {"$set": {"left_on": None}})
