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


def test_officers_of_another_unit_and_administrators(site, scene, db):
    factories.unit(db, id="U-YX", districts=("越秀区",))
    far = factories.user(db, role=Role.OFFICER, officer_id=factories.officer(db, unit_id="U-YX"))
    sign_in(site, far)
    page = site.get("/me", headers=ENGLISH).text
    assert "No follow-up is open in your unit." in page and "检查时态度生硬" not in page
    sign_in(site, factories.user(db, role=Role.ADMIN))
    assert 'href="/admin/lists"' in site.get("/me", headers=ENGLISH).text
