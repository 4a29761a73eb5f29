"""The translation catalogs: complete, placeholders intact, and actually used by the app and the site."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from backend import i18n
from tests import factories

LOCALES = Path(__file__).resolve().parent.parent / "locales"
CATALOGS = ("zh_Hans", "zh_Hant", "en")
CHINESE = ("zh_Hans", "zh_Hant")
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def _read(path: Path, locale: str | None = None):
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def _template_ids() -> list:
    return [message.id for message in _read(LOCALES / "messages.pot") if message.id]


def _catalog(language: str):
    return _read(LOCALES / language / "LC_MESSAGES" / "messages.po", locale=language)


def _strings(message) -> list[str]:
    return list(message.string) if isinstance(message.string, (list, tuple)) else [message.string]


def _ids(message) -> list[str]:
    return list(message.id) if isinstance(message.id, (list, tuple)) else [message.id]


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


@pytest.mark.parametrize("language", CATALOGS)
def test_every_template_message_is_translated(language):
    catalog = _catalog(language)
    plurals = catalog.num_plurals
    missing = []
    for msgid in _template_ids():
        message = catalog.get(msgid)
        if message is None or message.fuzzy:
            missing.append(msgid)
            continue
        strings = _strings(message)
        expected = plurals if isinstance(msgid, tuple) else 1
        if len(strings) < expected or not all(s and s.strip() for s in strings[:expected]):
            missing.append(msgid)
    assert not missing, f"{language}: untranslated {missing}"


@pytest.mark.parametrize(("language", "plural_forms"), [
    ("zh_Hans", "nplurals=1; plural=0;"), ("zh_Hant", "nplurals=1; plural=0;"),
    ("en", "nplurals=2; plural=(n != 1);"),
])
def test_plural_forms_header(language, plural_forms):
    text = (LOCALES / language / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    assert f'"Plural-Forms: {plural_forms}\\n"' in text


@pytest.mark.parametrize("language", CATALOGS)
def test_placeholders_are_kept(language):
    wrong = []
    for message in _catalog(language):
        if not message.id:
            continue
        wanted = _placeholders(_ids(message)[0])
        for string in _strings(message):
            if string and _placeholders(string) != wanted:
                wrong.append((message.id, string))
    assert not wrong, f"{language}: placeholders differ in {wrong}"


def test_english_copies_the_msgids():
    for message in _catalog("en"):
        if message.id:
            assert _strings(message) == _ids(message), message.id


@pytest.mark.parametrize("language", CHINESE)
def test_chinese_catalogs_really_translate(language):
    messages = [message for message in _catalog(language) if message.id]
    differ = [message for message in messages if _strings(message)[0] != _ids(message)[0]]
    assert len(differ) >= 0.9 * len(messages), f"{language}: only {len(differ)}/{len(messages)}"


def test_traditional_differs_from_simplified_where_it_should():
    simplified = {message.id: _strings(message)[0] for message in _catalog("zh_Hans") if message.id}
    traditional = {message.id: _strings(message)[0] for message in _catalog("zh_Hant") if message.id}
    assert sum(simplified[key] != traditional[key] for key in simplified) >= 0.6 * len(simplified)


@pytest.mark.parametrize("language", CATALOGS)
def test_compiled_catalog_exists(language):
    mo = LOCALES / language / "LC_MESSAGES" / "messages.mo"
    assert mo.is_file(), f"{mo} is missing: run `make install`"


@pytest.mark.parametrize(("language", "msgid", "expected"), [
    ("zh_Hans", "Compliant", "符合"),
    ("zh_Hans", "Basically compliant", "基本符合"),
    ("zh_Hans", "Non-compliant", "不符合"),
    ("zh_Hans", "Expired", "已过期"),
    ("zh_Hans", "Food business licence", "食品经营许可证"),
    ("zh_Hans", "Scan to see this shop's food-safety record", "扫码查看本店食品安全记录"),
    ("zh_Hant", "Compliant", "符合"),
    ("zh_Hant", "Expired", "已過期"),
    ("zh_Hant", "Expiring soon", "即將到期"),
    ("zh_Hant", "Food business licence", "食品經營許可證"),
    ("zh_Hant", "Credit code", "統一社會信用代碼"),
    ("en", "Compliant", "Compliant"),
    ("en", "Expired", "Expired"),
])
def test_gettext_through_the_app(language, msgid, expected):
    with i18n.language(language):
        assert i18n.gettext(msgid) == expected


@pytest.mark.parametrize(("language", "n", "expected"), [
    ("zh_Hans", 1, "1 天后到期"), ("zh_Hans", 5, "5 天后到期"),
    ("zh_Hant", 5, "5 天後到期"),
    ("en", 1, "Expiring in 1 day"), ("en", 5, "Expiring in 5 days"),
])
def test_plurals_through_the_app(language, n, expected):
    with i18n.language(language):
        text = i18n.ngettext("Expiring in {days} day", "Expiring in {days} days", n)
    assert text.format(days=n) == expected


@pytest.fixture(scope="module")
def business_code(db):
    return factories.business(db)


@pytest.mark.parametrize(("language", "present", "absent"), [
    ("zh_Hant", ["餐飲服務", "統一社會信用代碼", "暫無證照記錄。"], ["餐饮服务", "Catering service"]),
    ("en", ["Catering service", "Credit code", "No licence is on record."], ["餐饮服务", "餐飲服務"]),
    ("zh_Hans", ["餐饮服务", "统一社会信用代码", "暂无证照记录。"], ["餐飲服務", "Catering service"]),
])
def test_qr_page_in_the_cookie_language(site, business_code, language, present, absent):
    site.cookies.clear()
    site.cookies.set("lang", language)
    try:
        response = site.get(f"/b/{business_code}", headers={"Accept-Language": "fr"})
    finally:
        site.cookies.clear()
    assert response.status_code == 200
    for text in present:
        assert text in response.text, (language, text)
    for text in absent:
        assert text not in response.text, (language, text)
