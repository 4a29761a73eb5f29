"""GET /qr/<code>.png|.svg and /qr/<code>/sticker.png|.pdf against a real database."""

import xml.etree.ElementTree as ElementTree

import pytest

from backend import i18n
from backend.qr import service, signature
from tests import factories


@pytest.fixture(scope="module")
def code(db):
    return factories.business(db, name="明亮路口小吃店")


def test_png_encodes_exactly_the_signed_url(api, code, read_qr):
    response = api.get(f"/qr/{code}.png")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert read_qr(response.content) == [signature.sticker_url(code)]


def test_lower_case_code_gets_the_canonical_url(api, code, read_qr):
    assert read_qr(api.get(f"/qr/{code.lower()}.png").content) == [signature.sticker_url(code)]


def test_svg_is_svg(api, code):
    response = api.get(f"/qr/{code}.svg")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/svg+xml"
    assert ElementTree.fromstring(response.content).tag == "{http://www.w3.org/2000/svg}svg"


def test_sticker_png_scans(api, code, read_qr):
    response = api.get(f"/qr/{code}/sticker.png")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert read_qr(response.content) == [signature.sticker_url(code)]


def test_sticker_pdf_is_a_pdf(api, code):
    response = api.get(f"/qr/{code}/sticker.pdf")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f'filename="sticker-{code}.pdf"' in response.headers["content-disposition"]


@pytest.mark.parametrize("path", ["{code}.png", "{code}.svg", "{code}/sticker.png",
                                  "{code}/sticker.pdf"])
def test_cached_and_revalidated(api, code, path):
    first = api.get(f"/qr/{path.format(code=code)}")
    assert "max-age" in first.headers["cache-control"]
    again = api.get(f"/qr/{path.format(code=code)}",
                    headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    assert again.content == b""


# The api client asks for English by default; "" stands for a browser that names no language.
@pytest.mark.parametrize(("query", "headers", "language"), [
    ("", {"Accept-Language": ""}, "zh_Hans"),
    ("?lang=en", {"Accept-Language": ""}, "en"),
    ("", {"Accept-Language": "zh-TW,zh;q=0.8"}, "zh_Hant"),
    ("", {"Accept-Language": "", "Cookie": "lang=en"}, "en"),
])
def test_sticker_caption_follows_the_language(api, code, monkeypatch, query, headers, language):
    captions = []
    monkeypatch.setattr(service, "_", lambda message: f"{i18n.current_language()}|{message}")
    monkeypatch.setitem(service.STICKER_FORMATS, "png",
                        lambda **kwargs: captions.append(kwargs["caption"]) or b"png")
    response = api.get(f"/qr/{code}/sticker.png{query}", headers=headers)
    assert response.status_code == 200
    assert captions == [f"{language}|Scan to see this shop's food-safety record"]
    assert "Accept-Language" in response.headers["vary"]


@pytest.mark.parametrize("path", ["{code}.png", "{code}.svg", "{code}/sticker.png",
                                  "{code}/sticker.pdf"])
@pytest.mark.parametrize(("bad", "status", "words"), [
    ("12345", 422, "18 characters"),
    ("92440106MA000000IO", 422, "capital letters"),
    (factories.valid_code(9_999_999), 404, "No business is registered"),
])
def test_bad_codes_get_readable_json(api, path, bad, status, words):
    response = api.get(f"/qr/{path.format(code=bad)}?lang=en")
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    assert words in response.json()["detail"]


@pytest.mark.parametrize(("given", "valid"), [
    (lambda code: signature.sign(code), True),
    (lambda code: signature.sign(code)[:-1] + ("A" if signature.sign(code)[-1] != "A" else "B"),
     False),
    (lambda code: signature.sign(factories.valid_code(9_999_998)), False),
    (lambda code: "", False),
    (lambda code: None, False),
])
def test_only_the_real_signature_verifies(code, given, valid):
    assert signature.verify(code, given(code)) is valid
