"""The QR page's grade, risk level and "objection pending" marks, in the first HTML."""

import re

from backend.objections import service as objections
from backend.objections.schemas import ObjectionCreate
from backend.users.schemas import Actor, Role
from tests import factories
from tests.portal.conftest import ENGLISH


def test_grade_risk_and_a_pending_objection_show_on_the_qr_page(site, db):
    code = factories.business(db, name="申诉小馆")
    officers = [factories.officer(db), factories.officer(db)]
    inspection = factories.inspection(db, code, officers, days_ago=3, result="basically_compliant")
    text = site.get(f"/b/{code}", headers=ENGLISH).text
    assert "Good" in text and "70 of 100 on" in text and "Risk level" in text
    assert "objection-pending" not in text
    owner = Actor(username="owner", role=Role.ENTERPRISE, business_code=code)
    objections.file(db, actor=owner, data=ObjectionCreate(
        business_code=code, record_kind="inspection", record_id=inspection, reason="已当场整改"))
    text = site.get(f"/b/{code}", headers=ENGLISH).text
    inspections = text[text.index("card-inspections"):]
    assert re.search(r"objection-pending\">Objection pending<", inspections)
    assert "the answer is due by" in text
