"""The officer's four-step inspection form: choose, tick, see the result, set opinion and deadline."""

import re

import pytest

from backend import i18n
from backend.inspections import checklists
from backend.inspections.checklists import Finding
from backend.inspections.schemas import InspectionResult
from backend.users.schemas import Role
from tests import factories
from tests.portal.conftest import ENGLISH, form_token, sign_in


@pytest.mark.parametrize(("findings", "result"), [
    ([Finding.NO_PROBLEM, Finding.NO_PROBLEM], InspectionResult.COMPLIANT),
    ([Finding.NO_PROBLEM, Finding.NOT_CHECKED], InspectionResult.COMPLIANT),
    ([Finding.MINOR, Finding.NO_PROBLEM], InspectionResult.BASICALLY_COMPLIANT),
    ([Finding.MINOR, Finding.SERIOUS], InspectionResult.NON_COMPLIANT),
    ([Finding.SERIOUS], InspectionResult.NON_COMPLIANT),
])
def test_the_ticks_give_the_result(findings, result):
    assert checklists.result_for(findings) == result


@pytest.fixture(scope="module")
def scene(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    factories.unit(db, id="U-YX", districts=("越秀区",))
    me, colleague = factories.officer(db, name="孙执法"), factories.officer(db, name="周执法")
    far = factories.officer(db, unit_id="U-YX", name="吴执法")
    code = factories.business(db, name="四步小馆")
    away = factories.business(db, district="越秀区", name="越秀外店")
    return {"code": code, "away": away, "colleague": colleague, "far": far,
            "user": factories.user(db, role=Role.OFFICER, officer_id=me),
            "shop": factories.user(db, role=Role.ENTERPRISE, business_code=code)}


def _ticks(minor_at: int | None = None) -> dict[str, str]:
    ticks = {f"item-{n}": "ok" for n in range(len(checklists.FOOD_CHECKLIST))}
    if minor_at is not None:
        ticks[f"item-{minor_at}"], ticks[f"note-{minor_at}"] = "minor", "冰箱除霜不及时"
    return ticks


def test_step_one_lists_only_the_units_businesses(site, scene):
    sign_in(site, scene["user"])
    page = site.get("/me/inspect?q=店", headers=ENGLISH).text
    assert "Choose the business" in page
    assert "越秀外店" not in page
    found = site.get("/me/inspect?q=四步", headers=ENGLISH).text
    assert f'href="/me/inspect?code={scene["code"]}"' in found


def test_the_whole_flow_publishes_the_inspection(site, scene, api):
    sign_in(site, scene["user"])
    step2 = site.get(f"/me/inspect?code={scene['code']}", headers=ENGLISH).text
    assert "Food storage" in step2 and "Minor problem" in step2  # the item in the page's language
    assert "食品贮存" in site.get(f"/me/inspect?code={scene['code']}",
                               headers={"Accept-Language": "zh-CN"}).text
    token = form_token(site, f"/me/inspect?code={scene['code']}")
    step3 = site.post("/me/inspect/check", data={"code": scene["code"], **_ticks(4),
                                                  "csrf_token": token}, headers=ENGLISH)
    assert step3.status_code == 200
    assert re.search(r'id="inspect-result".*Basically compliant', step3.text)
    assert "Food storage: 冰箱除霜不及时" in step3.text
    assert "周执法" in step3.text and "吴执法" not in step3.text  # co-inspectors of the unit
    # no co-inspector: refused with the reason, the ticks kept
    alone = site.post("/me/inspect", data={"code": scene["code"], **_ticks(4), "date": "",
                                           "source": "routine", "opinion": "限期整改",
                                           "deadline": "", "csrf_token": token}, headers=ENGLISH)
    assert "at least two different officers" in alone.text
    assert 'value="minor"' in alone.text and "限期整改" in alone.text
    done = site.post("/me/inspect", data={
        "code": scene["code"], **_ticks(4), "date": str(factories.days_from_today(0)),
        "source": "routine", "co": scene["colleague"], "opinion": "当场指出，限期整改",
        "deadline": str(factories.days_from_today(14)), "csrf_token": token},
        headers=ENGLISH, follow_redirects=False)
    assert done.status_code == 303
    assert done.headers["location"] == f"/me?done=inspected_rectify&code={scene['code']}"
    said = site.get(done.headers["location"], headers=ENGLISH).text
    assert "The inspection is recorded and published. The business has a rectification task" in said
    assert re.search(rf'<a href="/b/{scene["code"]}\?s=[\w-]+">Public record</a>', said)
    record = api.get(f"/api/v1/businesses/{scene['code']}").json()
    latest = record["inspections"][0]
    assert latest["result"] == "basically_compliant" and latest["opinion"] == "当场指出，限期整改"
    assert latest["items_found"] == ["食品贮存：冰箱除霜不及时"]  # recorded as the checklist names it
    assert {officer["name"] for officer in latest["officers"]} == {"孙执法", "周执法"}


def test_a_posted_result_is_ignored_the_ticks_decide(site, scene, api):
    sign_in(site, scene["user"])
    token = form_token(site, f"/me/inspect?code={scene['code']}")
    serious = _ticks() | {"item-0": "serious", "note-0": "未公示许可证"}
    site.post("/me/inspect", data={
        "code": scene["code"], **serious, "result": "compliant", "source": "routine",
        "date": str(factories.days_from_today(0)), "co": scene["colleague"],
        "deadline": str(factories.days_from_today(7)), "csrf_token": token}, headers=ENGLISH)
    assert api.get(f"/api/v1/businesses/{scene['code']}").json()["inspections"][0]["result"] \
        == "non_compliant"


def test_outside_the_unit_and_non_officers_are_refused(site, scene):
    sign_in(site, scene["user"])
    away = site.get(f"/me/inspect?code={scene['away']}", headers=ENGLISH)
    assert away.status_code == 403 and "outside your unit" in away.text
    sign_in(site, scene["shop"])
    assert site.get("/me/inspect", headers=ENGLISH).status_code == 403


def test_without_the_form_token_nothing_is_recorded(site, scene, db):
    sign_in(site, scene["user"])
    before = db.inspections.count_documents({})
    response = site.post("/me/inspect", data={"code": scene["code"], **_ticks(), "co": scene["colleague"]},
                         headers=ENGLISH)
    assert response.status_code == 403 and db.inspections.count_documents({}) == before


def test_signed_out_visitors_are_sent_to_sign_in(site):
    site.cookies.clear()
    response = site.get("/me/inspect", headers=ENGLISH, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login?next=")


def test_a_finding_is_shown_in_the_pages_language_and_kept_as_recorded():
    with i18n.language("en"):
        assert checklists.found_label("虫害防控：发现蟑螂") == "Pest control: 发现蟑螂"
        assert checklists.found_label("虫害防控") == "Pest control"
        assert checklists.found_label("后院堆放杂物") == "后院堆放杂物"  # not a checklist item
    with i18n.language("zh-Hant"):
        assert checklists.found_label("虫害防控：发现蟑螂") == "蟲害防控：发现蟑螂"
    with i18n.language("zh-Hans"):
        assert checklists.found_label("虫害防控：发现蟑螂") == "虫害防控：发现蟑螂"


def test_a_checklist_with_nothing_checked_comes_back_as_ticked(site, scene):
    sign_in(site, scene["user"])
    token = form_token(site, f"/me/inspect?code={scene['code']}")
    items = range(len(checklists.FOOD_CHECKLIST))
    posted = {f"item-{n}": "not_checked" for n in items} | {f"note-{n}": f"备注{n}" for n in items}
    answer = site.post("/me/inspect/check", data={"code": scene["code"], **posted, "csrf_token": token},
                       headers=ENGLISH)
    page = answer.text
    assert answer.status_code == 422 and "Check at least one item of the checklist." in page
    for n in items:
        assert f'<input checked id="item-{n}-not_checked"' in page
        assert f'<input checked id="item-{n}-ok"' not in page
        assert f'value="备注{n}"' in page


def test_an_over_long_opinion_is_refused_with_its_limit_and_kept_whole(site, scene, db):
    sign_in(site, scene["user"])
    token = form_token(site, f"/me/inspect?code={scene['code']}")
    step3 = site.post("/me/inspect/check", data={"code": scene["code"], **_ticks(4), "csrf_token": token},
                      headers=ENGLISH).text
    assert re.search(r'<textarea id="field-opinion" maxlength="1000"', step3)  # the schema's limit
    before = db.inspections.count_documents({})
    opinion = "限期整改" * 251  # 1004 characters
    refused = site.post("/me/inspect", data={
        "code": scene["code"], **_ticks(4), "date": str(factories.days_from_today(0)),
        "source": "routine", "co": scene["colleague"], "opinion": opinion,
        "deadline": str(factories.days_from_today(14)), "csrf_token": token}, headers=ENGLISH)
    assert refused.status_code == 422
    assert "Opinion: Must be at most 1000 characters long." in refused.text and opinion in refused.text
    assert db.inspections.count_documents({}) == before
