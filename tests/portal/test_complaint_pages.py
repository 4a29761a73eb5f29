"""Complaints on the portal with plain form posts (no script): complain, track, reopen, rate."""

import re

import pytest

from backend.tasks import service as tasks
from backend.tasks.schemas import TaskClose
from tests import factories
from tests.factories import ADMIN
from tests.portal.conftest import ENGLISH, form_token

JPEG = factories.photo()


@pytest.fixture(autouse=True)
def _fresh_limits(db):
    db.rate_limits.delete_many({})


@pytest.fixture(scope="module")
def shop(db):
    return factories.business(db, district="天河区", name="投诉测试小馆")


def _complain(site, code, **fields):
    data = {"category": "hygiene", "text": "后厨很脏，有苍蝇", "phone": "",
            "csrf_token": form_token(site, f"/complain/{code}")} | fields
    return site.post(f"/complain/{code}", data=data, headers=ENGLISH,
                     files=[("photos", ("p.jpg", JPEG, "image/jpeg"))])


def _tracking_code(html: str) -> str:
    return re.search(r'id="tracking-code">([A-Z0-9]+)<', html).group(1)


def test_the_qr_page_links_to_the_complaint_form(site, shop):
    page = site.get(f"/b/{shop}", headers=ENGLISH).text
    assert f'href="/complain/{shop}"' in page
    form = site.get(f"/complain/{shop}", headers=ENGLISH).text
    assert 'enctype="multipart/form-data"' in form and 'name="photos"' in form
    assert "<script" not in form.split('id="react-entry-point"')[1]  # works before any script


def test_complain_then_follow_without_scripts(site, db, shop):
    sent = _complain(site, shop, phone="13912345678")
    assert sent.status_code == 200 and sent.history[0].status_code == 303  # reloading sends nothing
    code = _tracking_code(sent.text)
    assert "139****5678" in sent.text and "13912345678" not in sent.text
    tracked = site.get(f"/track/{code}", headers=ENGLISH)
    assert tracked.status_code == 200 and "Complaint received" in tracked.text
    assert "Decide whether to accept" in tracked.text and "working days left" in tracked.text
    assert "苍蝇" not in tracked.text and "13912345678" not in tracked.text
    assert site.get(f"/track?code={code.lower()}", follow_redirects=False).headers["location"] \
        == f"/track/{code.upper()}"


def test_a_refused_complaint_keeps_what_was_typed(site, shop):
    sent = _complain(site, shop, text="脏", phone="12")
    assert sent.status_code == 422 and "后厨" not in sent.text
    assert ">脏</textarea>" in sent.text and 'value="12"' in sent.text
    # each refused field by the name its reader knows, not the API's spelling of it
    assert "Text: Must be at least 5 characters long. Phone: This does not look like a phone " \
        "number." in sent.text
    chinese = site.post(f"/complain/{shop}", headers={"Accept-Language": "zh-CN"}, data={
        "category": "hygiene", "text": "脏", "csrf_token": form_token(site, f"/complain/{shop}")})
    assert chinese.status_code == 422 and "内容：至少要 5 个字。" in chinese.text
    assert "text:" not in chinese.text
    forged = site.post(f"/complain/{shop}", data={"category": "hygiene", "text": "没有令牌的投诉"},
                       headers=ENGLISH)
    assert forged.status_code == 403 and "did not come from this site" in forged.text


def test_a_refused_complaint_says_its_photos_must_be_chosen_again(site, shop):
    two = [("photos", (f"p{n}.jpg", JPEG, "image/jpeg")) for n in (1, 2)]
    sent = site.post(f"/complain/{shop}", headers=ENGLISH, files=two, data={
        "category": "hygiene", "text": "脏", "csrf_token": form_token(site, f"/complain/{shop}")})
    assert sent.status_code == 422
    form = sent.text[sent.text.index('id="complaint-photos"'):]
    note = "The 2 photos you chose were not kept: please choose them again."
    assert note in form[:form.index('for="complaint-phone"')]  # beside the photo field
    one = site.post(f"/complain/{shop}", headers=ENGLISH, files=two[:1], data={
        "category": "hygiene", "text": "脏", "csrf_token": form_token(site, f"/complain/{shop}")})
    assert "The 1 photo you chose was not kept: please choose it again." in one.text
    without = site.post(f"/complain/{shop}", headers=ENGLISH, data={
        "category": "hygiene", "text": "脏", "csrf_token": form_token(site, f"/complain/{shop}")})
    assert without.status_code == 422 and "were not kept" not in without.text
    assert "was not kept" not in without.text


@pytest.mark.parametrize("field, typed, refusal", [
    ("text", "后厨很脏" * 625, "Text: Must be at most 2000 characters long."),
    ("phone", "1" * 31, "Phone: Must be at most 30 characters long."),
])
def test_an_over_long_complaint_is_refused_not_cut(site, db, shop, field, typed, refusal):
    before = db.complaints.count_documents({})
    sent = _complain(site, shop, **{field: typed})
    assert sent.status_code == 422 and refusal in sent.text
    assert typed in sent.text  # all of it, to shorten and send again
    assert db.complaints.count_documents({}) == before


def test_reopen_once_and_rate_after_closing(site, db, shop):
    code = _tracking_code(_complain(site, shop).text)
    complaint = db.complaints.find_one({"tracking_code": code})
    tasks.close(db, actor=ADMIN, task_id=complaint["task_id"], data=TaskClose(result="已责令清洁"))
    page = site.get(f"/track/{code}", headers=ENGLISH).text
    assert "已责令清洁" in page and "Was the problem fixed?" in page and "Reopen this complaint" in page
    token = form_token(site, f"/track/{code}")
    short = site.post(f"/track/{code}/reopen", data={"reason": "还有", "csrf_token": token},
                      headers=ENGLISH)
    assert short.status_code == 422 and ">还有</textarea>" in short.text  # kept, to say more
    long = site.post(f"/track/{code}/reopen", data={"reason": "还很脏" * 334, "csrf_token": token},
                     headers=ENGLISH)
    assert long.status_code == 422 and "Reason: Must be at most 1000 characters long." in long.text
    assert f">{'还很脏' * 334}</textarea>" in long.text  # all of it, not the first 1000
    for unknown in ({"satisfied": "maybe"}, {}):  # only the form's two buttons count
        odd = site.post(f"/track/{code}/feedback", data=unknown | {"csrf_token": token}, headers=ENGLISH)
        assert odd.status_code == 422 and "Satisfied: Must be yes or no" in odd.text
    assert db.complaints.find_one({"tracking_code": code})["feedback"] is None
    reopened = site.post(f"/track/{code}/reopen", data={"reason": "苍蝇还是很多", "csrf_token": token},
                         headers=ENGLISH)
    assert reopened.status_code == 200 and "Reopened by the complainant" in reopened.text
    assert "Reopen this complaint" not in reopened.text
    tasks.close(db, actor=ADMIN, task_id=complaint["task_id"], data=TaskClose(result="复查合格"))
    rated = site.post(f"/track/{code}/feedback", data={"satisfied": "yes", "csrf_token": token},
                      headers=ENGLISH)
    assert "Your rating" in rated.text and "Was the problem fixed?" not in rated.text
    again = site.post(f"/track/{code}/reopen", data={"reason": "我还想再开一次", "csrf_token": token},
                      headers=ENGLISH)
    assert again.status_code == 409 and "already reopened once" in again.text


def test_a_reopen_is_not_refused_for_complaints_from_the_same_network(site, db, shop, monkeypatch):
    from backend.config import get_settings

    monkeypatch.setattr(get_settings(), "complaint_rate_limit", 1)
    code = _tracking_code(_complain(site, shop).text)
    token = form_token(site, f"/complain/{shop}")  # this browser's token; the tracker has no form yet
    early = site.post(f"/track/{code}/reopen", data={"reason": "苍蝇还是很多", "csrf_token": token},
                      headers=ENGLISH)
    assert early.status_code == 409 and "Only a closed complaint can be reopened." in early.text
    complaint = db.complaints.find_one({"tracking_code": code})
    tasks.close(db, actor=ADMIN, task_id=complaint["task_id"], data=TaskClose(result="已责令清洁"))
    assert _complain(site, shop).status_code == 429  # someone else on this Wi-Fi used the hour up
    reopened = site.post(f"/track/{code}/reopen", data={"reason": "苍蝇还是很多", "csrf_token": token},
                         headers=ENGLISH)
    assert reopened.status_code == 200 and "Reopened by the complainant" in reopened.text


def test_a_refused_photo_does_not_count_against_the_limit(site, shop, monkeypatch):
    from backend.config import get_settings

    monkeypatch.setattr(get_settings(), "complaint_rate_limit", 1)
    token = form_token(site, f"/complain/{shop}")
    for _ in range(3):  # not a picture, sent again and again
        refused = site.post(f"/complain/{shop}", headers=ENGLISH, files=[
            ("photos", ("p.jpg", b"not a picture at all", "image/jpeg"))], data={
            "category": "hygiene", "text": "后厨很脏，有苍蝇", "csrf_token": token})
        assert refused.status_code == 422
    assert _complain(site, shop).status_code == 200  # the mended one goes through
    limited = _complain(site, shop)
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) >= 1


def test_unknown_codes_and_businesses(site):
    assert site.get("/track/23456789ABCD", headers=ENGLISH).status_code == 404
    assert site.get(f"/complain/{factories.valid_code(999_999)}", headers=ENGLISH).status_code == 404
    typo = factories.valid_code(999_998)
    typo = typo[:-1] + ("X" if typo[-1] != "X" else "Y")  # the check character gives it away
    response = site.get(f"/complain/{typo}", headers=ENGLISH)
    assert response.status_code == 422 and "This is not a valid credit code" in response.text
    grades = site.get(f"/grades/{typo}", headers=ENGLISH)
    assert grades.status_code == 422 and "This is not a valid credit code" in grades.text


def test_no_photo_field_when_complaints_may_carry_none(site, shop, monkeypatch):
    from backend.config import get_settings

    assert 'name="photos"' in site.get(f"/complain/{shop}", headers=ENGLISH).text
    monkeypatch.setattr(get_settings(), "complaint_max_photos", 0)
    form = site.get(f"/complain/{shop}", headers=ENGLISH).text
    assert 'name="photos"' not in form and "up to 0" not in form and "Photos (optional" not in form
    token = form_token(site, f"/complain/{shop}")
    refused = site.post(f"/complain/{shop}", headers=ENGLISH,
                        data={"category": "", "text": "后厨很脏", "csrf_token": token})
    assert refused.status_code == 422 and 'name="photos"' not in refused.text  # drawn again, still none
