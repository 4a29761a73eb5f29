"""Evidence files from the workspace's plain forms: an objection carries files the deciding officer
opens (nobody outside); a refused file is named on its field and the rest is kept; and a form
sent twice (a double tap) is recorded once, the repeat answered as the first was."""

import re

import pytest

from backend.config import get_settings
from backend.lists import service as lists
from backend.lists.schemas import EditionPublish
from backend.repair import service as repair
from backend.users.schemas import Role
from tests import factories
from tests.portal.conftest import ENGLISH, form_token, marked_invalid, sign_in
from tests.portal.test_form_once import form_tokens
from tests.portal.workspace.test_applications import kept_files

PDF = ("维修单.pdf", b"%PDF-1.4 repair slip", "application/pdf")


@pytest.fixture(scope="module")
def scene(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    officers = [factories.officer(db), factories.officer(db)]
    code = factories.business(db, name="附件小店")
    inspection = factories.inspection(db, code, officers, result="non_compliant")
    return {"code": code, "inspection": inspection, "officers": officers,
            "shop": factories.user(db, role=Role.ENTERPRISE, business_code=code),
            "other shop": factories.user(db, role=Role.ENTERPRISE, business_code=factories.business(db)),
            "officer": factories.user(db, role=Role.OFFICER, officer_id=officers[0])}


def test_an_objection_with_files_reaches_the_officer_and_nobody_else(site, scene, db):
    sign_in(site, scene["shop"])
    page = site.get("/me", headers=ENGLISH).text
    assert re.search(r'<form[^>]*enctype="multipart/form-data"[^>]*id="objection-form"', page, re.I)
    form = page[page.index('id="objection-form"'):].split("</form>", 1)[0]
    assert re.search(r'<input[^>]*multiple[^>]*name="objection-files"', form)
    typed = {"record": "grade|risk", "reason": "风险等级所依据的检查已复查合格"}
    refused = site.post("/me/objection", data=typed | {"csrf_token": form_token(site, "/me")},
                        files=[("objection-files", PDF),
                               ("objection-files", ("a.txt", b"words", "text/plain"))],
                        headers=ENGLISH)
    assert refused.status_code == 422 and db.objections.count_documents({}) == 0
    assert 'The file "a.txt" is refused: evidence must be a PDF, JPEG or PNG file.' in refused.text
    assert marked_invalid(refused.text, "objection-files")
    assert ">风险等级所依据的检查已复查合格</textarea>" in refused.text
    assert "Kept from your last sending: 维修单.pdf." in refused.text
    filed = site.post("/me/objection", follow_redirects=False, headers=ENGLISH,
                      data=typed | kept_files(refused.text) | {"csrf_token": form_token(site, "/me")},
                      files=[("objection-files", ("复查记录.jpg", factories.photo(), "image/jpeg"))])
    assert filed.status_code == 303 and filed.headers["location"] == "/me?done=objected"
    assert [item["title"] for item in db.objections.find_one()["evidence"]] == ["维修单.pdf", "复查记录.jpg"]

    sign_in(site, scene["officer"])
    queue = site.get("/me", headers=ENGLISH).text
    queue = queue[queue.index("Objections to answer"):]
    links = re.findall(r'href="(/me/objections/[0-9a-f]+/evidence/[0-9a-f]+)"', queue)
    assert len(links) == 2 and "维修单.pdf" in queue
    opened = site.get(links[0])
    assert opened.status_code == 200 and opened.content == PDF[1]
    assert opened.headers["content-disposition"].startswith("attachment;")
    sign_in(site, scene["other shop"])
    assert site.get(links[0], headers=ENGLISH).status_code == 403
    site.cookies.clear()
    assert site.get(links[0], follow_redirects=False).status_code == 303  # to sign in


def test_an_objection_sent_twice_is_filed_once(site, scene, db):
    sign_in(site, scene["shop"])
    tokens = form_tokens(site, "/me")
    data = {"record": f"inspection|{scene['inspection']}", "reason": "整改已完成"} | tokens
    sent = [site.post("/me/objection", data=data, files=[("objection-files", PDF)], headers=ENGLISH,
                      follow_redirects=False) for _ in range(2)]
    assert [r.status_code for r in sent] == [303, 303]
    assert {r.headers["location"] for r in sent} == {"/me?done=objected"}
    assert db.objections.count_documents({"record_kind": "inspection"}) == 1
    assert db.evidence_files.count_documents({"file_name": PDF[0]}) == 2  # this one's, and the first test's


def test_an_evaluation_sent_twice_is_recorded_once(site, scene, db):
    sign_in(site, scene["shop"])
    data = {"inspection_id": scene["inspection"], "officer_id": scene["officers"][1], "level": "satisfied",
            "comment": "态度很好"} | form_tokens(site, "/me")
    sent = [site.post("/me/evaluate", data=data, headers=ENGLISH, follow_redirects=False) for _ in range(2)]
    assert [r.status_code for r in sent] == [303, 303]
    assert {r.headers["location"] for r in sent} == {"/me?done=evaluated"}
    assert db.evaluations.count_documents({"inspection_id": scene["inspection"]}) == 1


def test_a_repair_application_sent_twice_is_filed_once(site, scene, db, monkeypatch):
    monkeypatch.setattr(get_settings(), "repair_wait_days", 0)
    number = factories.penalty(db, scene["code"], measures=("suspension",), days_ago=3)
    lists.publish(db, actor=factories.ADMIN, data=EditionPublish())
    repair.record_fulfilment(db, actor=factories.ADMIN, decision_number=number,
                             fulfilled_on=factories.days_from_today(0))
    sign_in(site, scene["shop"])
    data = {"statement": "已停业整改并缴清罚款"} | form_tokens(site, "/me")
    files = {f"evidence-file-{n}": (f"e{n}.pdf", f"%PDF-1.4 {n}".encode(), "application/pdf")
             for n in range(3)}
    sent = [site.post("/me/repair", data=data, files=files, headers=ENGLISH, follow_redirects=False)
            for _ in range(2)]
    assert [r.status_code for r in sent] == [303, 303]
    assert {r.headers["location"] for r in sent} == {"/me?done=applied"}
    assert db.repair_applications.count_documents({}) == 1
    assert db.evidence_files.count_documents({"file_name": "e0.pdf"}) == 1  # the repeat stored nothing
