"""Recording a penalty from the officer workspace: published on success, input kept on refusal."""

import re

import pytest

from backend.users.schemas import Role
from tests import factories
from tests.portal.conftest import ENGLISH, post_form, sign_in


@pytest.fixture(scope="module")
def scene(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    factories.unit(db, id="U-YX", districts=("越秀区",))
    code = factories.business(db, name="罚单小馆")
    return {"code": code,
            "user": factories.user(db, role=Role.OFFICER, officer_id=factories.officer(db)),
            "far": factories.user(db, role=Role.OFFICER,
                                  officer_id=factories.officer(db, unit_id="U-YX"))}


YEAR = factories.days_from_today(-1).year  # decision numbers carry the decision's year
NUMBER = f"穗天市监罚〔{YEAR}〕901号"


def _penalty(code, **changes):
    return {"code": code, "decision_number": NUMBER, "facts": "使用过期原料",
            "legal_basis": "《食品安全法》第一百二十四条", "measures": "fine", "fine_yuan": "5000",
            "decided_on": str(factories.days_from_today(-1))} | changes


def test_a_penalty_is_recorded_and_published(site, scene, api):
    sign_in(site, scene["user"])
    page = f"/me/penalty?code={scene['code']}"
    refused = post_form(site, "/me/penalty", _penalty(scene["code"], fine_yuan="0"), page=page)
    assert "A fine amount is required" in refused.text and "使用过期原料" in refused.text
    assert re.search(r'<input[^>]*name="fine_yuan"[^>]*step="0.01"', refused.text)   # 2000.50 is a fine
    done = post_form(site, "/me/penalty", _penalty(scene["code"]), page=page)
    assert done.status_code == 303 and done.headers["location"] == f"/me?done=penalty&code={scene['code']}"
    said = site.get(done.headers["location"], headers=ENGLISH).text
    assert "The penalty decision is recorded and published." in said
    assert re.search(rf'<a href="/b/{scene["code"]}\?s=[\w-]+">Public record</a>', said)
    numbers = [row["decision_number"] for row in api.get(f"/api/v1/businesses/{scene['code']}")
               .json()["penalties"]]
    assert NUMBER in numbers


def test_an_officer_of_another_unit_is_refused(site, scene, db):
    sign_in(site, scene["far"])
    form = site.get(f"/me/penalty?code={scene['code']}", headers=ENGLISH)  # before anything is typed
    assert form.status_code == 403 and "outside your unit" in form.text
    assert 'id="penalty-form"' not in form.text
    other = f"穗天市监罚〔{YEAR}〕902号"
    response = post_form(site, "/me/penalty", _penalty(scene["code"], decision_number=other),
                         page="/login")  # a forged post: this browser's token, from another form
    assert response.status_code == 403 and "outside your unit" in response.text
    assert db.penalties.count_documents({"decision_number": other}) == 0
    assert "Record a penalty" in site.get("/me/penalty?q=罚单", headers=ENGLISH).text


@pytest.mark.parametrize(("field", "limit"), [("facts", 2000), ("legal_basis", 500), ("decision_number", 60)])
def test_over_long_text_is_refused_with_its_limit_and_kept_whole(site, scene, db, field, limit):
    sign_in(site, scene["user"])
    page = f"/me/penalty?code={scene['code']}"
    assert re.search(rf'id="field-{field}" maxlength="{limit}"', site.get(page, headers=ENGLISH).text)
    typed = "违" * (limit + 1)
    refused = post_form(site, "/me/penalty", _penalty(scene["code"], **{field: typed}), page=page)
    assert refused.status_code == 422 and f"Must be at most {limit} characters long." in refused.text
    assert typed in refused.text  # not cut to the limit
    assert db.penalties.count_documents({"business_code": scene["code"], field: typed[:limit]}) == 0
