"""Shop names built from parts that fit each trade, and the kind of market subject behind them."""

from random import Random

from backend.businesses.schemas import Trade
from backend.seed.places import CITY, District

# Registration authority 9 (市场监管) plus the subject type: 1 enterprise (企业),
# 2 individual business (个体工商户), 3 farmers' cooperative (农民专业合作社).
ENTERPRISE, INDIVIDUAL, COOPERATIVE = "91", "92", "93"

TRADE_WEIGHTS = {
    Trade.CATERING: 45, Trade.FOOD_SALES: 30, Trade.FOOD_PRODUCTION: 7,
    Trade.SMALL_WORKSHOP: 8, Trade.SPECIAL_EQUIPMENT_USER: 10,
}
FOOD_TRADES = frozenset({Trade.CATERING, Trade.FOOD_SALES, Trade.FOOD_PRODUCTION,
                         Trade.SMALL_WORKSHOP})

_PREFIXES = {
    Trade.CATERING: ("老王", "陈记", "湘味", "川香", "粤式", "阿婆", "李家", "福满楼", "顺德",
                     "潮汕", "兰州", "沙县", "老广", "蔡记", "黄记", "好味", "东北", "客家",
                     "南信", "银记", "点都德", "陶陶居", "九记", "渝味"),
    Trade.FOOD_SALES: ("好又多", "惠民", "家家福", "万佳", "邻里", "优品", "鲜丰", "百佳",
                       "利民", "诚信", "天天", "美宜佳", "喜士多", "钱大妈", "果然鲜", "粮丰"),
    Trade.FOOD_PRODUCTION: ("广食", "穗香", "岭南", "珠江", "华南", "永和", "金穗", "南粤",
                            "百年", "皇上皇", "致美斋", "沙河"),
    Trade.SMALL_WORKSHOP: ("陈记", "老李", "阿强", "何记", "梁记", "周记", "冯记", "古法",
                           "老街坊", "西关"),
    Trade.SPECIAL_EQUIPMENT_USER: ("天汇", "荣华", "恒福", "丽景", "金城", "中信", "宏城",
                                   "海印", "时代", "珠江", "锦绣", "万达"),
}
_KINDS = {
    Trade.CATERING: ("面馆", "茶餐厅", "烧腊", "肠粉店", "粥铺", "牛肉火锅", "砂锅粥", "饺子馆",
                     "酒家", "小炒", "煲仔饭", "麻辣烫", "甜品店", "快餐店", "早餐店", "云吞面"),
    Trade.FOOD_SALES: ("超市", "便利店", "生鲜店", "水果店", "粮油店", "干货行", "肉菜档",
                       "茶叶店", "副食店"),
    Trade.FOOD_PRODUCTION: ("食品厂", "饼业有限公司", "调味品厂", "饮料有限公司", "肉制品厂",
                            "糕点厂", "米粉厂", "食品有限公司"),
    Trade.SMALL_WORKSHOP: ("豆腐坊", "腊味坊", "米粉作坊", "糕点作坊", "凉茶铺", "面条坊",
                           "腐竹作坊", "酿造坊"),
    Trade.SPECIAL_EQUIPMENT_USER: ("大厦", "物业管理有限公司", "购物广场", "大酒店", "商业中心",
                                   "写字楼", "公寓"),
}
_PREMISES = ("", "", "首层", "之一", "102铺", "103铺", "B1层", "二楼")


def trade(rng: Random) -> Trade:
    return rng.choices(tuple(TRADE_WEIGHTS), weights=tuple(TRADE_WEIGHTS.values()))[0]


def subject_type(rng: Random, trade: Trade) -> str:
    """Corner shops and workshops are mostly individual businesses; factories, malls companies."""
    if trade in (Trade.FOOD_PRODUCTION, Trade.SPECIAL_EQUIPMENT_USER):
        return COOPERATIVE if rng.random() < 0.03 else ENTERPRISE
    return INDIVIDUAL if rng.random() < 0.7 else ENTERPRISE


def shop_name(rng: Random, trade: Trade, district: District, road: str, subject: str) -> str:
    body = rng.choice(_PREFIXES[trade]) + rng.choice(_KINDS[trade])
    if subject == INDIVIDUAL:  # 个体工商户 carry the district in their registered name
        return f"{CITY}{district.name}{body}"
    if subject == COOPERATIVE:
        return f"{CITY}{body.removesuffix('有限公司')}专业合作社"
    if rng.random() < 0.3:  # a chain's branch
        return f"{body}（{road}店）"
    return f"{CITY}{body}"


def address(rng: Random, district: District, road: str) -> str:
    return f"{CITY}{district.name}{road}{rng.randint(1, 999)}号{rng.choice(_PREMISES)}"
