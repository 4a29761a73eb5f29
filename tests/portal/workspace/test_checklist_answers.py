"""The inspection checklist is answered item by item: nothing preselected, and an item left
unanswered refused by name (never taken as "no problem"), with every answer and note kept."""

import re

import pytest

from backend import i18n
from backend.inspections import checklists
from backend.users.schemas import Role
from tests import factories
from tests.portal.conftest import ENGLISH, form_token, sign_in


@pytest.fixture(scope="module")
def scene(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    code = factories.business(db, name="逐项小馆")
    return {"code": code, "user": factories.user(db, role=Role.OFFICER, officer_id=factories.officer(db))}


def test_no_answer_is_preselected_and_each_is_required(site, scene):
    sign_in(site, scene["user"])
    page = site.get(f"/me/inspect?code={scene['code']}", headers=ENGLISH).text
    radios = re.findall(r'<input[^>]*name="item-\d+"[^>]*>', page)
    assert len(radios) == 4 * len(checklists.FOOD_CHECKLIST)
    assert all(not re.search(r"\schecked[\s>]", tag) and " required " in tag for tag in radios)


def test_an_unanswered_item_is_refused_by_name_and_the_rest_kept(site, scene, db):
    sign_in(site, scene["user"])
    answers = {f"item-{n}": "ok" for n in range(len(checklists.FOOD_CHECKLIST))}
    del answers["item-4"], answers["item-7"]
    answers |= {"item-2": "minor", "note-2": "操作台有油污", "note-4": "冷藏柜温度计缺失"}
    token = form_token(site, f"/me/inspect?code={scene['code']}")
    refused = site.post("/me/inspect/check", headers=ENGLISH,
                        data={"code": scene["code"], **answers, "csrf_token": token})
    assert refused.status_code == 422
    with i18n.language("en"):
        unanswered = [checklists.item_label(checklists.FOOD_CHECKLIST[n]) for n in (4, 7)]
    assert "Not answered: " in refused.text and all(label in refused.text for label in unanswered)
    assert 'id="item-4-error"' in refused.text and 'id="item-7-error"' in refused.text
    assert 'id="item-3-error"' not in refused.text
    assert re.search(r'<input checked id="item-2-minor"', refused.text)   # answers kept
    assert re.search(r'<input checked id="item-0-ok"', refused.text)
    assert not re.search(r'<input checked id="item-4-', refused.text)   # still unanswered, not "ok"
    assert 'value="操作台有油污"' in refused.text and 'value="冷藏柜温度计缺失"' in refused.text
    # step 4 reads the ticks again: an item missing there is refused too, nothing recorded
    record = site.post("/me/inspect", headers=ENGLISH, data={
        "code": scene["code"], **answers, "date": str(factories.days_from_today(0)), "source": "routine",
        "opinion": "", "deadline": "", "csrf_token": token})
    assert record.status_code == 422 and db.inspections.count_documents({"business_code": scene["code"]}) == 0
