"""Typical administrative penalty cases (行政处罚案例): facts, legal basis, measures and fines."""

from dataclasses import dataclass

from backend.penalties.schemas import PenaltyMeasure

FOOD_SAFETY_LAW = "《中华人民共和国食品安全法》"
EQUIPMENT_SAFETY_LAW = "《中华人民共和国特种设备安全法》"


@dataclass(frozen=True)
class PenaltyCase:
    facts: str  # {name}: the business
    legal_basis: str
    measures: tuple[PenaltyMeasure, ...]
    fine_yuan: tuple[int, int]  # the range the law allows for this case


W, F, C, S, R = (PenaltyMeasure.WARNING, PenaltyMeasure.FINE, PenaltyMeasure.CONFISCATION,
                 PenaltyMeasure.SUSPENSION, PenaltyMeasure.LICENCE_REVOCATION)

FOOD_CASES = (
    PenaltyCase("经查，{name}从业人员未取得健康证明即从事接触直接入口食品的工作，经责令改正后逾期未改正。",
                f"{FOOD_SAFETY_LAW}第四十五条第一款、第一百二十六条第一款第（六）项", (W, F),
                (5_000, 9_000)),
    PenaltyCase("经查，{name}未按规定对餐具、饮具进行清洗消毒，经责令改正后逾期未改正。",
                f"{FOOD_SAFETY_LAW}第五十六条第二款、第一百二十六条第一款第（五）项", (W, F),
                (5_000, 9_000)),
    PenaltyCase("经查，{name}采购食品原料时未按规定查验供货者的许可证和食品合格证明文件。",
                f"{FOOD_SAFETY_LAW}第五十五条第一款、第一百二十六条第一款第（三）项", (W,), (0, 0)),
    PenaltyCase("经查，{name}经营标签不符合规定的预包装食品，货值金额较小。",
                f"{FOOD_SAFETY_LAW}第六十七条、第一百二十五条第一款第（二）项", (F, C),
                (5_000, 20_000)),
    PenaltyCase("经查，{name}使用超过保质期的食品原料加工制作食品，货值金额不足一万元。",
                f"{FOOD_SAFETY_LAW}第三十四条第（十）项、第一百二十四条第一款第（五）项", (F, C),
                (50_000, 100_000)),
    PenaltyCase("经查，{name}未取得食品经营许可从事食品经营活动。",
                f"{FOOD_SAFETY_LAW}第三十五条第一款、第一百二十二条第一款", (F, C),
                (50_000, 100_000)),
    PenaltyCase("经查，{name}在食品中添加食品添加剂以外的化学物质，情节严重。",
                f"{FOOD_SAFETY_LAW}第三十四条第（一）项、第一百二十三条第一款第（一）项",
                (F, C, S), (100_000, 300_000)),
    PenaltyCase("经查，{name}生产经营病死、毒死或者死因不明的畜禽肉类制品，情节严重。",
                f"{FOOD_SAFETY_LAW}第三十四条第（七）项、第一百二十三条第一款第（三）项",
                (F, C, R), (200_000, 500_000)),
)
EQUIPMENT_CASES = (
    PenaltyCase("经查，{name}使用未经定期检验的电梯，经责令改正后逾期未改正。",
                f"{EQUIPMENT_SAFETY_LAW}第四十条第三款、第八十四条第（一）项", (F, S),
                (30_000, 100_000)),
    PenaltyCase("经查，{name}未按规定配备特种设备安全管理人员。",
                f"{EQUIPMENT_SAFETY_LAW}第三十六条、第八十六条第（一）项", (F,), (10_000, 30_000)),
    PenaltyCase("经查，{name}未对电梯进行经常性维护保养和定期自行检查。",
                f"{EQUIPMENT_SAFETY_LAW}第三十九条第一款、第八十三条第（四）项", (W, F),
                (10_000, 50_000)),
)


def cases(food: bool) -> tuple[PenaltyCase, ...]:
    return FOOD_CASES if food else EQUIPMENT_CASES
