"""Credit repair: the countdown, who may apply and decide, and one decision per application."""

from datetime import timedelta

import pytest

from backend import clock
from backend.errors import Conflict, Forbidden, Invalid
from backend.lists import service as lists
from backend.lists.schemas import EditionPublish
from backend.repair import service as repair
from backend.repair.schemas import Decision, Evidence, RepairCreate
from backend.users.schemas import Actor, Role
from tests import factories
from tests import repair_evidence as evidence

EVIDENCE = [Evidence(title="罚款缴纳凭证", note="已缴清")]


@pytest.fixture(scope="module")
def listed(db):
    code = factories.business(db)
    number = factories.penalty(db, code, measures=("suspension",), days_ago=3)
    lists.publish(db, actor=factories.ADMIN, data=EditionPublish())
    return code, number


def owner(code: str) -> Actor:
    return Actor(username="owner", role=Role.ENTERPRISE, business_code=code)


def officer(district: str = "天河区") -> Actor:
    return Actor(username="officer", role=Role.OFFICER, officer_id="OF1", unit_districts=[district])


def test_a_listed_business_sees_a_one_year_countdown(db, listed):
    code, number = listed
    status = repair.eligibility(db, actor=owner(code), business_code=code)
    assert status.listed and not status.eligible
    assert status.listed_since == clock.today()
    assert status.eligible_from == clock.today() + timedelta(days=365)
    assert status.days_left == 365
    assert status.unfulfilled_penalties == [number]


def test_too_early_or_penalty_unfulfilled_is_refused(db, listed):
    code, _ = listed
    data = RepairCreate(business_code=code, statement="已整改", evidence=EVIDENCE)
    with pytest.raises(Invalid, match="from"):
        repair.apply(db, actor=owner(code), data=data)
    with pytest.raises(Invalid, match="fulfilled first"):
        repair.apply(db, actor=owner(code), data=data, today=clock.today() + timedelta(days=365))


def test_another_business_cannot_look_or_apply(db, listed):
    code, _ = listed
    stranger = owner(factories.valid_code())
    with pytest.raises(Forbidden):
        repair.eligibility(db, actor=stranger, business_code=code)
    with pytest.raises(Forbidden):
        repair.apply(db, actor=stranger, data=RepairCreate(business_code=code, statement="x",
                                                           evidence=EVIDENCE))


def test_a_penalty_is_not_fulfilled_before_it_was_decided(db):
    number = factories.penalty(db, factories.business(db), measures=("fine",), days_ago=3)
    with pytest.raises(Invalid, match="before it was decided"):
        repair.record_fulfilment(db, actor=officer(), decision_number=number,
                                 fulfilled_on=clock.today() - timedelta(days=4))


def test_after_a_year_with_the_penalty_fulfilled_the_officer_decides_once(db, listed):
    code, number = listed
    repair.record_fulfilment(db, actor=officer(), decision_number=number,
                             fulfilled_on=clock.today())
    a_year_on = clock.today() + timedelta(days=365)
    for partial in (EVIDENCE, evidence.documents(db, owner(code), code)[:2]):
        with pytest.raises(Invalid, match="Missing: .*commitment"):
            repair.apply(db, actor=owner(code), today=a_year_on,
                         data=RepairCreate(business_code=code, statement="已整改", evidence=partial))
    application = repair.apply(db, actor=owner(code), today=a_year_on, data=RepairCreate(
        business_code=code, statement="已整改", evidence=evidence.documents(db, owner(code), code)))
    assert application.status == "pending"
    assert [item.kind for item in application.evidence] == ["fulfilment", "rectification", "commitment"]
    with pytest.raises(Forbidden):
        repair.decide(db, actor=officer("越秀区"), application_id=application.id,
                      data=Decision(approve=True, reason="材料齐全"))
    decided = repair.decide(db, actor=officer(), application_id=application.id,
                            data=Decision(approve=True, reason="材料齐全"))
    assert (decided.status, decided.reason) == ("approved", "材料齐全")
    with pytest.raises(Conflict):
        repair.decide(db, actor=officer(), application_id=application.id,
                      data=Decision(approve=False, reason="again"))
    # The approval takes it off the next edition; the published one stays as it was.
    first = lists.edition(db)
    lists.publish(db, actor=factories.ADMIN, data=EditionPublish(corrects=first.number,
                                                                 correction_note="信用修复"))
    assert [e.business_code for e in lists.entries(db, number=first.number)] == [code]
    assert list(lists.entries(db, number=first.number + 1)) == []
