"""The QR page served straight from ASGI gives the same document and headers as the Flask path."""

import gzip
import re

import pytest

from backend.qr import signature
from portal import csrf
from portal.qr_route import QrPageRoute
from tests.portal.conftest import ENGLISH, form_token

BROWSER = "b" * 32  # a returning browser's CSRF cookie
_TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([0-9a-f]{64})"')


@pytest.fixture(scope="module")
def served(site, seeded):
    """Counts the pages the ASGI route rendered itself."""
    route = next(r.app for r in site.app.routes if isinstance(getattr(r, "app", None), QrPageRoute))
    calls = []
    original = route._respond

    def counting(*args, **kwargs):
        calls.append(args[0])
        return original(*args, **kwargs)

    route._respond = counting
    yield calls
    route._respond = original


def get(site, path, *, cookie="", **headers):
    """One request from a browser whose cookies are exactly `cookie` (the client keeps none)."""
    site.cookies.clear()
    response = site.get(path, headers={"Cookie": cookie, **headers} if cookie else headers)
    site.cookies.clear()
    return response


def _comparable(response):
    """Status, headers without the date in a new cookie, and the document as a browser reads it."""
    headers = {name: value for name, value in response.headers.items() if name != "set-cookie"}
    cookie = response.headers.get("set-cookie")
    body = response.content
    if cookie:
        value = re.match(r"csrf=([0-9a-f]{32});", cookie).group(1)
        body = body.replace(csrf.token_for(value).encode(), b"TOKEN")
        cookie = re.sub(r"csrf=[0-9a-f]{32}; Expires=[^;]+;", "csrf=VALUE; Expires=DATE;", cookie)
    return response.status_code, headers, cookie, body


CASES = [  # (path, query, cookie, headers)
    ("/b/{code}", "", f"csrf={BROWSER}", ENGLISH),
    ("/b/{code}", "?s={sig}", f"csrf={BROWSER}", ENGLISH),
    ("/b/{code}", "?s=forged&s={sig}", "", {"Accept-Language": "zh-TW,zh;q=0.8"}),
    ("/b/{code}", "?s=&x=1", f"lang=en; csrf={BROWSER}", {}),
    ("/b/{code}", "?s={sig}", "", {"Accept-Encoding": "gzip", **ENGLISH}),
    ("/b/{code}", "", f"csrf={BROWSER}", {"Accept-Encoding": "gzip"}),
    ("/b/{code}", "", "csrf=too-short", {"Accept-Encoding": "gzip, deflate"}),
    ("/b/{code}", "?s={sig}", "", {"Accept-Encoding": "identity", **ENGLISH}),
    ("/b/91440101MA00000000", "", f"csrf={BROWSER}", ENGLISH),  # a valid code nobody has: 404
    ("/b/not0a0code", "", "", ENGLISH),  # 422, as the API answers
]


@pytest.mark.parametrize("path, query, cookie, headers", CASES)
def test_the_asgi_route_and_flask_give_the_same_response(site, seeded, served, path, query,
                                                          cookie, headers):
    url = path.format(code=seeded.code) + query.format(sig=signature.sign(seeded.code))
    before = len(served)
    native = get(site, url, cookie=cookie, **headers)
    assert len(served) == before + 1, "the ASGI route did not answer"
    # A sign-in session cookie sends the request through the WSGI bridge to Flask.
    bridged = get(site, url, cookie="; ".join(filter(None, [cookie, "session=x"])), **headers)
    assert len(served) == before + 1, "the request with a session did not go to Flask"
    assert _comparable(native) == _comparable(bridged)
    encoding = headers.get("Accept-Encoding", "gzip")  # the test client asks for gzip by default
    assert native.headers.get("content-encoding") == ("gzip" if "gzip" in encoding else None)


def test_a_returning_browser_keeps_its_cookie_and_gets_its_own_token(site, seeded, served):
    response = get(site, f"/b/{seeded.code}", cookie=f"csrf={BROWSER}",
                   **{"Accept-Encoding": "gzip"})
    assert "set-cookie" not in response.headers
    assert _TOKEN.search(response.text).group(1) == csrf.token_for(BROWSER)


def test_a_new_browser_gets_a_cookie_that_matches_the_token_in_the_page(site, seeded, served):
    first, second = (get(site, f"/b/{seeded.code}", **{"Accept-Encoding": "gzip"}) for _ in "12")
    for response in (first, second):
        value = re.match(r"csrf=([0-9a-f]{32});", response.headers["set-cookie"]).group(1)
        assert "HttpOnly" in response.headers["set-cookie"]
        assert _TOKEN.search(response.text).group(1) == csrf.token_for(value)
    assert first.headers["set-cookie"] != second.headers["set-cookie"]


def test_the_review_form_from_the_asgi_page_still_checks_its_token(site, seeded, served):
    site.cookies.clear()
    token = form_token(site, f"/b/{seeded.code}")  # the client keeps the page's new cookie
    wrong = site.post(f"/b/{seeded.code}/reviews", headers=ENGLISH,
                      data={"csrf_token": csrf.token_for("c" * 32), "text": "很好吃"})
    assert wrong.status_code == 403
    right = site.post(f"/b/{seeded.code}/reviews", headers=ENGLISH,
                      data={"csrf_token": token, "text": "菜好吃，服务好"})
    assert right.status_code == 200 and "Thank you" in right.text
    site.cookies.clear()


@pytest.mark.parametrize("method", ["HEAD", "OPTIONS"])
def test_other_methods_still_reach_flask(site, seeded, served, method):
    before = len(served)
    response = site.request(method, f"/b/{seeded.code}")
    assert len(served) == before and response.status_code in (200, 405)


def test_the_gzip_body_is_one_valid_stream(site, seeded, served):
    """httpx decodes it for the tests above; check the raw stream ourselves too."""
    site.cookies.clear()
    with site.stream("GET", f"/b/{seeded.code}", headers={"Accept-Encoding": "gzip", **ENGLISH},
                     cookies=None) as response:
        raw = b"".join(response.iter_raw())
    site.cookies.clear()
    assert gzip.decompress(raw).decode().startswith("<!DOCTYPE html>")
