"""Emoji as the words they stand for in a review, before it is scored.

Reviews typed on a phone often carry their verdict in emoji (👍👍👍, 难吃🤮, 后厨有🪳). Neither network
learnt them (no training text held one), so an emoji-only review scored about 0.5 whichever way it
went. This table, written by us, gives the commonest ones a word of the same meaning. The `emoji`
package's Chinese names were tried and are not sentiment words (👍 拇指向上, 💩 大便). Emoji whose
meaning in reviews goes both ways (😭 "so good I could cry" or "awful", ⭐ any count of stars)
are left alone; skin tones and presentation marks are dropped with the emoji they follow."""

import re

_WORDS = {
    "👍": "赞", "👏": "赞", "👌": "不错", "💯": "满分", "❤": "喜欢", "😍": "喜欢", "🥰": "喜欢",
    "😋": "好吃", "🤤": "好吃", "😊": "开心", "😄": "开心", "😁": "开心", "😃": "开心", "🥳": "开心",
    "👎": "差评", "💩": "垃圾", "😡": "生气", "😠": "生气", "🤬": "生气", "😤": "生气", "🤮": "恶心",
    "🤢": "恶心", "😞": "失望", "😔": "失望", "💔": "失望", "😒": "不满", "🙄": "无语", "😑": "无语",
    "🐀": "老鼠", "🐭": "老鼠", "🪳": "蟑螂", "🪰": "苍蝇", "🦟": "蚊子", "🐛": "虫子",
}
_FOUND = re.compile("(" + "|".join(map(re.escape, _WORDS)) + ")[\ufe0f\U0001F3FB-\U0001F3FF]*")


def as_words(text: str) -> str:
    """`text` with each emoji of the table as its word (赞 for 👍, 恶心 for 🤮); others untouched."""
    return _FOUND.sub(lambda found: _WORDS[found.group(1)], text)
