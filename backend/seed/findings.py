"""What inspectors check and find (检查事项与发现问题), and the opinions they write."""

from backend.inspections.checklists import EQUIPMENT_CHECKLIST, FOOD_CHECKLIST
from backend.inspections.schemas import InspectionResult, InspectionSource

FOOD_MINOR_FINDINGS = (
    "后厨地面有积水", "从业人员未佩戴口罩", "从业人员未佩戴工作帽", "食品原料未离地存放",
    "消毒记录不全", "进货查验记录不完整", "防鼠防蝇设施不完善", "垃圾桶未加盖",
    "留样记录不全", "库房物品堆放杂乱", "油烟机油污较多", "员工个人物品放置在操作间",
    "洗手设施缺少洗手液", "临期食品未分区摆放", "散装食品标签信息不全",
    "未按规定公示食品经营许可证", "餐具消毒柜未正常使用", "冷藏冰箱除霜不及时",
)
FOOD_SERIOUS_FINDINGS = (
    "冰箱内生熟食品混放", "部分从业人员健康证明过期", "使用超过保质期的食品原料",
    "食品添加剂未专柜存放、未专人管理", "冷藏设施温度不达标", "加工区域发现鼠迹",
    "未建立食品安全自查制度", "餐饮具未经清洗消毒即使用",
)
EQUIPMENT_MINOR_FINDINGS = (
    "电梯未在显著位置张贴使用标志", "维护保养记录不完整", "应急救援演练记录缺失",
    "安全技术档案不齐全", "电梯轿厢内应急电话无人接听",
)
EQUIPMENT_SERIOUS_FINDINGS = (
    "特种设备超过定期检验有效期仍在使用", "安全管理人员未持证上岗", "未制定特种设备事故应急预案",
)
OPINIONS = {
    InspectionResult.COMPLIANT: "检查未发现问题，请继续保持。",
    InspectionResult.BASICALLY_COMPLIANT: "发现问题已当场指出，责令限期整改，整改期满后复查。",
    InspectionResult.NON_COMPLIANT: "责令立即停止违法行为并限期整改，依法进一步调查处理。",
}
SOURCE_WEIGHTS = {
    InspectionSource.ROUTINE: 45, InspectionSource.RANDOM_DRAW: 25,
    InspectionSource.COMPLAINT: 10, InspectionSource.SPECIAL_CAMPAIGN: 12,
    InspectionSource.FOLLOW_UP: 8,
}
# Mostly 符合, as in published results; the rest need rectification.
RESULT_WEIGHTS = {
    InspectionResult.COMPLIANT: 80, InspectionResult.BASICALLY_COMPLIANT: 15,
    InspectionResult.NON_COMPLIANT: 5,
}


def checklist(food: bool) -> tuple[str, ...]:
    return FOOD_CHECKLIST if food else EQUIPMENT_CHECKLIST


def findings(food: bool, *, serious: bool) -> tuple[str, ...]:
    if food:
        return FOOD_SERIOUS_FINDINGS if serious else FOOD_MINOR_FINDINGS
    return EQUIPMENT_SERIOUS_FINDINGS if serious else EQUIPMENT_MINOR_FINDINGS
