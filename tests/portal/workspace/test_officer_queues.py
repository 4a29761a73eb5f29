"""What an officer's queues show and how they are decided: whose application, objection or bad
evaluation each row is; the evidence files opened from the row; every decision chosen on purpose
(nothing preselected, a form without the choice refused with the field named, nothing lost)."""

import re

import pytest

from backend.config import get_settings
from backend.lists import service as lists
from backend.lists.schemas import EditionPublish
from backend.objections import service as objections
from backend.objections.schemas import ObjectionCreate, RecordKind
from backend.repair import service as repair
from backend.users.schemas import Actor, Role
from tests import factories
from tests.portal.conftest import ENGLISH, form_token, post_form, sign_in

PDF = b"%PDF-1.4 receipt"


@pytest.fixture(scope="module")
def scene(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    factories.unit(db, id="U-YX", districts=("越秀区",))
    first, second = factories.officer(db, name="叶执法"), factories.officer(db, name="夏执法")
    code = factories.business(db, name="九记面馆")
    other = factories.business(db, name="隔壁小店")
    number = factories.penalty(db, code, measures=("suspension",), days_ago=3)
    inspection = factories.inspection(db, code, [first, second], result="non_compliant")
    lists.publish(db, actor=factories.ADMIN, data=EditionPublish())
    return {"code": code, "other": other, "number": number, "inspection": inspection,
            "first": first, "second": second,
            "shop": factories.user(db, role=Role.ENTERPRISE, business_code=code),
            "other shop": factories.user(db, role=Role.ENTERPRISE, business_code=other),
            "first user": factories.user(db, role=Role.OFFICER, officer_id=first),
            "second user": factories.user(db, role=Role.OFFICER, officer_id=second),
            "far": factories.user(db, role=Role.OFFICER,
                                  officer_id=factories.officer(db, unit_id="U-YX"))}


@pytest.fixture(scope="module")
def filed(site, db, scene):
    """The business applies for credit repair with a receipt, and objects to its inspection."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(get_settings(), "repair_wait_days", 0)
        repair.record_fulfilment(db, actor=factories.ADMIN, decision_number=scene["number"],
                                 fulfilled_on=factories.days_from_today(0))
        sign_in(site, scene["shop"])
        applied = site.post("/me/repair", data={
            "statement": "已停业整改并缴清罚款", "evidence-title-0": "罚款缴纳凭证",
            "evidence-note-0": "缴款收据", "csrf_token": form_token(site, "/me")},
            files={"evidence-file-0": ("缴款收据.pdf", PDF, "application/pdf"),
                   "evidence-file-1": ("整改报告.pdf", PDF, "application/pdf"),
                   "evidence-file-2": ("信用承诺书.pdf", PDF, "application/pdf")}, headers=ENGLISH,
            follow_redirects=False)
        assert applied.status_code == 303, applied.text
    owner = Actor(username=scene["shop"], role=Role.ENTERPRISE, business_code=scene["code"])
    objection = objections.file(db, actor=owner, data=ObjectionCreate(
        business_code=scene["code"], record_kind=RecordKind.INSPECTION, record_id=scene["inspection"],
        reason="检查当天冷藏设施正在维修"))
    application = repair.list_for(db, actor=factories.ADMIN, business_code=scene["code"]).data[0]
    file_id = application.evidence[0].file_id
    return {"application": application.id, "file": file_id, "objection": objection.id,
            "link": f"/me/repair/{application.id}/evidence/{file_id}"}


def _card(page: str, name: str) -> str:
    start = page.index(f'class="card card-{name}"')
    return page[start:page.index("</section>", start)]


def test_the_officer_sees_whose_application_and_objection_it_is(site, scene, filed):
    sign_in(site, scene["first user"])
    page = site.get("/me", headers=ENGLISH).text
    repairs, objected = _card(page, "repairs-to-decide"), _card(page, "objections-to-decide")
    for card in (repairs, objected):
        assert f'href="/b/{scene["code"]}">九记面馆</a>' in card and scene["code"] in card
    # an inspection objected to is named by its date, as the business names it, never by its id
    assert "Inspection of 20" in objected and scene["inspection"] not in objected.split("<form", 1)[0]


def test_each_piece_of_evidence_opens_its_file(site, scene, filed):
    sign_in(site, scene["first user"])
    repairs = _card(site.get("/me", headers=ENGLISH).text, "repairs-to-decide")
    assert f'href="{filed["link"]}"' in repairs and "缴款收据" in repairs
    got = site.get(filed["link"])
    assert got.status_code == 200 and got.content == PDF
    assert got.headers["Content-Type"] == "application/pdf"
    assert got.headers["Content-Disposition"].startswith("attachment;")
    assert got.headers["X-Content-Type-Options"] == "nosniff"
    assert got.headers["Cache-Control"].startswith("private")
    sign_in(site, scene["shop"])   # the business opens its own, from its own application
    assert f'href="{filed["link"]}"' in _card(site.get("/me", headers=ENGLISH).text, "repair")
    assert site.get(filed["link"]).status_code == 200


@pytest.mark.parametrize("who", ["other shop", "far"])
def test_nobody_else_opens_a_file_or_learns_it_exists(site, scene, filed, who):
    sign_in(site, scene[who])
    for path in (filed["link"], f"/me/repair/{filed['application']}/evidence/{'0' * 24}"):
        got = site.get(path, headers=ENGLISH)
        assert got.status_code == 403 and "%PDF" not in got.text


def test_a_file_not_of_that_application_is_not_found_and_strangers_sign_in(site, scene, filed):
    sign_in(site, scene["first user"])
    assert site.get(f"/me/repair/{filed['application']}/evidence/{'0' * 24}").status_code == 404
    assert site.get(f"/me/repair/{'0' * 24}/evidence/{filed['file']}").status_code == 404
    site.cookies.clear()
    signed_out = site.get(filed["link"], follow_redirects=False)
    assert signed_out.status_code == 303 and "/login" in signed_out.headers["location"]


def test_a_decision_is_never_preselected_and_is_refused_without_a_choice(site, db, scene, filed):
    sign_in(site, scene["first user"])
    page = site.get("/me", headers=ENGLISH).text
    for prefix in (f"repair-{filed['application']}", f"objection-{filed['objection']}"):
        radios = re.findall(rf'<input[^>]*id="{prefix}-approve-(?:yes|no)"[^>]*>', page)
        assert len(radios) == 2 and all("checked" not in tag and "required" in tag for tag in radios)
    path = f"/me/repair/{filed['application']}/decide"
    for sent in ({"reason": "材料齐全"}, {"approve": "maybe", "reason": "材料齐全"}):
        refused = post_form(site, path, sent, page="/me")
        assert refused.status_code == 422 and "Decision: This field is required." in refused.text
        assert ">材料齐全</textarea>" in refused.text   # the reason as typed
        assert f'id="repair-{filed["application"]}-approve-error"' in refused.text   # the field marked
    assert db.repair_applications.find_one({"business_code": scene["code"]})["status"] == "pending"
    objection = post_form(site, f"/me/objections/{filed['objection']}/decide", {"reason": "结论无误"},
                          page="/me")
    assert objection.status_code == 422 and "Decision: This field is required." in objection.text
    rejected = post_form(site, path, {"approve": "no", "reason": "材料不全"}, page="/me")
    assert rejected.headers["location"] == "/me?done=decided"
    assert db.repair_applications.find_one({"business_code": scene["code"]})["status"] == "rejected"


def test_a_revisit_names_the_business_and_the_officer_and_is_chosen(site, db, scene):
    inspection = factories.inspection(db, scene["code"], [scene["first"], scene["second"]])
    sign_in(site, scene["shop"])
    rated = post_form(site, "/me/evaluate", {"inspection_id": inspection, "officer_id": scene["first"],
                                             "level": "very_dissatisfied", "comment": "态度生硬"}, page="/me")
    assert rated.status_code == 303
    evaluation = str(db.evaluations.find_one({"inspection_id": inspection})["_id"])
    sign_in(site, scene["second user"])   # a colleague revisits
    follow_ups = _card(site.get("/me", headers=ENGLISH).text, "follow-ups")
    row = follow_ups[:follow_ups.index(f'id="revisit-form-{evaluation}"')]
    assert f'href="/b/{scene["code"]}">九记面馆</a>' in row
    assert "Officer evaluated" in row and f'href="/officers/{scene["first"]}">叶执法</a>' in row
    radios = re.findall(rf'<input[^>]*id="rectified-{evaluation}-(?:yes|no)"[^>]*>', follow_ups)
    assert len(radios) == 2 and all("checked" not in tag and "required" in tag for tag in radios)
    refused = post_form(site, f"/me/evaluations/{evaluation}/revisit", {"note": "回访企业"}, page="/me")
    assert refused.status_code == 422 and "Was it put right?: This field is required." in refused.text
    assert ">回访企业</textarea>" in refused.text
    assert db.evaluations.find_one({"inspection_id": inspection})["follow_up"]["status"] == "open"


def test_the_business_chooses_its_evaluation_of_an_officer(site, db, scene):
    inspection = factories.inspection(db, scene["code"], [scene["first"], scene["second"]],
                                      result="basically_compliant")
    sign_in(site, scene["shop"])
    page = site.get("/me", headers=ENGLISH).text
    level = re.search(rf'<select[^>]*id="evaluate-{inspection}-level"[^>]*>(.*?)</select>', page, re.S)
    assert level and "required" in level.group(0)
    assert re.search(r'<option selected value="">', level.group(1))   # nothing chosen yet
    refused = post_form(site, "/me/evaluate", {"inspection_id": inspection, "officer_id": scene["second"],
                                               "level": "", "comment": "留言保留"}, page="/me")
    assert refused.status_code == 422
    assert "Your evaluation: Choose one of the options offered." in refused.text
    assert "留言保留" in refused.text and f'id="evaluate-{inspection}-level-error"' in refused.text
    assert db.evaluations.count_documents({"inspection_id": inspection}) == 0
