"""Stages inside a task: due by the earliest unmet one, met by the steps that complete them."""

from datetime import date, datetime

import pytest

from backend import clock
from backend.tasks import stages

ACCEPT = stages.Stage("accept", datetime(2026, 12, 17, 16), ("accepted", "closed"))
VERIFY = stages.Stage("verify", datetime(2026, 12, 29, 16), ("result", "closed"))
NOTIFY = stages.Stage("notify", datetime(2027, 1, 6, 16), ("closed",))
MET = datetime(2026, 12, 9, 2)


def _met(*names):
    return [row | {"met_at": MET} if row["name"] in names else row
            for row in stages.stored([ACCEPT, VERIFY, NOTIFY])]


@pytest.mark.parametrize(("met", "deadline", "name"), [
    ((), ACCEPT.due, "accept"),
    (("accept",), VERIFY.due, "verify"),
    (("accept", "verify"), NOTIFY.due, "notify"),
    (("verify",), ACCEPT.due, "accept"),  # an earlier stage still unmet comes first
    (("accept", "verify", "notify"), NOTIFY.due, None),  # all met: the last one, and late for nothing
])
def test_the_task_is_due_by_its_earliest_unmet_stage(met, deadline, name):
    assert stages.next_due(_met(*met)) == (deadline, name)


@pytest.mark.parametrize(("action", "met"), [
    ("accepted", {"accept"}),
    ("closed", {"accept", "verify", "notify"}),
    ("evidence", set()),
])
def test_a_step_meets_the_stages_it_completes(action, met):
    fields = stages.after_step({"stages": _met()}, action, MET)
    assert {row["name"] for row in fields.get("stages", []) if row["met_at"]} == met


def test_a_met_stage_keeps_when_it_was_met_and_a_task_without_stages_gets_nothing():
    assert stages.after_step({"stages": _met("accept")}, "accepted", datetime(2027, 1, 1)) == {}
    assert stages.after_step({"deadline": ACCEPT.due}, "closed", MET) == {}


def test_a_stage_added_later_is_due_at_once():
    reverify = stages.Stage("reverify", datetime(2027, 2, 1, 16), ("result", "closed"))
    fields = stages.added({"stages": _met("accept", "verify", "notify")}, reverify)
    assert (fields["deadline"], fields["deadline_stage"]) == (reverify.due, "reverify")


MEDIATE = stages.Stage("mediate", datetime(2027, 2, 19, 15, 59, 59), ("closed",), after="accept",
                       working_days=45)


@pytest.mark.parametrize(("step", "at", "due"), [
    # accepted on Tuesday 2026-12-08 (Guangzhou): 45 working days from then, not from the deadline
    ("accepted", datetime(2026, 12, 8, 2), date(2027, 2, 10)),
    ("evidence", datetime(2026, 12, 8, 2), date(2027, 2, 19)),  # not accepted yet: the forecast
    # accepted late, on Monday 2026-12-21: the mediation still has its 45 days
    ("accepted", datetime(2026, 12, 21, 2), date(2027, 2, 23)),
])
def test_a_stage_counts_from_when_the_one_before_it_is_done(step, at, due):
    task = {"stages": stages.stored([ACCEPT, MEDIATE])}
    shown = stages.after_step(task, step, at).get("stages") or task["stages"]
    assert clock.day_of(shown[1]["due"]) == due
    assert shown[1]["met_at"] is None
