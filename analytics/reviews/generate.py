"""Generated food and restaurant reviews with known labels: the food talk the shipped corpora lack.

Each review is built from aspect phrases (卫生 hygiene, 口味 taste, 服务 service, 价格 price,
速度 speed) of a chosen polarity, so its label is known by construction. Seeded: the same seed
always gives the same reviews.
"""

import random

DISHES = ("红烧肉", "宫保鸡丁", "麻辣烫", "牛肉面", "饺子", "炒饭", "米线", "酸菜鱼", "黄焖鸡", "烤鸭",
          "汉堡", "披萨", "奶茶", "小笼包", "水煮鱼", "炸鸡", "盖浇饭", "凉皮", "煲仔饭", "馄饨", "烧烤",
          "火锅", "沙拉", "寿司", "粥", "拉面", "鸡排", "卤肉饭", "酸辣粉", "回锅肉")
SUBJECTS = ("这家店", "这家", "店里", "这次", "今天", "外卖", "这顿饭", "老板家", "这个餐厅", "")
INTENSE = ("很", "非常", "特别", "超级", "挺", "真的", "太", "相当", "蛮", "")

# {d} a dish, {i} an intensifier; each aspect has phrases that say it went well (1) or badly (0).
PHRASES: dict[str, dict[int, tuple[str, ...]]] = {
    "hygiene": {
        1: ("店面{i}干净", "环境{i}卫生", "餐具{i}干净", "后厨看着{i}整洁", "食材{i}新鲜", "桌子擦得{i}干净",
            "卫生做得{i}好", "包装{i}严实卫生", "吃着放心", "干干净净的", "明厨亮灶看得见", "菜洗得{i}干净",
            "一次性餐具都有封口", "厨房{i}整洁", "没有一点异味"),
        0: ("吃出了头发", "{d}里有苍蝇", "菜里有虫子", "桌子{i}脏", "餐具{i}油腻", "卫生{i}差", "吃完拉肚子",
            "{d}有股馊味", "肉不新鲜", "{d}都变质了", "地上很脏", "碗没洗干净", "有蟑螂爬过", "环境又脏又乱",
            "{d}里有根钢丝球的丝", "菜叶子没洗，还有泥", "杯子上有口红印", "吃了以后闹肚子", "油是黑的"),
    },
    "taste": {
        1: ("{d}{i}好吃", "味道{i}好", "{d}味道{i}正宗", "口味{i}棒", "{i}入味", "{d}{i}香", "肉{i}嫩",
            "{i}下饭", "口感{i}好", "{d}做得{i}地道", "好吃到哭", "一口下去{i}满足", "{d}鲜美可口",
            "汤{i}鲜", "火候刚好", "{d}外酥里嫩", "调料放得{i}到位", "吃完还想吃", "比图片还好"),
        0: ("{d}{i}难吃", "味道{i}差", "{i}咸", "{d}一点味道都没有", "{d}{i}油腻", "口感{i}差",
            "{d}是冷的", "肉{i}柴", "米饭夹生", "{d}不好吃", "味道{i}奇怪", "{d}齁咸", "淡而无味", "不入味",
            "味道{i}一般", "{d}跟图片差太远", "面都坨了", "{d}炸糊了", "全是调料味", "吃了两口就扔了"),
    },
    "service": {
        1: ("服务{i}好", "老板{i}热情", "服务员态度{i}好", "店员{i}有礼貌", "客服{i}耐心", "骑手小哥{i}辛苦",
            "服务{i}周到", "老板人{i}好", "小哥{i}客气", "有问题马上处理", "主动给加了汤",
            "备注的要求都照做了",
            "服务员一直笑眯眯的", "送了小菜"),
        0: ("服务{i}差", "态度{i}恶劣", "服务员爱理不理", "老板{i}凶", "客服不理人", "骑手态度{i}差",
            "叫了半天没人理", "店员{i}不耐烦", "投诉也没人管", "商家拒绝退款", "备注完全不看", "漏送了一份饭",
            "给差评还打电话骚扰", "收银员一直玩手机"),
    },
    "price": {
        1: ("价格{i}实惠", "性价比{i}高", "{i}便宜", "分量{i}足", "{i}划算", "价钱公道", "量大实惠",
            "不贵", "物美价廉", "优惠力度{i}大", "这个价钱{i}值", "两个人吃了五十多", "学生党也吃得起"),
        0: ("价格{i}贵", "性价比{i}低", "分量{i}少", "{i}不划算", "量少得可怜", "又贵又难吃", "乱收费",
            "价格虚高", "一份才几块肉还那么贵", "不值这个价", "打包费{i}贵", "配送费比菜还贵", "越来越贵"),
    },
    "speed": {
        1: ("送餐{i}快", "上菜{i}快", "配送{i}及时", "{i}准时送到", "半小时就送到了", "出餐{i}快",
            "速度{i}快", "没怎么等", "送得{i}快还是热的", "提前送到了", "二十分钟就到了", "一坐下就上菜了"),
        0: ("送餐{i}慢", "等了一个多小时", "上菜{i}慢", "配送超时", "送到都凉了", "等了四十分钟才上菜",
            "速度{i}慢", "迟到了半小时", "排队太久", "骑手送错了还超时", "催了三次才送来",
            "下单两小时还没到", "等了{t}才送到", "{t}才送来", "足足等了{t}", "送了{t}，{d}全凉了",
            "饭菜{i}凉", "送到的时候{d}已经凉透了", "汤洒了一袋子", "{d}撒得到处都是", "包装破了还漏油",
            "显示送达了人还没到", "骑手绕路送别人的单"),
    },
}
# {t} a long wait, in the words people use for it
WAITS = ("一个小时", "一个半小时", "快两个小时", "两个多小时", "五十分钟", "四十多分钟", "一个多钟头")
# said of the whole experience against earlier visits
TRENDS = {
    1: ("一如既往的好", "一直很稳定", "越来越好吃了", "比上次还好", "每次都不失望"),
    0: ("大不如前", "一次比一次差", "越来越差了", "这次明显退步了", "和以前没法比"),
}
OPENERS = ("第二次点了，", "中午点的{d}，", "朋友推荐来的，", "点了{d}，", "周末带家人来吃，",
           "晚上加班点的外卖，", "第一次来，", "", "", "")
CLOSERS = {
    1: ("还会再来", "推荐", "好评", "下次还点", "五星好评", "满意", "会回购的", "赞一个", "值得一试",
        "总体不错", "不错不错", "挺好的", "很满意", "吃得很开心", "良心商家"),
    0: ("再也不会来了", "差评", "不推荐", "失望", "以后不点了", "避雷", "太坑了", "退款吧", "后悔",
        "不会回购", "一般般", "不怎么样", "浪费钱", "无语", "很失望"),
}


def _fill(phrase: str, rng: random.Random) -> str:
    return phrase.format(d=rng.choice(DISHES), i=rng.choice(INTENSE), t=rng.choice(WAITS))


def review(rng: random.Random) -> tuple[str, int, dict[str, int]]:
    """One review, its overall label and the polarity of each aspect it mentions."""
    label = rng.random() < 0.5
    aspects = rng.sample(list(PHRASES), rng.choice((1, 1, 2, 2, 3)))
    polarity = {aspect: int(label) for aspect in aspects}
    mixed = len(aspects) > 1 and rng.random() < 0.25
    if mixed:  # one aspect goes the other way; the closing verdict then carries the overall label
        polarity[aspects[-1]] = int(not label)
    parts = [_fill(rng.choice(OPENERS), rng)]
    parts += [_fill(rng.choice(PHRASES[aspect][polarity[aspect]]), rng) for aspect in aspects]
    body = "，".join(part.rstrip("，") for part in parts if part)
    if mixed:
        body = f"{body}，不过{rng.choice(CLOSERS[int(label)])}"
    elif rng.random() < 0.6:
        body = f"{body}，{rng.choice(CLOSERS[int(label)])}"
    elif rng.random() < 0.25:
        body = f"{body}，{rng.choice(TRENDS[int(label)])}"
    subject = rng.choice(SUBJECTS)
    return subject + body + rng.choice(("。", "！", "", "~", "!!")), int(label), polarity


def reviews(count: int, seed: int) -> list[tuple[str, int]]:
    rng = random.Random(seed)
    return [review(rng)[:2] for _ in range(count)]


def aspect_phrases(count: int, seed: int) -> list[tuple[str, int]]:
    """Single aspect phrases as clause-sized examples, since aspects are scored clause by clause."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        label = rng.randrange(2)
        aspect = rng.choice(list(PHRASES))
        out.append((_fill(rng.choice(PHRASES[aspect][label]), rng), label))
    return out
