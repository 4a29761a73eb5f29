"""Portal forms clean text as the JSON API does: NFC on the way in, control, private-use and
unassigned characters refused with the form's own readable error, what was typed kept."""

import pytest

from backend.users.schemas import Role
from tests import factories
from tests.portal.conftest import ENGLISH, form_token, post_form, sign_in


@pytest.fixture(scope="module")
def scene(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    code = factories.business(db, name="文字小馆")
    return {"code": code,
            "officer": factories.user(db, role=Role.OFFICER, officer_id=factories.officer(db))}


def _complain(site, code, text):
    token = form_token(site, f"/complain/{code}")
    return site.post(f"/complain/{code}", headers=ENGLISH,
                     data={"category": "hygiene", "text": text, "phone": "", "csrf_token": token})


@pytest.mark.parametrize("bad, shown", [("\x07", "U+0007"), ("\ue000", "U+E000"),
                                        ("\u0378", "U+0378")])
def test_a_complaint_with_a_refused_character_is_sent_back_readably(site, db, scene, bad, shown):
    db.rate_limits.delete_many({})
    before = db.complaints.count_documents({})
    response = _complain(site, scene["code"], f"后厨很脏{bad}有苍蝇")
    assert response.status_code == 422
    assert (f"Text may not contain control, private-use or unassigned characters "
            f"(found {shown})") in response.text
    assert "后厨很脏" in response.text  # the form comes back with what was typed
    assert db.complaints.count_documents({}) == before


def test_form_text_is_stored_nfc_normalised(site, db, scene):
    db.rate_limits.delete_many({})
    response = _complain(site, scene["code"], "Cafe\u0301 后厨很脏，有苍蝇")
    assert response.status_code == 200, response.text
    stored = db.complaints.find_one({}, sort=[("_id", -1)])
    assert stored["text"].startswith("Caf\u00e9 ")


def test_a_penalty_form_with_a_control_character_stores_nothing(site, db, scene):
    sign_in(site, scene["officer"])
    decided_on = factories.days_from_today(-1)
    number = f"穗天市监罚〔{decided_on.year}〕555号"
    response = post_form(site, "/me/penalty", {
        "code": scene["code"], "decision_number": number, "facts": "使用\x1b过期原料",
        "legal_basis": "《食品安全法》第一百二十四条", "measures": "warning", "fine_yuan": "0",
        "decided_on": str(decided_on)}, page=f"/me/penalty?code={scene['code']}")
    assert "Text may not contain control" in response.text and "U+001B" in response.text
    assert number in response.text and "过期原料" in response.text  # the form, as typed
    assert db.penalties.count_documents({"decision_number": number}) == 0
