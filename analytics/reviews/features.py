"""Text to model input: normalised text, hashed character n-grams, clauses and aspect mentions."""

import re
import unicodedata
import zlib

BUCKETS = 1 << 17  # hashed n-gram table size; collisions are rare at this vocabulary and keep weights ~8 MB
NGRAM_ORDERS = (1, 2, 3)
MAX_CHARS = 500  # a review is judged by its first 500 characters; longer text costs time, not accuracy

# 卫生 hygiene, 口味 taste, 服务 service, 价格 price, 速度 speed/delivery:
# the words that mark a clause as being about that aspect.
ASPECT_WORDS: dict[str, tuple[str, ...]] = {
    "hygiene": ("卫生", "干净", "整洁", "脏", "头发", "苍蝇", "虫", "蟑螂", "异物", "发霉", "变质", "馊",
                "拉肚子", "腹泻", "餐具", "油污", "异味", "臭", "过期", "不新鲜", "新鲜"),
    "taste": ("味道", "口味", "口感", "好吃", "难吃", "美味", "香", "咸", "淡", "辣", "甜", "酸", "腥", "鲜",
              "入味", "油腻", "嫩", "酥", "脆", "可口", "下饭"),
    "service": ("服务", "态度", "服务员", "老板", "店员", "店家", "商家", "客服", "热情", "礼貌", "骑手",
                "小哥", "外卖员", "前台", "员工", "耐心", "道歉", "不理"),
    "price": ("价格", "价钱", "贵", "便宜", "实惠", "划算", "性价比", "优惠", "收费", "份量", "分量",
              "量少", "量大", "量足", "元", "块钱", "钱"),
    "speed": ("速度", "快", "慢", "等了", "等位", "排队", "送餐", "配送", "送达", "送到", "及时", "准时",
              "分钟", "小时", "上菜", "出餐", "迟到", "超时"),
}
ASPECTS = tuple(ASPECT_WORDS)

_CLAUSE_BREAK = re.compile(r"[，,。.!！？?；;、~～\s]+|但是|但|可是|不过|然而|就是")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Full-width to half-width, lower case, runs of spaces as one: the form every feature is taken from."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip().lower()[:MAX_CHARS]


def ngram_ids(text: str) -> list[int]:
    """Hashed ids of the character 1-, 2- and 3-grams of a normalised text (CRC-32: stable across runs)."""
    padded = f"^{text}$"
    ids = []
    for order in NGRAM_ORDERS:
        for start in range(len(padded) - order + 1):
            gram = padded[start:start + order]
            if order == 1 and gram in "^$":
                continue
            ids.append(zlib.crc32(f"{order}{gram}".encode()) % BUCKETS)
    return ids or [0]


def clauses(text: str) -> list[str]:
    """Pieces of a normalised review between punctuation and turns such as 但是 (but)."""
    return [piece for piece in _CLAUSE_BREAK.split(text) if piece]


def aspect_clauses(text: str) -> dict[str, list[str]]:
    """For each aspect, the clauses that mention it (an aspect with no clause is not mentioned)."""
    found: dict[str, list[str]] = {aspect: [] for aspect in ASPECTS}
    for clause in clauses(text):
        for aspect, words in ASPECT_WORDS.items():
            if any(word in clause for word in words):
                found[aspect].append(clause)
    return found
