"""The language switch: a plain link sets the `lang` cookie, and the next page is in that language."""

import re

import pytest

from backend import i18n


def _html_lang(html: str) -> str:
    return html.split('<html lang="', 1)[1].split('"', 1)[0]


def test_simplified_chinese_is_the_default(site, seeded):
    site.cookies.clear()
    html = site.get(f"/b/{seeded.code}").text
    assert _html_lang(html) == "zh-Hans"
    assert re.search(r'<a aria-current="true"[^>]* lang="zh-Hans">简体中文</a>', html)


def test_the_site_language_setting_serves_readers_who_name_none(site, seeded, monkeypatch):
    from backend.config import get_settings

    monkeypatch.setattr(get_settings(), "default_language", "zh_Hant")
    site.cookies.clear()
    html = site.get(f"/b/{seeded.code}").text
    assert _html_lang(html) == "zh-Hant"
    assert re.search(r'<a aria-current="true"[^>]* lang="zh-Hant">繁體中文</a>', html)
    assert _html_lang(site.get(f"/b/{seeded.code}", headers={"Accept-Language": "en"}).text) == "en"
    assert site.get("/api/v1/businesses/12345").json()["detail"] == "統一社會信用代碼應為 18 位。"


def test_accept_language_is_used_without_a_cookie(site, seeded):
    site.cookies.clear()
    html = site.get(f"/b/{seeded.code}", headers={"Accept-Language": "zh-TW,zh;q=0.8"}).text
    assert _html_lang(html) == "zh-Hant"


@pytest.mark.parametrize(("code", "html_lang"), [("en", "en"), ("zh_Hant", "zh-Hant"),
                                                 ("zh_Hans", "zh-Hans")])
def test_switch_sets_the_cookie_and_returns_to_the_page(site, seeded, code, html_lang):
    site.cookies.clear()
    page = f"/b/{seeded.code}"
    response = site.get(f"/lang/{code}", params={"next": page}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == page
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"lang={code};") and "SameSite=Lax" in cookie
    # The cookie sticks: later pages are in that language, whatever the browser asks for.
    html = site.get(page, headers={"Accept-Language": "fr"}).text
    assert _html_lang(html) == html_lang
    current = re.findall(r'<a aria-current="true"[^>]*>([^<]+)</a>', html)
    assert current == [i18n.LANGUAGES[code]]


def test_switch_links_come_back_to_the_same_page(site, seeded):
    html = site.get(f"/b/{seeded.code}", params={"s": "x"}).text
    assert f'href="/lang/en?next=/b/{seeded.code}%3Fs%3Dx"' in html


def test_api_reads_the_same_cookie(site, seeded):
    site.cookies.clear()
    site.get("/lang/en", params={"next": "/"})
    response = site.get("/api/v1/businesses/12345")
    assert response.json()["detail"] == "A unified social credit code has 18 characters."


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:x"])
def test_switch_never_redirects_off_site(site, target):
    response = site.get("/lang/en", params={"next": target}, follow_redirects=False)
    assert response.headers["location"] == "/"


def test_an_unknown_language_leaves_the_readers_choice_alone(site):
    site.get("/lang/en", params={"next": "/"}, follow_redirects=False)
    response = site.get("/lang/klingon", params={"next": "/"}, follow_redirects=False)
    assert response.status_code == 303 and "set-cookie" not in response.headers
    assert site.cookies.get("lang") == "en"   # it set Chinese, the default, instead
    site.get("/lang/zh_Hans", params={"next": "/"}, follow_redirects=False)
