"""Phrases: a msgid and its parameters, stored as they are and said in the language in force."""

import pytest

from backend import i18n, phrases
from backend.i18n import _
from backend.phrases import Phrase

LABEL = "Poor hygiene"  # a msgid the catalogs translate
TEMPLATE = "Random inspection: {plan}"


@pytest.mark.parametrize("language", ["en", "zh_Hans", "zh_Hant"])
def test_a_phrase_is_said_in_the_language_in_force_parameters_as_given(language):
    phrase = Phrase("Expired: {label}", label=Phrase("{kind} {number}", kind=Phrase(LABEL), number=7))
    with i18n.language(language):
        assert phrase.said() == _("Expired: {label}").format(label=f"{_(LABEL)} 7")


def test_stored_and_read_back_it_is_the_same_phrase():
    phrase = Phrase(TEMPLATE, plan="{not a placeholder}")
    fields = phrases.stored("title", phrase)
    assert fields["title_args"] == {"plan": "{not a placeholder}"}
    assert Phrase.from_stored(fields["title_text"], fields["title_args"]) == phrase
    nested = Phrase("Expired: {label}", label=Phrase(LABEL))
    assert phrases.stored("title", nested)["title_args"] == {"label": {"text": LABEL, "args": {}}}
    assert Phrase.from_stored("Expired: {label}", {"label": {"text": LABEL, "args": {}}}) == nested


def test_the_stored_text_is_said_in_the_sites_language(monkeypatch):
    from backend.config import get_settings

    monkeypatch.setattr(get_settings(), "default_language", "en")
    with i18n.language("zh_Hans"):
        fields = phrases.stored("title", Phrase(TEMPLATE, plan="甲"))
    with i18n.language("en"):
        assert fields["title"] == _(TEMPLATE).format(plan="甲")


def test_a_persons_words_are_stored_and_shown_as_written():
    assert phrases.stored("title", "{category}: 我写的") == {"title": "{category}: 我写的"}
    with i18n.language("en"):
        assert phrases.shown({"title": "{category}: 我写的"}, "title") == "{category}: 我写的"


def test_a_translation_that_lost_its_placeholder_says_the_msgid(monkeypatch):
    monkeypatch.setattr(phrases, "_", lambda text: "双随机抽查：{计划}" if text == TEMPLATE else text)
    assert Phrase(TEMPLATE, plan="甲").said() == "Random inspection: 甲"


def test_stored_parameters_that_do_not_fit_show_the_text_as_stored():
    document = {"title": "双随机抽查：甲", "title_text": TEMPLATE, "title_args": {"name": "甲"}}
    assert phrases.shown(document, "title") == "双随机抽查：甲"
    assert phrases.shown({"title": "x", "title_text": TEMPLATE, "title_args": "garbage"}, "title") == "x"
