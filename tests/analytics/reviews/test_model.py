"""Consistency of the shipped model on reviews whose meaning nobody would dispute."""

import pytest

from analytics.reviews import load


@pytest.mark.parametrize(("text", "label"), [
    ("菜很好吃，服务也很热情，下次还来", "positive"),
    ("味道不错，价格实惠，推荐", "positive"),
    ("送餐很快，饭还是热的，好评", "positive"),
    ("太难吃了，再也不会来了", "negative"),
    ("吃出了头发，卫生太差，差评", "negative"),
    ("等了一个多小时，服务员态度恶劣", "negative"),
])
def test_obvious_reviews_get_the_obvious_label(text: str, label: str) -> None:
    result = load().score([text])[0]
    assert result["label"] == label
    assert (result["stars"] >= 4) if label == "positive" else (result["stars"] <= 2)


@pytest.mark.parametrize(("text", "aspect", "sign"), [
    ("卫生太差，吃出了头发", "hygiene", -1),
    ("店里很干净", "hygiene", 1),
    ("送餐太慢了", "speed", -1),
    ("价格很实惠", "price", 1),
    ("服务员态度很好", "service", 1),
    ("味道太咸了", "taste", -1),
])
def test_aspects_follow_what_the_review_says_about_them(text: str, aspect: str, sign: int) -> None:
    aspects = load().score([text])[0]["aspects"]
    assert aspects[aspect] is not None and aspects[aspect] * sign > 0


def test_unmentioned_aspects_are_null_and_blank_text_is_an_error() -> None:
    first, blank = load().score(["服务员态度很好", " \t "])
    assert first["aspects"]["price"] is None
    assert blank == {"error": "empty"}


def test_traditional_characters_are_read_as_their_simplified_forms() -> None:
    """Visitors from Hong Kong, Macao and Taiwan write 服務 and 難吃: both networks and the aspect
    words learnt 服务 and 难吃, so a review scores exactly as its simplified form does."""
    scorer = load()
    traditional = ["這家店的外賣很難吃，等了兩個小時", "菜很好吃，服務也熱情，價格實惠", "環境乾淨，下次還來"]
    simplified = ["这家店的外卖很难吃，等了两个小时", "菜很好吃，服务也热情，价格实惠", "环境干净，下次还来"]
    assert scorer.score(traditional) == scorer.score(simplified)
    rude = scorer.score(["服務員態度很差"])[0]
    assert rude["label"] == "negative" and rude["aspects"]["service"] < 0


@pytest.mark.parametrize(("cantonese", "mandarin"), [
    ("唔好食，唔會再嚟", "不好吃，不会再来"),
    ("等咗成個鐘，啲菜凍晒", "等了成个钟，些菜冻了"),
    ("抵食夾大件，啲嘢好好食", "划算又量大，东西好好吃"),
    ("好耐冇食過咁好食嘅", "很久没食过这么好吃的"),
])
def test_written_cantonese_is_read_as_mandarin(cantonese: str, mandarin: str) -> None:
    from analytics.chinese import simplified
    from analytics.reviews.cantonese import to_mandarin

    assert to_mandarin(simplified(cantonese)) == mandarin
    assert load().score([cantonese]) == load().score([mandarin])


def test_mandarin_is_left_as_it_is() -> None:
    from analytics.reviews.cantonese import to_mandarin

    for text in ("环境嘈杂，咋回事", "晒图给大家看看，好食材", "服务员好耐心，麻麻辣辣很过瘾"):
        assert to_mandarin(text) == text   # no character of written Cantonese in it


def test_emoji_carry_their_meaning() -> None:
    scorer = load()
    said = scorer.score(["👍👍👍", "👎", "难吃🤮", "后厨有🪳", "❤️❤️", "👍🏻"])
    assert [result["label"] for result in said] == [
        "positive", "negative", "negative", "negative", "positive", "positive"]
    from analytics.reviews.emoticons import as_words

    assert as_words("好吃到哭😭⭐⭐⭐") == "好吃到哭😭⭐⭐⭐"   # meant either way: left alone
