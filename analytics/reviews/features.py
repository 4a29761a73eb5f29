"""Text to model input: normalised text, hashed character n-grams, clauses and aspect mentions."""

import re
import unicodedata
from collections.abc import Sequence

import torch

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


def batch_ngrams(texts: Sequence[str]) -> tuple[torch.Tensor, torch.Tensor]:
    """Hashed 1-, 2- and 3-gram ids of normalised texts as (flat ids, start offsets) for an EmbeddingBag.

    Each text is framed by ^ and $ so that n-grams at its start and end differ from those inside
    (the frame characters are not unigrams of their own). An n-gram's code points are packed exactly
    into one integer and hashed into BUCKETS; the whole batch is hashed at once with tensor arithmetic,
    which is what makes scoring fast: no Python loop per character.
    """
    framed = [f"^{text}$" for text in texts]
    lengths = torch.tensor([len(text) for text in framed], dtype=torch.long)
    codes = torch.frombuffer(bytearray("".join(framed).encode("utf-32-le")), dtype=torch.int32).long()
    starts = torch.cumsum(lengths, 0) - lengths
    owner = torch.repeat_interleave(torch.arange(len(framed)), lengths)
    position = torch.arange(len(codes)) - starts[owner]  # index of each character inside its framed text
    all_ids, all_owners = [], []
    for order in NGRAM_ORDERS:
        count = len(codes) - order + 1
        if count <= 0:
            continue
        key = codes[:count].clone()
        for k in range(1, order):
            key = key * (1 << 21) + codes[k:k + count]  # code points < 2**21: exact for three characters
        first = 1 if order == 1 else 0  # a unigram is never the frame itself
        fits = (position[:count] >= first) & (position[:count] + order + first <= lengths[owner[:count]])
        bucket = ((key % _PRIME) * _MULTIPLIER + order * _ORDER_SALT) % _PRIME % BUCKETS
        all_ids.append(bucket[fits])
        all_owners.append(owner[:count][fits])
    ids, owners = torch.cat(all_ids), torch.cat(all_owners)
    owners, order_ = torch.sort(owners, stable=True)
    counts = torch.bincount(owners, minlength=len(framed))
    offsets = torch.cumsum(counts, 0) - counts
    return ids[order_], offsets


_PRIME = 2_147_483_629  # largest prime below 2**31: products below stay inside int64
_MULTIPLIER = 1_103_515_245 % _PRIME
_ORDER_SALT = 7_919


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
