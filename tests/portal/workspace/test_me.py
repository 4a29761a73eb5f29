"""The /me workspaces: a business evaluates its inspectors; officers answer and revisit; nobody
sees or acts on another business; officer profiles show the figures."""

import re

import pytest

from backend.users.schemas import Role
from tests import factories
from tests.portal.conftest import ENGLISH, post_form, sign_in


@pytest.fixture(scope="module")
def scene(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    first = factories.officer(db, name="郑执法")
    second = factories.officer(db, name="王执法")
    code = factories.business(db, name="我的小店", established_on=factories.days_from_today(-2000))
    other = factories.business(db, name="别人的店")
    inspection = factories.inspection(db, code, [first, second], result="basically_compliant")
    foreign = factories.inspection(db, other, [first, second])
    return {"code": code, "other": other, "first": first, "second": second,
            "inspection": inspection, "foreign": foreign,
            "shop": factories.user(db, role=Role.ENTERPRISE, business_code=code),
            "other shop": factories.user(db, role=Role.ENTERPRISE, business_code=other),
            "first user": factories.user(db, role=Role.OFFICER, officer_id=first),
            "second user": factories.user(db, role=Role.OFFICER, officer_id=second)}


def _evaluate(site, scene, inspection, officer, level="very_dissatisfied"):
    return post_form(site, "/me/evaluate", {"inspection_id": inspection, "officer_id": officer,
                                            "level": level, "comment": "检查时态度生硬"}, page="/me")


def test_the_business_sees_only_its_own_record(site, scene):
    sign_in(site, scene["shop"])
    page = site.get("/me", headers=ENGLISH).text
    assert "我的小店" in page and "别人的店" not in page
    assert f'id="inspection-{scene["inspection"]}"' in page
    assert f'id="inspection-{scene["foreign"]}"' not in page
    assert "Very dissatisfied" in page and "郑执法" in page
    assert f"<dt>Established</dt><dd>{factories.days_from_today(-2000)}</dd>" in page


def test_another_business_cannot_evaluate_my_inspection(site, scene, db):
    sign_in(site, scene["other shop"])
    response = _evaluate(site, scene, scene["inspection"], scene["first"])
    assert response.status_code == 403 and "only act for its own business" in response.text
    assert db.evaluations.count_documents({"inspection_id": scene["inspection"]}) == 0


def test_evaluate_then_answer_then_revisit(site, scene, db):
    sign_in(site, scene["shop"])
    response = _evaluate(site, scene, scene["inspection"], scene["first"])
    assert response.status_code == 303 and response.headers["location"] == "/me?done=evaluated"
    page = site.get("/me?done=evaluated", headers=ENGLISH).text
    assert "your evaluation is recorded" in page
    assert "Follow-up open" in page and "rectify by" in page
    # once per inspection: the same officer is no longer offered, a forged second post is refused
    form = re.search(r'<form[^>]*id="evaluate-' + scene["inspection"] + r'".*?</form>', page, re.S)
    assert form and scene["first"] not in form.group(0) and scene["second"] in form.group(0)
    again = _evaluate(site, scene, scene["inspection"], scene["first"], level="satisfied")
    assert again.status_code == 409 and "already evaluated this officer" in again.text

    evaluation = db.evaluations.find_one({"inspection_id": scene["inspection"]})
    sign_in(site, scene["first user"])
    mine = site.get("/me", headers=ENGLISH).text
    assert "检查时态度生硬" in mine and "A colleague of your unit records the revisit" in mine
    assert re.search(rf'id="answer-{evaluation["_id"]}" maxlength="1000"', mine)
    long = post_form(site, f"/me/evaluations/{evaluation['_id']}/answer", {"text": "谢谢" * 501}, page="/me")
    assert long.status_code == 422
    assert "Your public answer: Must be at most 1000 characters long." in long.text
    assert f">{'谢谢' * 501}</textarea>" in long.text  # kept whole, the form open
    answered = post_form(site, f"/me/evaluations/{evaluation['_id']}/answer",
                         {"text": "感谢监督，已改进沟通方式。"}, page="/me")
    assert answered.headers["location"] == "/me?done=answered"
    twice = post_form(site, f"/me/evaluations/{evaluation['_id']}/answer",  # a second tab, a double click
                      {"text": "感谢监督，已改进沟通方式。"}, page=f"/me/inspect?code={scene['code']}")
    assert twice.status_code == 409 and "already been answered" in twice.text
    refused = post_form(site, f"/me/evaluations/{evaluation['_id']}/revisit",
                        {"rectified": "yes", "note": "自己说已整改"},
                        page=f"/me/inspect?code={scene['code']}")  # /me has no form left
    assert refused.status_code == 403

    sign_in(site, scene["second user"])
    long = post_form(site, f"/me/evaluations/{evaluation['_id']}/revisit",
                     {"rectified": "no", "note": "回访" * 501}, page="/me")
    assert long.status_code == 422
    assert "What the revisit found: Must be at most 1000 characters long." in long.text
    assert f">{'回访' * 501}</textarea>" in long.text
    assert f'<input checked id="rectified-{evaluation["_id"]}-no"' in long.text
    revisited = post_form(site, f"/me/evaluations/{evaluation['_id']}/revisit",
                          {"rectified": "yes", "note": "回访企业，对整改表示认可"}, page="/me")
    assert revisited.headers["location"] == "/me?done=revisited"

    profile = site.get(f"/officers/{scene['first']}", headers=ENGLISH).text
    assert "感谢监督，已改进沟通方式。" in profile and "回访企业，对整改表示认可" in profile
    assert "<strong>1</strong> Bad ones rectified" in profile
    assert "Inspector consistency" in profile and "comparable inspections" in profile
    assert "<dt>Tasks handled</dt><dd>0</dd>" in profile
    assert "<dt>Tasks handled</dt><dd>1</dd>" in site.get(f"/officers/{scene['second']}",
                                                         headers=ENGLISH).text


def test_an_officer_sees_the_units_work(site, scene):
    sign_in(site, scene["second user"])
    page = site.get("/me", headers=ENGLISH).text
    assert 'href="/me/inspect"' in page and 'href="/me/penalty"' in page
    assert "Tasks" in page


def test_a_refused_evaluation_keeps_what_was_typed(site, scene, db):
    sign_in(site, scene["shop"])
    inspection = factories.inspection(db, scene["code"], [scene["first"], scene["second"]])
    response = post_form(site, "/me/evaluate", {"inspection_id": inspection, "officer_id": scene["second"],
                                                "level": "furious", "comment": "措辞保留"}, page="/me")
    assert response.status_code == 422 and "level" in response.text and "措辞保留" in response.text
    comment = "措辞保留" * 251  # 1004 characters: refused, not cut to 1000
    long = post_form(site, "/me/evaluate", {"inspection_id": inspection, "officer_id": scene["second"],
                                            "level": "satisfied", "comment": comment}, page="/me")
    assert long.status_code == 422 and "Comment: Must be at most 1000 characters long." in long.text
    assert f">{comment}</textarea>" in long.text
    assert db.evaluations.count_documents({"inspection_id": inspection}) == 0


@pytest.mark.parametrize("code", ["", "not-a-code", '"><script>alert(1)</script>'])
def test_a_done_notice_links_a_record_only_for_a_well_formed_code(site, scene, code):
    sign_in(site, scene["first user"])
    page = site.get("/me", params={"done": "penalty", "code": code}, headers=ENGLISH).text
    assert "The penalty decision is recorded and published." in page
    assert ">Public record</a>" not in page and "<script>alert" not in page


def test_officers_of_another_unit_and_administrators(site, scene, db):
    factories.unit(db, id="U-YX", districts=("越秀区",))
    far = factories.user(db, role=Role.OFFICER, officer_id=factories.officer(db, unit_id="U-YX"))
    sign_in(site, far)
    page = site.get("/me", headers=ENGLISH).text
    assert "No follow-up is open in your unit." in page and "检查时态度生硬" not in page
    sign_in(site, factories.user(db, role=Role.ADMIN))
    assert 'href="/admin/lists"' in site.get("/me", headers=ENGLISH).text
