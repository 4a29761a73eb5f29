"""Written Cantonese as Mandarin, word for word, before a review is scored.

Guangzhou's diners (and visitors from Hong Kong and Macao) often write reviews in Cantonese: 唔好食
(not tasty), 冇人理 (nobody came), 啲菜凍晒 (the dishes had gone cold). Both networks learnt
Mandarin, where 唔, 冇, 嘅, 咗 and 啲 do not occur, so such a review lost its negation and its
verbs. This table, written by us (no package ships a Cantonese-to-Mandarin word list), turns the
commonest Cantonese words into their Mandarin equivalents. It is applied only to a text that holds
at least one character that written Cantonese uses and Mandarin does not (`MARKERS`), so Mandarin
reviews are scored exactly as before. Input: simplified characters (after `analytics.chinese`).
"""

import re

# Characters of written Cantonese that Mandarin text does not use: their presence marks a review
# as Cantonese. (Not 嘈 or 咋: Mandarin writes 嘈杂 and 咋样.)
MARKERS = frozenset("唔冇嘅咗啲嚟佢喺嘢睇乜咁嗰畀揾攞瞓啱谂嘥攰咩噉冚嗌哋嘞喎啫㗎")

# Words first (longest and most specific first: 唔该 is "thanks", not 唔 + 该), then characters.
_WORDS = (
    ("唔该晒", "谢谢"), ("多谢晒", "谢谢"), ("唔该", "谢谢"), ("唔使", "不用"), ("唔通", "难道"),
    ("唔系", "不是"), ("系咪", "是不是"), ("真系", "真是"), ("就系", "就是"), ("都系", "都是"),
    ("仲系", "还是"), ("即系", "就是"), ("净系", "只是"), ("实系", "肯定是"),
    ("冇得顶", "好得没话说"), ("麻麻地", "一般般"), ("麻麻哋", "一般般"),
    ("好食", "好吃"), ("难食", "难吃"), ("抵食", "划算"), ("唔抵", "不划算"), ("好抵", "很划算"),
    ("食唔", "吃不"), ("食咗", "吃了"), ("食完", "吃完"), ("食饭", "吃饭"), ("食嘢", "吃东西"),
    ("夹大件", "又量大"), ("得个吉", "什么都没有"), ("好耐冇", "很久没"), ("几好", "挺好"),
    ("一啲", "一点"), ("啲嘢", "东西"), ("佢哋", "他们"), ("我哋", "我们"), ("你哋", "你们"),
    ("核突", "恶心"), ("呕心", "恶心"), ("污糟", "脏"), ("求其", "随便"), ("黑面", "脸色难看"),
    ("雪藏", "冷冻"), ("帮衬", "光顾"), ("落单", "下单"), ("落楼", "下楼"), ("埋单", "买单"),
    ("侍应", "服务员"), ("伙记", "服务员"), ("惹味", "入味"), ("足料", "料足"), ("冇味", "没味道"),
)
_CHARACTERS = str.maketrans({
    "唔": "不", "冇": "没", "嘅": "的", "咗": "了", "啲": "些", "嚟": "来", "佢": "他", "喺": "在",
    "嘢": "东西", "睇": "看", "乜": "什么", "咁": "这么", "嗰": "那", "畀": "给", "揾": "找",
    "攞": "拿", "瞓": "睡", "啱": "对", "谂": "想", "嘥": "浪费", "攰": "累", "咩": "什么",
    "噉": "这样", "冚": "全", "哋": "们", "仲": "还", "嘞": "了", "喎": "", "啫": "",
    "㗎": "的", "腍": "软烂", "嗌": "叫", "嘈": "吵",
})
# 晒 after a verb means "completely" (冻晒: gone cold, 卖晒: sold out); before a noun it is
# Mandarin's "show off" (晒图), which is left alone.
_COMPLETELY = re.compile(r"晒(?=$|[，。！？、,.!?;；\s~～]|先|啦|喇|了)")


def to_mandarin(text: str) -> str:
    """`text` unchanged unless it holds a Cantonese marker; then with its Cantonese words in Mandarin."""
    if not MARKERS.intersection(text):
        return text
    for cantonese, mandarin in _WORDS:
        text = text.replace(cantonese, mandarin)
    return _COMPLETELY.sub("了", text).translate(_CHARACTERS)
