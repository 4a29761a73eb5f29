"""The pure renderers: QR images and stickers decode to the URL they were given."""

import xml.etree.ElementTree as ElementTree

import pytest

from backend.qr import fonts, images, sticker

URL = "https://mingliang.example/b/92440106MA0000001X?s=Zm9yZ2VkLXNpZ25h"


def test_png_decodes_to_the_url(read_qr):
    assert read_qr(images.png(URL)) == [URL]


def test_svg_is_xml_with_a_white_background():
    root = ElementTree.fromstring(images.svg(URL))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.find("{http://www.w3.org/2000/svg}rect").get("fill") == "white"


@pytest.mark.parametrize(("name", "caption"), [
    ("明亮测试餐馆", "扫码查看本店食品安全记录"),
    ("广州市天河区" + "非常" * 40 + "长名字餐饮管理有限公司", "Scan to see this shop's food-safety record"),
    ("Joe's Diner", "A caption long enough to wrap onto a second and even a third line " * 3),
])
def test_sticker_png_decodes_and_has_print_size(read_qr, name, caption):
    kwargs = {"name": name, "code": "92440106MA0000001X", "url": URL, "caption": caption}
    image = sticker.render(**kwargs)
    assert image.size == (sticker.WIDTH, sticker.HEIGHT)
    assert read_qr(sticker.png(**kwargs)) == [URL]


def test_sticker_pdf_is_one_deterministic_page():
    kwargs = {"name": "明亮测试餐馆", "code": "92440106MA0000001X", "url": URL, "caption": "扫码"}
    first = sticker.pdf.__wrapped__(**kwargs)
    assert first.startswith(b"%PDF")
    assert first == sticker.pdf.__wrapped__(**kwargs)
    assert b"/MediaBox [ 0 0 226.8 283.44 ]" in first  # 8 x 10 cm in points


@pytest.mark.parametrize(("text", "lines"), [
    ("明亮测试餐馆", ["明亮测试餐馆"]),
    ("明亮测试餐馆" * 4, ["明亮测试餐馆明亮测试餐馆明", "亮测试餐馆明亮测试餐馆"]),
    ("Scan to see this shop's record", ["Scan to see this", "shop's record"]),
])
def test_wrap_keeps_latin_words_whole(text, lines):
    font = fonts.font(40)
    width = max(sticker._measure(line, font) for line in lines) + 1
    assert sticker._wrap(text, font, int(width)) == lines


@pytest.fixture
def no_cjk_font(monkeypatch):
    monkeypatch.setattr(fonts, "_KNOWN", ())
    monkeypatch.setattr(fonts, "_fontconfig_match", lambda: None)
    monkeypatch.setattr(fonts, "_packaged_font", lambda: None)
    fonts.cjk_font_file.cache_clear()
    fonts.font.cache_clear()
    yield
    fonts.cjk_font_file.cache_clear()
    fonts.font.cache_clear()


def test_without_a_cjk_font_the_sticker_still_prints(no_cjk_font, read_qr, caplog):
    kwargs = {"name": "明亮测试餐馆", "code": "92440106MA0000001X", "url": URL, "caption": "扫码"}
    assert read_qr(sticker.png.__wrapped__(**kwargs)) == [URL]
    assert "No CJK font found" in caplog.text
