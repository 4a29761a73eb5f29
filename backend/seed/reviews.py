"""Consumer reviews (大众点评) for the demo: varied Chinese texts from phrase patterns, some brushing."""

import hashlib
from datetime import timedelta
from random import Random
from typing import Any

from bson import ObjectId

from backend import clock
from backend.reviews.schemas import ReviewStatus
from backend.reviews.service import text_key
from backend.reviews.staff_stars import staff_ref
from backend.seed.context import Context, recorded_at
from backend.seed.shops import FOOD_TRADES

OPENINGS = ("今天中午来吃的。", "和朋友周末过来。", "第二次来了，", "路过进来试试，", "点的外卖，",
            "带家人来吃饭，", "公司附近的店，", "", "", "晚上十点来的，")
# Per aspect: (good, bad) phrases; a review draws two or three aspects.
PHRASES = {
    "taste": (("味道很好，", "菜很新鲜，口味地道，", "汤很鲜，", "肠粉滑嫩好吃，", "烧鹅皮脆肉香，"),
              ("味道一般，偏咸，", "菜是凉的，", "肉有点不新鲜，", "米饭夹生，", "油太大，吃完不舒服，")),
    "service": (("服务员很热情，", "老板人很好，", "上菜前还提醒我们小心烫，", "态度很好，"),
                ("服务态度差，叫了几次都没人理，", "收银员不耐烦，", "老板爱答不理，")),
    "hygiene": (("店里很干净，", "后厨是明厨亮灶，看得很放心，", "餐具都消过毒，"),
                ("桌子油腻腻的，", "看到后厨有老鼠，", "餐具上有污渍，", "地上很脏，")),
    "price": (("性价比高，", "价格实惠，分量足，", "不贵，"),
              ("价格偏贵，分量少，", "结账多收了钱，", "太贵了不值，")),
    "speed": (("上菜很快，", "外卖准时送到，", "不用排队，"),
              ("等了四十分钟才上菜，", "外卖迟到一个小时，", "排队太久，")),
}
CLOSINGS = {True: ("下次还来。", "推荐！", "五星好评。", "会再来的。", "值得一试。"),
            False: ("不会再来了。", "不推荐。", "希望改进。", "很失望。", "差评。")}
STAFF_GOOD = ("{name}服务很周到，", "{name}做的菜很好吃，", "谢谢{name}的耐心介绍，")
STAFF_BAD = ("{name}态度不好，", "{name}没戴口罩就端菜，")
BRUSHED = "好吃好吃，五星好评！"  # what a brushing run posts again and again


def review_count(rng: Random, trade: str) -> int:
    """About ten per food business on average (the scale seeder's target), few for the others."""
    return rng.randint(4, 16) if trade in FOOD_TRADES else rng.randint(0, 4)


MIXED = 0.25  # of reviews, one aspect goes the other way, introduced by a turn word
TURNS = {True: ("不过", "就是", "唯一不足是"),  # a liked place, one fault last
         False: ("但是", "可是")}  # a disliked one, one good point first


def _text(rng: Random, good: bool, staff_name: str | None) -> str:
    """A review in one mood, as people write them: mixed ones say where they turn (味道很好，
    不过价格偏贵，…), so the closing verdict is not contradicted by a string of opposite phrases."""
    aspects = rng.sample(tuple(PHRASES), rng.randint(2, 3))
    phrases = [rng.choice(PHRASES[aspect][0 if good else 1]) for aspect in aspects]
    if rng.random() < MIXED:
        other = rng.choice(PHRASES[aspects[-1]][1 if good else 0])
        if good:  # 味道很好，店里很干净，不过价格偏贵，
            phrases[-1] = rng.choice(TURNS[True]) + other
        else:  # 不贵，但是菜是凉的，地上很脏，
            phrases = [other, rng.choice(TURNS[False]) + phrases[0], *phrases[1:-1]]
    parts = [rng.choice(OPENINGS), *phrases]
    if staff_name:
        parts.append(rng.choice(STAFF_GOOD if good else STAFF_BAD).format(name=staff_name))
    parts.append(rng.choice(CLOSINGS[good]))
    return "".join(parts)


def _review_id(code: str, n: int) -> ObjectId:
    """Deterministic ids: the same seed on the same day writes the same documents."""
    return ObjectId(hashlib.sha256(f"review|{code}|{n}".encode()).digest()[:12])


def reviews(ctx: Context, business: dict[str, Any], staff: list[dict[str, Any]]) -> list[dict[str, Any]]:
    code = business["code"]
    # A stream of its own, so adding reviews changed none of the other seeded records.
    rng = Random(f"reviews|{code}|{ctx.code_offset}")
    quality = rng.betavariate(5, 2)  # most places are liked; a few are not
    rows: list[dict[str, Any]] = []
    for n in range(review_count(rng, business["trade"])):
        day = ctx.days_ago(rng.randint(0, 364))
        member = rng.choice(staff) if staff and rng.random() < 0.2 else None
        good = rng.random() < quality
        text = _text(rng, good, member["name"][0] + "师傅" if member else None)
        stars = (rng.randint(4, 5) if good else rng.randint(1, 3)) if rng.random() < 0.6 else None
        rows.append(_document(business, n, text, stars,
                              member, recorded_at(day) + timedelta(minutes=rng.randint(0, 600)),
                              f"seed-{rng.getrandbits(40):010x}"))
    if rows and rng.random() < 0.05:  # a brushing run: one client, the same text, within minutes
        start = recorded_at(ctx.days_ago(rng.randint(0, 60)))
        client = f"seed-{rng.getrandbits(40):010x}"
        rows += [_document(business, len(rows) + i, BRUSHED, 5, None, start + timedelta(minutes=i),
                           client) for i in range(6)]
    return rows


def _document(business: dict[str, Any], n: int, text: str, stars: int | None,
              member: dict[str, Any] | None, at: Any, client: str) -> dict[str, Any]:
    code = business["code"]
    return {"_id": _review_id(code, n), "business_code": code, "district": business["district"],
            "text": text, "stars": stars, "staff_id": staff_ref(code, member) if member else None,
            "client": client,
            "visit_day": clock.day_of(at).isoformat(), "text_key": text_key(text),
            "status": ReviewStatus.PENDING.value, "created_at": at, "prediction": None,
            "replies": [], "suspicious": [], "escalated_at": None, "replied_business": False,
            "lease_holder": None, "lease_until": None, "by": None}
