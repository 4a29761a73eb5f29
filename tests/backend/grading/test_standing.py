"""The standing section keeps the facts behind each score; the public reads a penalty among them
by its decision number only while the penalty is public."""

from datetime import date, datetime, timedelta

from backend import clock
from backend.grading import standing
from backend.grading.schemas import StandingPublic

NOW = datetime(2026, 11, 1, 4)


def _section():
    return standing.section(
        business={"code": "X", "trade": "catering", "established_on": datetime(2016, 1, 1)},
        inspections=[{"date": datetime(2026, 9, 1), "result": "non_compliant"}],
        penalties=[{"decided_on": datetime(2026, 8, 1), "measures": ["warning"],
                    "decision_number": "穗天市监罚〔2026〕9号", "public_until": datetime(2026, 10, 29)},
                   {"decided_on": datetime(2026, 10, 1), "measures": ["suspension"],
                    "decision_number": "穗天市监罚〔2026〕12号", "public_until": datetime(2029, 10, 1)}],
        now=NOW)


def test_a_penalty_past_its_publication_period_counts_unnamed():
    risk = StandingPublic.from_stored(_section(), today=clock.day_of(NOW)).risk
    assert risk is not None and (risk.static, risk.score) == (25.0, 80.0)
    assert [(p.kind, p.date, p.decision_number, p.serious, p.points) for p in risk.counted] == [
        ("penalty", date(2026, 10, 1), "穗天市监罚〔2026〕12号", True, 25.0),
        ("inspection", date(2026, 9, 1), None, False, 15.0),
        ("penalty", None, None, False, 15.0)]


def test_the_grade_keeps_its_inspections_and_what_it_was_before():
    grade = StandingPublic.from_stored(_section(), today=clock.day_of(NOW) + timedelta(days=1)).grade
    assert grade is not None and grade.score == 30.0 and grade.before is None
    assert [(p.date, p.result, p.points, p.weight) for p in grade.counted] == [
        (date(2026, 9, 1), "non_compliant", 30.0, 3.0)]
