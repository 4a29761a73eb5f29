"""The businesses desk (/me/businesses), without scripts: officers and administrators find, register
and correct businesses with plain forms (CSRF and one-time tokens), refusals marked on their fields
with what was typed kept, and the public page and sticker following at once."""

import re

import pytest

from backend.users.schemas import Role
from tests import factories
from tests.portal.conftest import ENGLISH, form_token, marked_invalid, sign_in, unlabelled_controls

PAGE, NEW = "/me/businesses", "/me/businesses/new"
_ONCE = re.compile(r'name="once"[^>]*value="([\w-]+)"|value="([\w-]+)"[^>]*name="once"')


@pytest.fixture(scope="module")
def scene(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    factories.unit(db, id="U-YX", districts=("越秀区",))
    ours = factories.business(db, district="天河区", name="桌面测试馆")
    theirs = factories.business(db, district="越秀区", name="别区小馆")
    return {"ours": ours, "theirs": theirs,
            "officer": factories.user(db, role=Role.OFFICER,
                                      officer_id=factories.officer(db, unit_id="U-TH")),
            "admin": factories.user(db, role=Role.ADMIN),
            "shop": factories.user(db, role=Role.ENTERPRISE, business_code=ours)}


def _tokens(site, path):
    """This browser's CSRF token and a fresh one-time token, as the form on `path` carries them."""
    found = _ONCE.search(site.get(path, headers=ENGLISH).text)
    assert found, f"no one-time token on {path}"
    return {"csrf_token": form_token(site, path), "once": found.group(1) or found.group(2)}


def _send(site, path, data, tokens=None, page=None):
    return site.post(path, data={**data, **(tokens or _tokens(site, page or path))}, headers=ENGLISH,
                     follow_redirects=False)


def _new(**changes):
    return {"code": factories.valid_code(), "name": "新开张面馆", "trade": "catering",
            "address": "天河区天河路1号", "district": "天河区", "grid": "", "contact_name": "",
            "contact_phone": "", "established_on": "", "lat": "", "lng": ""} | changes


@pytest.mark.parametrize("who", ["officer", "admin"])
def test_the_desk_and_its_forms_are_plain_html_linked_from_the_workspace(site, scene, who):
    sign_in(site, scene[who])
    assert f'href="{PAGE}"' in site.get("/me", headers=ENGLISH).text
    desk = site.get(PAGE, headers=ENGLISH)
    assert desk.status_code == 200 and "<script" not in desk.text.split('id="react-entry-point"')[1]
    assert '<body class="wide">' in desk.text
    assert "桌面测试馆" in desk.text and f'href="{NEW}"' in desk.text
    form = site.get(NEW, headers=ENGLISH)
    assert form.status_code == 200
    for shown in ('name="code"', 'name="trade"', "Catering service", 'name="district"', 'name="grid"',
                  'name="established_on"', 'name="lat"', 'name="csrf_token"', 'name="once"'):
        assert shown in form.text, shown
    assert unlabelled_controls(form.text) == []
    edit = site.get(f"{PAGE}/{scene['ours']}/edit", headers=ENGLISH)
    assert edit.status_code == 200 and 'value="桌面测试馆"' in edit.text
    assert unlabelled_controls(edit.text) == []


def test_an_officer_searches_the_unit_and_an_administrator_everywhere(site, scene):
    sign_in(site, scene["officer"])
    mine = site.get(f"{PAGE}?q=小馆", headers=ENGLISH).text
    assert "别区小馆" not in mine
    found = site.get(f"{PAGE}?q={scene['ours']}", headers=ENGLISH).text
    code = scene["ours"]
    assert "桌面测试馆" in found
    for link in (f'href="/b/{code}?s=', f'href="/qr/{code}/sticker.pdf"', f'href="{PAGE}/{code}/edit"',
                 f'href="/me/papers?business={code}"'):
        assert link in found, link
    refused = site.get(f"{PAGE}/{scene['theirs']}/edit", headers=ENGLISH)
    assert refused.status_code == 403 and "outside your unit's districts" in refused.text
    sign_in(site, scene["admin"])
    assert "别区小馆" in site.get(f"{PAGE}?q=小馆", headers=ENGLISH).text
    offered = site.get(NEW, headers=ENGLISH).text   # the districts units cover, to choose from
    assert '<option value="天河区">' in offered and '<option value="越秀区">' in offered
    typo = _send(site, NEW, {"code": factories.valid_code(), "name": "错区小店", "trade": "catering",
                             "address": "某路1号", "district": "天河"})
    assert typo.status_code == 422 and "No unit covers the district 天河" in typo.text
    assert marked_invalid(typo.text, "district")


def test_the_desk_says_how_many_and_pages_keeping_the_search(site, scene, db):
    for n in range(23):
        factories.business(db, district="天河区", name=f"分页面馆{n:02d}")
    sign_in(site, scene["officer"])
    first = site.get(f"{PAGE}?q=分页面馆", headers=ENGLISH).text
    assert "23 businesses." in first and first.count('id="business-') == 20
    assert "Page 1 of 2" in first and "page=2" in first and "q=%E5%88%86" in first   # the search kept
    second = site.get(f"{PAGE}?q=分页面馆&district=天河区&page=2", headers=ENGLISH).text
    assert second.count('id="business-') == 3 and "Page 2 of 2" in second
    sign_in(site, scene["admin"])
    every = site.get(f"{PAGE}?district=越秀区", headers=ENGLISH).text
    assert "别区小馆" in every and "分页面馆" not in every     # an administrator picks a district


def test_others_are_refused_and_the_signed_out_sent_to_sign_in(site, scene, db):
    for username in (scene["shop"], factories.user(db, role=Role.CONSUMER)):
        sign_in(site, username)
        for path in (PAGE, NEW, f"{PAGE}/{scene['ours']}/edit"):
            response = site.get(path, headers=ENGLISH)
            assert response.status_code == 403, path
            assert "for enforcement officers and administrators" in response.text
    posted = _send(site, NEW, _new(), tokens={"csrf_token": form_token(site, "/me/password")})
    assert posted.status_code == 403 and db.businesses.count_documents({"name": "新开张面馆"}) == 0
    site.cookies.clear()
    for path in (PAGE, NEW):
        away = site.get(path, follow_redirects=False)
        assert away.status_code == 303 and away.headers["location"].startswith("/login?next=")


def test_registering_through_the_form_opens_its_public_page_and_sticker(site, scene, db, api):
    sign_in(site, scene["officer"])
    typed = _new(code=factories.valid_code().lower(), grid="天河-03", contact_name="陈老板",
                 contact_phone="13800138000", established_on=str(factories.days_from_today(-30)),
                 lat="23.1291", lng="113.2644")
    done = _send(site, NEW, typed)
    code = typed["code"].upper()
    assert done.status_code == 303
    assert done.headers["location"] == f"{PAGE}?done=registered&code={code}"
    said = site.get(done.headers["location"], headers=ENGLISH).text
    assert "The business is registered" in said and f'href="/qr/{code}/sticker.pdf"' in said
    stored = db.businesses.find_one({"code": code})
    assert stored["grid"] == "天河-03" and stored["location"] == {"lat": 23.1291, "lng": 113.2644}
    assert db.audit.find_one({"action": "business.register", "target": code})["actor"] == scene["officer"]
    assert "新开张面馆" in site.get(f"{PAGE}?q=新开张", headers=ENGLISH).text
    public = site.get(f"/b/{code}", headers=ENGLISH)
    assert public.status_code == 200 and "新开张面馆" in public.text and "13800138000" not in public.text
    assert api.get(f"/qr/{code}/sticker.png").status_code == 200


def test_a_district_outside_the_unit_is_refused_and_the_form_keeps_what_was_typed(site, scene, db):
    sign_in(site, scene["officer"])
    typed = _new(name="越界小店", district="越秀区", grid="越秀-01", lat="23.13", lng="113.27")
    refused = _send(site, NEW, typed, page=NEW)
    assert refused.status_code == 403
    assert "This business is outside your unit's districts (越秀区)." in refused.text
    assert marked_invalid(refused.text, "district")
    for kept in (typed["code"], "越界小店", "天河区天河路1号", "越秀-01", "23.13", "113.27"):
        assert f'value="{kept}"' in refused.text, kept
    assert re.search(r'<option selected value="catering">|<option value="catering" selected', refused.text)
    assert db.businesses.count_documents({"code": typed["code"]}) == 0


def test_a_duplicate_or_malformed_code_is_marked_on_the_code(site, scene, db):
    sign_in(site, scene["officer"])
    twice = _send(site, NEW, _new(code=scene["ours"], name="冒名店"))
    assert twice.status_code == 409 and marked_invalid(twice.text, "code")
    assert f"A business with credit code {scene['ours']} already exists." in twice.text
    assert 'value="冒名店"' in twice.text
    bad = _send(site, NEW, _new(code="91350100M000100Y44", name="错码店"))
    assert bad.status_code == 422 and marked_invalid(bad.text, "code")
    assert "Credit code: The check character of this credit code is wrong" in bad.text
    assert 'value="错码店"' in bad.text and 'value="91350100M000100Y44"' in bad.text
    half = _send(site, NEW, _new(lat="23.1"))
    assert half.status_code == 422 and marked_invalid(half.text, "lat")
    assert "Give both the latitude and the longitude, or neither." in half.text
    far = _send(site, NEW, _new(lat="123", lng="113"))
    assert far.status_code == 422 and marked_invalid(far.text, "lat") and marked_invalid(far.text, "lng")
    unchosen = _send(site, NEW, _new(trade=""))
    assert unchosen.status_code == 422 and marked_invalid(unchosen.text, "trade")
    no_phone = _send(site, NEW, _new(contact_phone="abc"))   # where the expiry notices would go
    assert no_phone.status_code == 422 and marked_invalid(no_phone.text, "contact_phone")
    assert "This does not look like a phone number." in no_phone.text
    assert db.businesses.count_documents({"name": {"$in": ["冒名店", "错码店"]}}) == 0


def test_the_same_registration_sent_twice_registers_once(site, scene, db):
    sign_in(site, scene["officer"])
    typed, tokens = _new(name="双击小馆"), _tokens(site, NEW)
    first, second = _send(site, NEW, typed, tokens), _send(site, NEW, typed, tokens)
    assert first.status_code == second.status_code == 303
    assert second.headers["location"] == first.headers["location"]
    assert db.businesses.count_documents({"code": typed["code"]}) == 1


def test_editing_details_changes_them_audits_and_says_when_nothing_changed(site, scene, db):
    sign_in(site, scene["admin"])
    path = f"{PAGE}/{scene['ours']}/edit"
    page = site.get(path, headers=ENGLISH).text
    shown = {name: re.search(rf'name="{name}"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="{name}"', page)
             for name in ("name", "address", "grid")}
    unchanged = {name: match.group(1) or match.group(2) or "" for name, match in shown.items() if match}
    unchanged |= {"grid": unchanged.get("grid", ""), "lat": "", "lng": ""}
    nothing = _send(site, path, unchanged)
    assert nothing.status_code == 422 and "Nothing to change." in nothing.text
    empty = _send(site, path, unchanged | {"name": " "})
    assert empty.status_code == 422 and marked_invalid(empty.text, "name")
    changed = unchanged | {"name": "桌面测试馆（新址）", "lat": "23.12", "lng": "113.33"}
    tokens = _tokens(site, path)
    done = _send(site, path, changed, tokens)
    assert done.status_code == 303
    assert _send(site, path, changed, tokens).headers["location"] == done.headers["location"]  # not refused
    assert done.headers["location"] == f"{PAGE}?done=changed&code={scene['ours']}"
    stored = db.businesses.find_one({"code": scene["ours"]})
    assert stored["name"] == "桌面测试馆（新址）" and stored["location"] == {"lat": 23.12, "lng": 113.33}
    assert db.audit.count_documents({"action": "business.update", "target": scene["ours"]}) == 1
    audited = db.audit.find_one({"action": "business.update", "target": scene["ours"]})
    assert audited["actor"] == scene["admin"]
    assert audited["data"]["before"]["name"] == "桌面测试馆"
    assert "桌面测试馆（新址）" in site.get(f"/b/{scene['ours']}", headers=ENGLISH).text
    again = site.get(path, headers=ENGLISH).text
    assert 'value="23.12"' in again and 'value="113.33"' in again
    # the contact the expiry notices go to, corrected; never on the public page
    moved = _send(site, path, changed | {"contact_name": "新店长", "contact_phone": "13800001111"})
    assert moved.status_code == 303
    stored = db.businesses.find_one({"code": scene["ours"]})
    assert (stored["contact_name"], stored["contact_phone"], stored["name"]) == (
        "新店长", "13800001111", "桌面测试馆（新址）")
    assert "13800001111" not in site.get(f"/b/{scene['ours']}", headers=ENGLISH).text
