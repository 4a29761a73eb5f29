"""The bright-kitchen pages without a browser: who sees what, and the plain forms (with CSRF)."""

import re
from datetime import datetime

import pytest
from bson import ObjectId

from backend.config import get_settings
from backend.users.schemas import Role
from tests import factories, kitchen
from tests.portal.conftest import ENGLISH, form_token, unlabelled_controls


def _sign_in(site, username: str) -> None:
    site.cookies.clear()
    response = site.post("/login", data={"username": username, "password": factories.PASSWORD,
                                         "next": "/me", "csrf_token": form_token(site, "/login")},
                         follow_redirects=False)
    assert response.status_code == 303


@pytest.fixture(scope="module")
def shop(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    code = factories.business(db, name="亮灶面馆", district="天河区")
    return code, factories.user(db, role=Role.ENTERPRISE, business_code=code)


@pytest.fixture(scope="module")
def officer(db):
    return factories.user(db, role=Role.OFFICER, officer_id=factories.officer(db, unit_id="U-TH"))


def test_a_business_adds_a_camera_through_the_plain_form(site, db, shop):
    code, username = shop
    _sign_in(site, username)
    token = form_token(site, "/me/kitchen")
    fields = {"name": "后厨", "location": "kitchen", "source_url": "sim://8", "public": "1",
              "blur_faces": "1", "csrf_token": token}
    assert site.post("/me/kitchen/cameras", data=fields | {"csrf_token": "forged"},
                     follow_redirects=False).status_code == 403
    assert db.cameras.count_documents({"business_code": code}) == 0  # refused: not this site's form
    response = site.post("/me/kitchen/cameras", data=fields, headers=ENGLISH)
    assert "Camera added." in response.text
    camera = db.cameras.find_one({"business_code": code})
    assert camera["public"] and camera["source_url"] == "sim://8"
    bad = site.post("/me/kitchen/cameras", data=fields | {"source_url": "ftp://x/y"}, headers=ENGLISH)
    assert "rtsp, http(s)" in bad.text
    # The QR page now carries the "AI checked" strip with a link to the live view.
    qr = site.get(f"/b/{code}", headers=ENGLISH).text
    assert "AI checked" in qr and f'href="/kitchen/{camera["_id"]}"' in qr
    assert "stream.mjpg" not in qr  # no video on the QR page: it must stay light


def test_an_officer_confirms_from_the_queue_and_the_business_sees_the_deadline(site, db, shop, officer):
    code, username = shop
    camera_id = kitchen.camera(db, code, public=False)
    alert_id = kitchen.alert(db, camera_id, kind="rat")
    _sign_in(site, officer)
    queue = site.get("/alerts", headers=ENGLISH).text
    assert f"/alerts/{alert_id}/snapshot.jpg" in queue and "Rat" in queue
    assert site.get(f"/alerts/{alert_id}/snapshot.jpg").headers["content-type"] == "image/jpeg"
    response = site.post(f"/alerts/{alert_id}/confirm", headers=ENGLISH,
                         data={"csrf_token": form_token(site, "/alerts")})
    assert "a rectification task was created" in response.text
    assert db.tasks.find_one({"ref": alert_id, "source": "ai_alert"})
    _sign_in(site, username)
    mine = site.get("/me/kitchen", headers=ENGLISH).text
    assert "Rectify by" in mine and f'action="/alerts/{alert_id}/rectify"' in mine
    # Its non-public camera opens for the business through a signed stream address.
    page = site.get(f"/kitchen/{camera_id}", headers=ENGLISH).text
    assert re.search(rf'/kitchen/{camera_id}/stream\.mjpg\?v=[\w.-]+', page)
    assert "<title>Kitchen live – " in page   # not the QR page's title


def test_a_business_cannot_decide_on_its_own_alerts(site, db, shop):
    code, username = shop
    alert_id = kitchen.alert(db, kitchen.camera(db, code), kind="smoking")
    _sign_in(site, username)
    response = site.post(f"/alerts/{alert_id}/dismiss", headers=ENGLISH,
                         data={"reason": "不是我们", "csrf_token": form_token(site, "/me/kitchen")})
    assert "Only enforcement officers may do this." in response.text
    assert db.alerts.find_one({"kind": "smoking"})["status"] == "pending"
    queue = site.get("/alerts", headers=ENGLISH)  # signed in already: no "Sign in" to offer
    assert queue.status_code == 403 and ">Sign in<" not in queue.text and 'href="/me"' in queue.text


def test_a_report_on_an_alert_not_confirmed_says_why_it_was_refused(site, db, shop):
    """Decided otherwise meanwhile (or never confirmed): the page came back with no word."""
    code, username = shop
    alert_id = kitchen.alert(db, kitchen.camera(db, code, source_url="sim://31"), kind="rat")
    _sign_in(site, username)
    response = site.post(f"/alerts/{alert_id}/rectify", headers=ENGLISH,
                         data={"note": "已灭鼠", "csrf_token": form_token(site, "/me/kitchen")})
    assert response.status_code == 409 and "Only a confirmed alert needs rectifying." in response.text


def test_a_private_camera_is_not_shown_to_the_public(site, db, shop):
    code, _ = shop
    private = kitchen.camera(db, code, public=False)
    site.cookies.clear()
    assert site.get(f"/kitchen/{private}", headers=ENGLISH).status_code == 404
    assert site.get(f"/kitchen/{private}/still.jpg").status_code == 404
    assert site.get(f"/kitchen/{private}/stream.mjpg?v=forged").status_code == 404
    assert private not in site.get("/kitchen", headers=ENGLISH).text


def test_a_cameras_last_frame_is_shown_on_the_municipalitys_clock(site, db, shop, monkeypatch):
    monkeypatch.setattr(get_settings(), "timezone", "Asia/Shanghai")
    code, _ = shop
    camera_id = kitchen.camera(db, code)
    db.cameras.update_one({"_id": camera_id}, {"$set": {"last_frame_at": datetime(2026, 12, 5, 23, 30)}})
    site.cookies.clear()
    page = site.get(f"/kitchen/{camera_id}", headers=ENGLISH).text
    assert "2026-12-06 07:30 UTC+8" in page  # stored UTC, shown in Beijing time


def test_alerts_that_count_without_an_officer_are_published_and_marked(site, db, shop, officer, monkeypatch):
    assert 'id="counted-without-officer"' not in site.get("/kitchen/ai", headers=ENGLISH).text  # default
    monkeypatch.setattr(get_settings(), "alert_auto_confirm", {"rat": 0.9})
    published = site.get("/kitchen/ai", headers=ENGLISH).text
    assert "count without waiting for an officer" in published and "Rat from 90%" in published
    code, _ = shop
    alert_id = kitchen.alert(db, kitchen.camera(db, code, public=False), kind="rat", confidence=0.97)
    _sign_in(site, officer)
    confirmed = site.get("/alerts?status=confirmed", headers=ENGLISH).text
    assert "counted without an officer: confidence 90% or more" in confirmed
    assert f'action="/alerts/{alert_id}/dismiss"' in confirmed  # not final: an officer may dismiss it
    site.post(f"/alerts/{alert_id}/dismiss", headers=ENGLISH,
              data={"reason": "是抹布", "csrf_token": form_token(site, "/alerts?status=confirmed")})
    dismissed = site.get("/alerts?status=dismissed", headers=ENGLISH).text
    assert "counted without an officer, then dismissed by one" in dismissed and "Reason: 是抹布" in dismissed


def test_the_ai_page_says_every_alert_waits_for_an_officer_only_when_it_does(site, db, monkeypatch):
    waits = "Every alert waits for an officer"
    checked = "this is why every alert is checked by an officer before it counts"
    page = site.get("/kitchen/ai", headers=ENGLISH).text
    assert waits in page and checked in page
    monkeypatch.setattr(get_settings(), "alert_auto_confirm", {"rat": 0.9})
    page = site.get("/kitchen/ai", headers=ENGLISH).text
    assert waits not in page and checked not in page
    assert "Alerts wait for an officer, who confirms each or dismisses it as a false alarm, except the " \
           "kinds listed" in page and "only the kinds listed above count before one has" in page


def test_how_the_ai_is_checked_is_public(site, db):
    page = site.get("/kitchen/ai", headers=ENGLISH)
    assert page.status_code == 200
    assert "Precision" in page.text and 'id="kitchen-precision"' in page.text


def test_ignored_zones_are_set_in_the_plain_form_and_a_mistake_loses_nothing(site, db, shop):
    code, username = shop
    _sign_in(site, username)
    fields = {"name": "前厅", "location": "dining", "source_url": "sim://9", "public": "0",
              "blur_faces": "1", "csrf_token": form_token(site, "/me/kitchen")}
    refused = site.post("/me/kitchen/cameras", headers=ENGLISH,
                        data=fields | {"zones": "0.6,0,1,1\n0.6,0,1"})
    assert refused.status_code == 422
    assert "Zone line 2: write four numbers from 0 to 1" in refused.text
    assert 'value="前厅"' in refused.text and "0.6,0,1,1\n0.6,0,1</textarea>" in refused.text
    assert db.cameras.count_documents({"name": "前厅"}) == 0
    added = site.post("/me/kitchen/cameras", headers=ENGLISH,
                      data=fields | {"zones": "0.6,0,1,1\n0，0，0.3，0.3 person"})
    assert "Camera added." in added.text and "2 ignored zones" in added.text
    camera = db.cameras.find_one({"name": "前厅"})
    assert [(z["x1"], z["classes"]) for z in camera["zones"]] == [(0.6, []), (0.0, ["person"])]
    # The edit form shows them as typed lines; clearing the box removes them.
    assert "0.6,0,1,1\n0,0,0.3,0.3 person</textarea>" in added.text
    edit = f"/me/kitchen/cameras/{camera['_id']}"
    bad = site.post(edit, headers=ENGLISH, data=fields | {"zones": "0.5,0,0.2,1"})
    assert bad.status_code == 422 and "second corner must lie right of" in bad.text
    assert len(db.cameras.find_one({"_id": camera["_id"]})["zones"]) == 2
    site.post(edit, headers=ENGLISH, data=fields | {"zones": ""})
    assert db.cameras.find_one({"_id": camera["_id"]})["zones"] == []


def test_staffed_hours_are_set_in_the_plain_form_and_a_mistake_loses_nothing(site, db, shop):
    code, username = shop
    _sign_in(site, username)
    fields = {"name": "储存室", "location": "storage", "source_url": "sim://5", "public": "1",
              "blur_faces": "1", "zones": "", "csrf_token": form_token(site, "/me/kitchen")}
    refused = site.post("/me/kitchen/cameras", headers=ENGLISH, data=fields | {"staffed_hours": "6-22"})
    assert refused.status_code == 422 and "written as 06:00-22:00" in refused.text
    assert 'value="6-22"' in refused.text and 'value="储存室"' in refused.text  # as typed
    assert db.cameras.count_documents({"name": "储存室"}) == 0
    added = site.post("/me/kitchen/cameras", headers=ENGLISH,
                      data=fields | {"staffed_hours": "6:00 - 22:00"})
    assert "Camera added." in added.text and "staffed 06:00-22:00" in added.text
    camera = db.cameras.find_one({"name": "储存室"})
    assert camera["staffed_hours"] == "06:00-22:00"
    shown = site.get(f"/kitchen/{camera['_id']}", headers=ENGLISH).text
    assert "06:00-22:00: outside them, anyone in view raises an alert" in shown
    site.post(f"/me/kitchen/cameras/{camera['_id']}", headers=ENGLISH, data=fields | {"staffed_hours": ""})
    assert db.cameras.find_one({"_id": camera["_id"]})["staffed_hours"] == ""  # cleared


def test_the_evidence_frames_show_in_the_queue_and_to_the_business(site, db, shop, officer):
    code, username = shop
    alert_id = kitchen.alert(db, kitchen.camera(db, code, public=False), kind="phone", clip=4)
    frames = [f"/alerts/{alert_id}/clip/{index}.jpg" for index in range(4)]
    for who in (officer, username):
        _sign_in(site, who)
        page = site.get("/alerts" if who == officer else "/me/kitchen", headers=ENGLISH).text
        assert all(f'src="{frame}"' in page for frame in frames)
        assert "The last 4 frames before the alert, oldest first" in page
        image = site.get(frames[2])
        assert image.headers["content-type"] == "image/jpeg" and image.content == b"\xff\xd8frame-2\xff\xd9"
    site.cookies.clear()
    assert site.get(frames[0]).status_code in (401, 403)


def test_the_rules_are_published_and_a_cameras_own_rules_show_on_its_page(site, db, shop):
    code, _ = shop
    ai = site.get("/kitchen/ai", headers=ENGLISH).text
    rules = re.search(r'<table[^>]*id="kitchen-rules".*?</table>', ai, re.S).group(0)
    assert re.search(r"<td>Rat</td><td>2 of 5</td><td>10 min</td><td>50%</td>", rules)
    camera_id = kitchen.camera(db, code)
    assert 'id="kitchen-camera-rules"' not in site.get(f"/kitchen/{camera_id}", headers=ENGLISH).text
    db.cameras.update_one({"_id": camera_id}, {"$set": {"rules": {"phone": None, "rat": {"persist": 1}}}})
    page = site.get(f"/kitchen/{camera_id}", headers=ENGLISH).text
    assert re.search(r"<td>Rat</td><td>1 of 5</td>", page)
    assert "No alert on this camera for: Phone use." in page


def test_an_officer_sets_a_cameras_rules_in_a_plain_form_and_the_business_cannot(site, db, shop, officer):
    code, username = shop
    camera_id = kitchen.camera(db, code, public=False)
    _sign_in(site, username)
    assert "camera-rules-text" not in site.get(f"/kitchen/{camera_id}", headers=ENGLISH).text
    refused = site.post(f"/kitchen/{camera_id}/rules", headers=ENGLISH,
                        data={"rules": "phone off", "csrf_token": form_token(site, "/me/kitchen")})
    assert refused.status_code == 403 and "rules" not in db.cameras.find_one({"_id": camera_id})
    assert "notice-bad" in refused.text  # the reason, not a silent page
    _sign_in(site, officer)
    token = form_token(site, f"/kitchen/{camera_id}")
    bad = site.post(f"/kitchen/{camera_id}/rules", headers=ENGLISH,
                    data={"rules": "rat 1/5 10\nphone 6/5", "csrf_token": token})
    assert bad.status_code == 422
    assert "Rule line 2: A rule cannot need more frames than it looks at." in bad.text
    assert "rat 1/5 10\nphone 6/5</textarea>" in bad.text
    assert "rules" not in db.cameras.find_one({"_id": camera_id})
    saved = site.post(f"/kitchen/{camera_id}/rules", headers=ENGLISH,
                      data={"rules": "rat 1/5 10\nphone off", "csrf_token": token})
    assert "Rules saved." in saved.text
    assert db.cameras.find_one({"_id": camera_id})["rules"] == {"rat": {"persist": 1, "window": 5,
                                                                        "cooldown_s": 600.0}, "phone": None}
    assert "rat 1/5 10 0.5\nphone off</textarea>" in saved.text
    assert "No alert on this camera for: Phone use." in saved.text


def test_signing_in_from_the_alert_queue_comes_back_to_the_same_tab(site):
    site.cookies.clear()
    text = site.get("/alerts?status=confirmed", headers=ENGLISH).text
    assert 'href="/login?next=/alerts%3Fstatus%3Dconfirmed"' in text


def test_editing_another_business_camera_is_refused_with_the_reason_shown(site, db, shop):
    code, _username = shop
    theirs = kitchen.camera(db, code)
    other = factories.business(db, name="隔壁小馆", district="天河区")
    _sign_in(site, factories.user(db, role=Role.ENTERPRISE, business_code=other))
    response = site.post(f"/me/kitchen/cameras/{theirs}", headers=ENGLISH, data={
        "name": "改名", "location": "kitchen", "source_url": "sim://3", "public": "1", "blur_faces": "1",
        "csrf_token": form_token(site, "/me/kitchen")})
    assert response.status_code == 403 and "notice-bad" in response.text
    assert db.cameras.find_one({"_id": theirs})["name"] != "改名"


def test_the_alert_queue_forms_are_labelled(site, db, shop, officer):
    code, _username = shop
    kitchen.alert(db, kitchen.camera(db, code), kind="rat")
    _sign_in(site, officer)
    page = site.get("/alerts", headers=ENGLISH).text
    assert "Dismiss" in page and unlabelled_controls(page) == []


def test_a_refused_rectification_names_the_field_as_labelled_and_keeps_the_note(site, db, shop, officer):
    code, username = shop
    alert_id = kitchen.alert(db, kitchen.camera(db, code, public=False), kind="no_chef_hat")
    _sign_in(site, officer)
    site.post(f"/alerts/{alert_id}/confirm", data={"csrf_token": form_token(site, "/alerts")})
    _sign_in(site, username)
    page = site.get("/me/kitchen", headers=ENGLISH).text
    assert re.search(rf'<input id="rectify-note-{alert_id}" maxlength="1000"', page)  # the schema's limit
    assert f'<label for="rectify-note-{alert_id}">What did you change?</label>' in page
    token = form_token(site, "/me/kitchen")
    empty = site.post(f"/alerts/{alert_id}/rectify", data={"note": " ", "csrf_token": token},
                      headers={"Accept-Language": "zh-CN"})
    assert empty.status_code == 422 and "您做了哪些整改？" in empty.text and "说明：" not in empty.text
    note = "已更换新帽" * 201  # 1005 characters: refused whole, not cut to fit
    long = site.post(f"/alerts/{alert_id}/rectify", data={"note": note, "csrf_token": token}, headers=ENGLISH)
    assert long.status_code == 422
    assert "What did you change?: Must be at most 1000 characters long." in long.text
    assert f'value="{note}"' in long.text
    assert not db.alerts.find_one({"_id": ObjectId(alert_id)}).get("rectified_at")


def test_an_over_long_dismissal_reason_is_refused_and_kept_on_its_tab(site, db, shop, officer):
    code, _username = shop
    alert_id = kitchen.alert(db, kitchen.camera(db, code), kind="bin_open")
    _sign_in(site, officer)
    queue = site.get("/alerts", headers=ENGLISH).text
    assert re.search(rf'id="dismiss-reason-{alert_id}" maxlength="500"', queue)
    reason = "只是抹布" * 126  # 504 characters
    refused = site.post(f"/alerts/{alert_id}/dismiss", headers=ENGLISH, data={
        "reason": reason, "tab": "pending", "csrf_token": form_token(site, "/alerts")})
    assert refused.status_code == 422 and "Reason: Must be at most 500 characters long." in refused.text
    assert f'value="{reason}"' in refused.text and f'id="alert-{alert_id}"' in refused.text
    assert db.alerts.find_one({"_id": ObjectId(alert_id)})["status"] == "pending"


def test_an_over_long_camera_name_is_refused_with_its_limit_not_cut(site, db, shop):
    code, username = shop
    _sign_in(site, username)
    assert re.search(r'id="new-name" maxlength="60"', site.get("/me/kitchen", headers=ENGLISH).text)
    name = "后厨" * 31
    refused = site.post("/me/kitchen/cameras", headers=ENGLISH, data={
        "name": name, "location": "kitchen", "source_url": "sim://4", "public": "1", "blur_faces": "1",
        "csrf_token": form_token(site, "/me/kitchen")})
    assert refused.status_code == 422 and "Name: Must be at most 60 characters long." in refused.text
    assert f'value="{name}"' in refused.text
    assert db.cameras.count_documents({"business_code": code, "name": name[:60]}) == 0
