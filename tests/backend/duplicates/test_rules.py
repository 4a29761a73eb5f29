"""What counts as the same record stored twice, as a table of pairs."""

from datetime import datetime

import pytest

from backend.duplicates import rules

KINDS = {kind.name: kind for kind in rules.KINDS}
DAY = datetime(2026, 3, 1)
BASE = {
    "licence": {"business_code": "C", "kind": "food_business_licence", "number": "JY24401060000777",
                "issued_on": DAY, "expires_on": datetime(2031, 3, 1), "issuer": "天河区局"},
    "staff": {"business_code": "C", "name": "陈大厨", "position": "厨师",
              "health_certificate_number": "440106202400000011", "certificate_issued_on": DAY},
    "inspection": {"business_code": "C", "date": DAY, "officer_ids": ["OF1", "OF2"],
                   "result": "compliant", "source": "routine", "items_found": []},
    "penalty": {"business_code": "C", "decision_number": "穗天市监罚〔2026〕31号", "facts": "未公示许可证",
                "decided_on": DAY, "fine_yuan": 0},
}


@pytest.mark.parametrize("kind, changes, outcome", [
    ("licence", {}, "copy"),
    ("licence", {"created_at": datetime(2026, 4, 1), "recorded_by": "other"}, "copy"),
    ("licence", {"number": "jy24401060000777 "}, "copy"),  # stored before numbers were normalised
    ("licence", {"expires_on": datetime(2032, 3, 1)}, "differing"),
    ("licence", {"issued_on": datetime(2027, 3, 1)}, "apart"),  # a renewal under the same number
    ("staff", {}, "copy"),
    ("staff", {"name": "陈小厨"}, "differing"),
    ("inspection", {"officer_ids": ["OF2", "OF1"], "fingerprint": "x", "superseded_on": DAY}, "copy"),
    ("inspection", {"items_found": ["地面积水"]}, "differing"),
    ("inspection", {"result": "basically_compliant"}, "apart"),
    ("penalty", {"decision_number": "穗天市监罚(2026)31号"}, "copy"),
    ("penalty", {"business_name": "改名后的店", "district": "越秀区"}, "copy"),
    ("penalty", {"fine_yuan": 500}, "differing"),
    ("penalty", {"decision_number": "穗天市监罚〔2026〕32号"}, "apart"),
])
def test_which_pairs_are_one_record(kind, changes, outcome):
    first = BASE[kind] | {"_id": 1, "created_at": datetime(2026, 3, 2)}
    second = first | {"_id": 2, "created_at": datetime(2026, 3, 3)} | changes
    found = rules.groups(KINDS[kind], [second, first], referenced=lambda row: False)
    if outcome == "apart":
        assert found == []
        return
    (group,) = found
    assert group.kept is first  # the first recorded stays
    assert [row["_id"] for row in group.copies] == ([2] if outcome == "copy" else [])
    assert [row["_id"] for row in group.differing] == ([2] if outcome == "differing" else [])


def test_the_copy_other_records_name_is_kept_and_a_second_named_one_is_held():
    rows = [BASE["inspection"] | {"_id": n, "created_at": datetime(2026, 3, n)} for n in (1, 2, 3)]
    (group,) = rules.groups(KINDS["inspection"], rows, referenced=lambda row: row["_id"] in (2, 3))
    assert group.kept["_id"] == 2
    assert [row["_id"] for row in group.copies] == [1]
    assert [row["_id"] for row in group.held] == [3]
