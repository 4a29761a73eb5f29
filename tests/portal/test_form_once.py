"""A form sent twice (a double tap, a reload, back and send again) is recorded once: the complaint
form, the fault form and the review form, with plain posts (no script), and the claim underneath."""

import re

import pytest

from backend.equipment import service as equipment
from backend.equipment.schemas import EquipmentCreate
from tests import factories
from tests.factories import ADMIN, days_from_today
from tests.portal.conftest import ENGLISH, form_token

ELEVATOR = "31104401062019000099"
JPEG = factories.photo()
_ONCE_FIELD = re.compile(r'name="once"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="once"')


@pytest.fixture(autouse=True)
def _fresh_limits(db):
    db.rate_limits.delete_many({})


@pytest.fixture(scope="module")
def shop(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    code = factories.business(db, district="天河区", name="双击测试小馆")
    equipment.register(db, actor=ADMIN, data=EquipmentCreate(
        code=ELEVATOR, registration_number="梯11粤A0000099(19)", kind="elevator", business_code=code,
        place="2号客梯", last_maintained_on=days_from_today(-2), next_inspection_on=days_from_today(90)))
    return code


def form_tokens(site, path: str) -> dict[str, str]:
    """The CSRF and one-time tokens of the form on `path`, as a browser showing it would send them."""
    html = site.get(path, headers=ENGLISH).text
    found = _ONCE_FIELD.search(html)
    assert found, f"no one-time token on {path}"
    return {"csrf_token": form_token(site, path), "once": found.group(1) or found.group(2)}


def _complain(site, code, tokens, *, text="后厨很脏，有苍蝇"):
    return site.post(f"/complain/{code}", headers=ENGLISH, follow_redirects=False,
                     data={"category": "hygiene", "text": text, "phone": ""} | tokens,
                     files=[("photos", ("p.jpg", JPEG, "image/jpeg"))])


def test_a_complaint_sent_twice_is_one_complaint(site, db, shop):
    before = db.complaints.count_documents({})
    tokens = form_tokens(site, f"/complain/{shop}")
    first, second = _complain(site, shop, tokens), _complain(site, shop, tokens)
    assert first.status_code == second.status_code == 303
    assert second.headers["location"] == first.headers["location"]  # the first one's tracking page
    assert first.headers["location"].startswith("/track/")
    assert db.complaints.count_documents({}) == before + 1
    tracked = site.get(first.headers["location"], headers=ENGLISH)
    assert tracked.status_code == 200 and "Thank you. The regulator has your complaint." in tracked.text


def test_a_new_form_or_a_changed_text_is_a_new_complaint(site, db, shop):
    before = db.complaints.count_documents({})
    tokens = form_tokens(site, f"/complain/{shop}")
    first = _complain(site, shop, tokens)
    changed = _complain(site, shop, tokens, text="后厨很脏，还有老鼠")  # back, edited, sent again
    fresh = _complain(site, shop, form_tokens(site, f"/complain/{shop}"))  # the form opened anew
    locations = {response.headers["location"] for response in (first, changed, fresh)}
    assert len(locations) == 3 and db.complaints.count_documents({}) == before + 3


def test_another_browser_with_the_same_page_gets_its_own_complaint(site, db, shop):
    before = db.complaints.count_documents({})
    tokens = form_tokens(site, f"/complain/{shop}")
    first = _complain(site, shop, tokens)
    site.cookies.clear()
    other = _complain(site, shop, {"once": tokens["once"],
                                   "csrf_token": form_token(site, f"/complain/{shop}")})
    assert other.headers["location"] != first.headers["location"]
    assert db.complaints.count_documents({}) == before + 2


def test_a_refused_complaint_frees_its_token_and_the_form_keeps_it(site, db, shop):
    before = db.complaints.count_documents({})
    tokens = form_tokens(site, f"/complain/{shop}")
    refused = _complain(site, shop, tokens, text="脏")
    assert refused.status_code == 422
    assert _ONCE_FIELD.search(refused.text).group(1, 2) in ((tokens["once"], None), (None, tokens["once"]))
    mended = _complain(site, shop, tokens)
    assert mended.status_code == 303 and db.complaints.count_documents({}) == before + 1


def test_a_form_without_a_token_is_still_recorded(site, db, shop):
    before = db.complaints.count_documents({})
    sent = _complain(site, shop, {"csrf_token": form_token(site, f"/complain/{shop}")})
    assert sent.status_code == 303 and db.complaints.count_documents({}) == before + 1


def _report(site, tokens, text="按钮失灵，电梯不动"):
    return site.post(f"/e/{ELEVATOR}/fault", headers=ENGLISH, follow_redirects=False,
                     data={"text": text, "phone": ""} | tokens)


def test_a_fault_report_redirects_to_a_thank_you_page(site, db, shop):
    before = db.tasks.count_documents({"source": "equipment_fault"})
    sent = _report(site, form_tokens(site, f"/e/{ELEVATOR}"))
    assert sent.status_code == 303
    location = sent.headers["location"]
    assert location.startswith(f"/e/{ELEVATOR}/fault/received?by=")
    for _ in range(2):  # reloading the thanks is a GET: nothing is reported again
        thanks = site.get(location, headers=ENGLISH)
        assert thanks.status_code == 200 and 'id="fault-thanks"' in thanks.text
        assert f"They will deal with it by {location.rsplit('=', 1)[1]}." in thanks.text
        assert "<script" not in thanks.text.split('id="react-entry-point"')[1]
    assert db.tasks.count_documents({"source": "equipment_fault"}) == before + 1


def test_a_fault_report_sent_twice_is_one_task(site, db, shop):
    before = db.tasks.count_documents({"source": "equipment_fault"})
    tokens = form_tokens(site, f"/e/{ELEVATOR}")
    first, second = _report(site, tokens), _report(site, tokens)
    assert first.status_code == second.status_code == 303
    assert second.headers["location"] == first.headers["location"]
    assert db.tasks.count_documents({"source": "equipment_fault"}) == before + 1
    other = _report(site, form_tokens(site, f"/e/{ELEVATOR}"))  # the page shown anew: a new report
    assert other.status_code == 303 and db.tasks.count_documents({"source": "equipment_fault"}) == before + 2


def test_each_showing_of_the_cached_equipment_page_has_its_own_token(site, shop):
    first = form_tokens(site, f"/e/{ELEVATOR}")["once"]
    second = form_tokens(site, f"/e/{ELEVATOR}")["once"]
    assert first != second and "once-token-placeholder" not in first


def test_the_thank_you_page_of_unknown_equipment_is_not_found(site):
    assert site.get("/e/NOPE0000/fault/received?by=2026-01-01", headers=ENGLISH).status_code == 404
    odd = site.get(f"/e/{ELEVATOR}/fault/received?by=<b>", headers=ENGLISH)
    assert odd.status_code == 200 and "<b>" not in odd.text.split('id="fault-thanks"')[1][:300]


def test_a_review_sent_twice_shows_the_first_one_again(site, db, shop):
    site.cookies.clear()
    token = form_token(site, f"/b/{shop}")
    sent = [site.post(f"/b/{shop}/reviews", headers=ENGLISH, data={
        "csrf_token": token, "text": "双击了一下，菜很好吃", "stars": "5"}) for _ in range(2)]
    assert [response.status_code for response in sent] == [200, 200]
    assert all("Thank you: your review is published" in response.text for response in sent)
    assert sent[0].headers["X-Review-Id"] == sent[1].headers["X-Review-Id"]
    assert db.reviews.count_documents({"business_code": shop}) == 1
    other = site.post(f"/b/{shop}/reviews", headers=ENGLISH, data={"csrf_token": token,
                                                                    "text": "再写一条不同的"})
    assert other.status_code == 409 and "one review per visit" in other.text  # a second visit's rule
