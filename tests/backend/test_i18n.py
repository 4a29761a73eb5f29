"""Which language a request is answered in: ?lang=, then the lang cookie, then Accept-Language."""

import pytest
from starlette.requests import Request

from backend import i18n
from backend.api import request_language


@pytest.mark.parametrize("header, language", [
    ("zh-CN,zh;q=0.9,en;q=0.8", "zh_Hans"),
    ("zh-TW", "zh_Hant"),
    ("zh-HK,en;q=0.5", "zh_Hant"),
    ("zh-Hant-TW", "zh_Hant"),
    ("en-GB,en;q=0.9", "en"),
    ("fr-FR,en;q=0.5", "en"),  # the first supported one
    ("fr-FR,de", None),
    ("en;q=0.1, zh-CN;q=0.9", "zh_Hans"),  # by weight, not by place
    ("zh-TW;q=0.8, en;q=0.8", "zh_Hant"),  # a tie: the earlier one
    ("en;q=0, zh-HK;q=0.3", "zh_Hant"),  # q=0: not this one
    ("en;q=abc, zh-CN;q=0.2", "zh_Hans"),  # an unreadable weight counts as none
    ("", None),
    (None, None),
])
def test_accept_language(header, language):
    assert i18n.from_accept_language(header) == language


def request(query: str = "", cookie: str = "", accept: str = "") -> Request:
    headers = [(b"cookie", cookie.encode()), (b"accept-language", accept.encode())]
    return Request({"type": "http", "query_string": query.encode(), "headers": headers})


@pytest.mark.parametrize("query, cookie, accept, language", [
    ("lang=en", "lang=zh_Hant", "zh-CN", "en"),
    ("", "lang=zh_Hant", "en", "zh_Hant"),
    ("", "", "en-US", "en"),
    ("", "", "", i18n.DEFAULT_LANGUAGE),
    ("lang=klingon", "lang=tlh", "fr", i18n.DEFAULT_LANGUAGE),
])
def test_request_language_precedence(query, cookie, accept, language):
    assert request_language(request(query, cookie, accept)) == language
