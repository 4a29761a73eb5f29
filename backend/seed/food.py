"""Ingredients, suppliers and rapid tests (进货查验、快检) for the food trades."""

from dataclasses import dataclass

from backend.businesses.schemas import Trade


@dataclass(frozen=True)
class Ingredient:
    item: str
    category: str
    units: tuple[str, ...]  # plausible purchase quantities


INGREDIENTS = (
    Ingredient("猪肉", "pork", ("20kg", "35kg", "50kg")),
    Ingredient("猪肝", "pork", ("5kg", "10kg")),
    Ingredient("鲜鸡", "poultry", ("10只", "20只", "30只")),
    Ingredient("鸡蛋", "eggs", ("5箱", "10箱", "360枚")),
    Ingredient("菜心", "vegetables", ("15kg", "25kg", "40kg")),
    Ingredient("生菜", "vegetables", ("10kg", "20kg")),
    Ingredient("大白菜", "vegetables", ("25kg", "50kg")),
    Ingredient("豆角", "vegetables", ("10kg", "15kg")),
    Ingredient("鲜虾", "aquatic", ("5kg", "10kg")),
    Ingredient("鲈鱼", "aquatic", ("10kg", "20kg")),
    Ingredient("腊肠", "cured", ("5kg", "10kg")),
    Ingredient("咸菜", "cured", ("5kg", "20kg")),
    Ingredient("粉丝", "dry_goods", ("10包", "20包")),
    Ingredient("腐竹", "dry_goods", ("5kg", "10kg")),
    Ingredient("大米", "grain_oil", ("10袋", "25kg", "50kg")),
    Ingredient("花生油", "grain_oil", ("4桶", "10桶")),
    Ingredient("面粉", "grain_oil", ("10袋", "25kg")),
    Ingredient("黄豆", "grain_oil", ("50kg", "100kg")),
)
CATEGORY = {ingredient.item: ingredient.category for ingredient in INGREDIENTS}
SUPPLIERS = {
    "pork": ("广州市东升肉类批发有限公司", "广州市番禺区沙湾屠宰场", "广州市白云区嘉禾肉菜批发部"),
    "poultry": ("广州市江高家禽批发市场", "广东温氏食品集团股份有限公司"),
    "eggs": ("广州市白云区蛋品批发行", "广州市天河区诚信蛋行"),
    "vegetables": ("广州江南果菜批发市场", "广州市白云区嘉禾蔬菜批发市场", "广州市番禺区南村蔬菜基地"),
    "aquatic": ("广州黄沙水产交易市场", "广州市海珠区中大鱼市"),
    "cured": ("广州市皇上皇腊味有限公司", "广州市荔湾区西关腊味行"),
    "dry_goods": ("广州市一德路干货批发部", "广州市清平药材干货市场"),
    "grain_oil": ("广州市粮油批发市场", "中粮（广州）粮油贸易有限公司", "益海嘉里（广州）粮油有限公司"),
}
# Which rapid test (快检项目) is run on which kind of ingredient.
RAPID_TESTS = {
    "vegetables": ("农药残留（有机磷和氨基甲酸酯类）",),
    "pork": ("瘦肉精（克伦特罗）", "瘦肉精（莱克多巴胺）"),
    "aquatic": ("孔雀石绿", "甲醛"),
    "cured": ("亚硝酸盐",),
    "dry_goods": ("二氧化硫", "吊白块"),
    "grain_oil": ("黄曲霉毒素B1",),
}
# What each food trade buys; workshops buy for what they make (tofu, cured meat, noodles).
TRADE_INGREDIENTS = {
    Trade.CATERING: INGREDIENTS,
    Trade.FOOD_SALES: INGREDIENTS,
    Trade.FOOD_PRODUCTION: tuple(i for i in INGREDIENTS if i.category in ("grain_oil", "pork",
                                                                          "eggs", "cured")),
    Trade.SMALL_WORKSHOP: tuple(i for i in INGREDIENTS if i.category in ("grain_oil", "pork",
                                                                         "dry_goods")),
}
TESTABLE = {trade: tuple(i for i in ingredients if i.category in RAPID_TESTS)
            for trade, ingredients in TRADE_INGREDIENTS.items()}
RAPID_TEST_FAIL_RATE = 0.03
