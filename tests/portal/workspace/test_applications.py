"""Credit repair and objections from the workspaces: the countdown and evidence guide, the forms,
the officer's decisions with reasons, and nobody acting for another business."""

import re

import pytest

from backend.config import get_settings
from backend.lists import service as lists
from backend.lists.schemas import EditionPublish
from backend.repair import service as repair
from backend.users.schemas import Role
from tests import factories
from tests.portal.conftest import ENGLISH, form_token, post_form, sign_in


@pytest.fixture(scope="module")
def scene(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    officer = factories.officer(db)
    code = factories.business(db, name="黑榜小店")
    other = factories.business(db, name="隔壁小店")
    number = factories.penalty(db, code, measures=("suspension",), days_ago=3)
    inspection = factories.inspection(db, code, [officer, factories.officer(db)],
                                      result="non_compliant")
    lists.publish(db, actor=factories.ADMIN, data=EditionPublish())
    return {"code": code, "number": number, "inspection": inspection,
            "shop": factories.user(db, role=Role.ENTERPRISE, business_code=code),
            "other shop": factories.user(db, role=Role.ENTERPRISE, business_code=other),
            "officer": factories.user(db, role=Role.OFFICER, officer_id=officer)}


def kept_files(page: str) -> dict[str, str]:
    """The hidden fields that send again the files a refused form kept, as a browser would."""
    fields = {}
    for tag in re.findall(r'<input[^>]*type="hidden"[^>]*>', page):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if name and value and name.group(1).endswith("-kept"):
            fields[name.group(1)] = value.group(1)
    return fields


def _every_kind():
    """One file of each kind of evidence the form lists."""
    return {f"evidence-file-{n}": (f"evidence-{n}.pdf", f"%PDF-1.4 evidence {n}".encode(), "application/pdf")
            for n in range(3)}


def test_a_listed_business_sees_the_countdown_and_what_to_upload(site, scene):
    sign_in(site, scene["shop"])
    page = site.get("/me", headers=ENGLISH).text
    assert "Credit repair" in page and "365 days left" in page
    assert scene["number"] in page  # the penalty still to fulfil
    assert "Credit commitment letter" in page
    assert 'id="repair-form"' not in page  # not yet eligible


def test_apply_once_eligible_then_an_officer_decides(site, scene, db, monkeypatch):
    monkeypatch.setattr(get_settings(), "repair_wait_days", 0)
    repair.record_fulfilment(db, actor=factories.ADMIN, decision_number=scene["number"],
                             fulfilled_on=factories.days_from_today(0))
    sign_in(site, scene["shop"])
    assert 'id="repair-form"' in site.get("/me", headers=ENGLISH).text
    empty = post_form(site, "/me/repair", {"statement": "已整改完毕"}, page="/me")
    assert ">已整改完毕</textarea>" in empty.text
    form = site.get("/me", headers=ENGLISH).text
    assert re.search(r'id="repair-statement" maxlength="4000"', form)  # the schema's limits
    assert re.search(r'id="evidence-note-0" maxlength="1000"', form)
    files_before = db.evidence_files.count_documents({})
    only_one = site.post("/me/repair", data={
        "statement": "已整改", "evidence-note-1": "整改报告见附件", "csrf_token": form_token(site, "/me")},
        files={"evidence-file-0": ("receipt.pdf", b"%PDF-1.4 receipt", "application/pdf")}, headers=ENGLISH)
    assert only_one.status_code == 422
    for n, kind in enumerate(("Rectification report signed", "Credit commitment letter"), 1):
        assert re.search(rf'class="notice notice-bad"[^<]*{kind}', only_one.text)  # named in the summary
        assert re.search(rf'aria-invalid="true"[^>]*id="evidence-file-{n}"|id="evidence-file-{n}"[^>]*'
                         rf'aria-invalid="true"', only_one.text)
        assert f'id="evidence-file-{n}-error"' in only_one.text
    assert 'id="evidence-file-0-error"' not in only_one.text
    assert ">已整改</textarea>" in only_one.text and 'value="整改报告见附件"' in only_one.text
    assert db.evidence_files.count_documents({}) == files_before  # nothing stored
    statement = "已停业整改" * 801  # 4005 characters: refused whole, never cut to fit
    long = site.post("/me/repair", data={
        "statement": statement, "evidence-note-0": "已缴清罚款", "csrf_token": form_token(site, "/me")},
        files=_every_kind(), headers=ENGLISH)
    assert long.status_code == 422 and "Your statement: Must be at most 4000 characters long." in long.text
    assert f">{statement}</textarea>" in long.text and 'value="已缴清罚款"' in long.text
    assert db.repair_applications.count_documents({}) == 0
    # its files are kept for the form, offered again rather than chosen again
    assert db.evidence_files.count_documents({}) == files_before + 3
    assert "Kept from your last sending: evidence-0.pdf." in long.text
    kept = kept_files(long.text)
    assert sorted(kept) == [f"evidence-file-{n}-kept" for n in range(3)]
    token = form_token(site, "/me")
    applied = site.post("/me/repair", data={
        "statement": "已停业整改并缴清罚款", "evidence-title-0": "罚款缴纳凭证",
        "evidence-note-0": "已缴清", "csrf_token": token} | kept, headers=ENGLISH, follow_redirects=False)
    assert applied.status_code == 303 and applied.headers["location"] == "/me?done=applied"
    assert "Waiting for a decision" in site.get("/me", headers=ENGLISH).text
    application_id = repair.list_for(db, actor=factories.ADMIN, business_code=scene["code"]).data[0].id

    refused = post_form(site, f"/me/repair/{application_id}/decide",
                        {"approve": "yes", "reason": "自己批准"}, page="/me")
    assert refused.status_code == 403

    sign_in(site, scene["officer"])
    inbox = site.get("/me", headers=ENGLISH).text
    assert "Credit repair applications to decide" in inbox and "已停业整改并缴清罚款" in inbox
    # each file under its kind, in the reader's language, and the title the business gave it
    assert ("<strong>Proof that the penalty was fulfilled (fine receipt or enforcement record): "
            "罚款缴纳凭证</strong>") in inbox
    assert "<strong>Credit commitment letter (信用承诺书)</strong>" in inbox
    assert re.search(rf'id="repair-{application_id}-reason" maxlength="2000"', inbox)
    reason = "材料不全" * 501
    long = post_form(site, f"/me/repair/{application_id}/decide", {"approve": "no", "reason": reason},
                     page="/me")
    assert long.status_code == 422
    assert "Reason (published): Must be at most 2000 characters long." in long.text
    assert f">{reason}</textarea>" in long.text  # the decision as it was typed
    assert f'<input checked id="repair-{application_id}-approve-no"' in long.text
    decided = post_form(site, f"/me/repair/{application_id}/decide",
                        {"approve": "yes", "reason": "整改到位，同意修复"}, page="/me")
    assert decided.headers["location"] == "/me?done=decided"
    sign_in(site, scene["shop"])
    page = site.get("/me", headers=ENGLISH).text
    assert "Approved" in page and "整改到位，同意修复" in page


def test_an_objection_shows_pending_until_answered(site, scene, db):
    sign_in(site, scene["other shop"])
    foreign = post_form(site, "/me/objection", {"record": f"inspection|{scene['inspection']}",
                                                "reason": "不是我们的记录"}, page="/me")
    assert foreign.status_code != 303 and db.objections.count_documents({}) == 0

    sign_in(site, scene["shop"])
    page = site.get("/me", headers=ENGLISH).text
    assert "The regulator must answer by" in page
    filed = post_form(site, "/me/objection", {"record": f"inspection|{scene['inspection']}",
                                              "reason": "检查当天冷藏设施正在维修"}, page="/me")
    assert filed.headers["location"] == "/me?done=objected"
    page = site.get("/me", headers=ENGLISH).text
    assert "Objection pending" in page and "Answer due by" in page
    mine = page[page.index('id="objection-form"'):]
    assert "Inspection of 20" in mine and scene["inspection"] not in mine.split("</form>", 1)[1]
    assert "objection-pending" in site.get(f"/b/{scene['code']}", headers=ENGLISH).text

    sign_in(site, scene["officer"])
    inbox = site.get("/me", headers=ENGLISH).text
    assert "Objections to answer" in inbox and "检查当天冷藏设施正在维修" in inbox
    objection_id = re.search(r'action="/me/objections/([0-9a-f]+)/decide"', inbox).group(1)
    answered = post_form(site, f"/me/objections/{objection_id}/decide",
                         {"approve": "no", "reason": "复核检查记录，结论无误"}, page="/me")
    assert answered.headers["location"] == "/me?done=decided"
    sign_in(site, scene["shop"])
    assert "复核检查记录，结论无误" in site.get("/me", headers=ENGLISH).text


def test_a_refused_objection_comes_back_as_typed(site, scene, db):
    sign_in(site, scene["shop"])
    assert re.search(r'id="objection-reason" maxlength="4000"', site.get("/me", headers=ENGLISH).text)
    before = db.objections.count_documents({})
    record, reason = f"penalty|{scene['number']}", "罚款依据有误" * 667  # 4002 characters
    refused = post_form(site, "/me/objection", {"record": record, "reason": reason}, page="/me")
    assert refused.status_code == 422
    assert "Why it is wrong: Must be at most 4000 characters long." in refused.text
    assert f">{reason}</textarea>" in refused.text and f'<option selected value="{record}">' in refused.text
    assert db.objections.count_documents({}) == before
