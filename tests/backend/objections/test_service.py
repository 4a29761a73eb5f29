"""Objections: the answer deadline in working days, "pending" on the record, who may file and answer."""

from datetime import date

import pytest

from backend.errors import Conflict, Forbidden, NotFound
from backend.objections import service as objections
from backend.objections.schemas import ObjectionCreate
from backend.profiles import service as profiles
from backend.repair.schemas import Decision
from backend.users.schemas import Actor, Role
from tests import factories


@pytest.mark.parametrize(("filed", "due"), [
    (date(2026, 11, 23), date(2026, 12, 7)),  # Monday + 10 working days
    (date(2025, 9, 26), date(2025, 10, 16)),  # National Day week; Sun 28 Sep and Sat 11 Oct are 调休
    (date(2025, 9, 29), date(2025, 10, 20)),
])
def test_answer_deadline_counts_working_days(filed, due):
    assert objections.answer_by(filed) == due


@pytest.fixture(scope="module")
def inspected(db):
    code = factories.business(db)
    officers = [factories.officer(db), factories.officer(db)]
    inspection_id = factories.inspection(db, code, officers, result="non_compliant")
    return code, inspection_id


def owner(code: str) -> Actor:
    return Actor(username="owner", role=Role.ENTERPRISE, business_code=code)


def test_an_objection_shows_pending_until_answered(db, inspected):
    code, inspection_id = inspected
    filed = objections.file(db, actor=owner(code), data=ObjectionCreate(
        business_code=code, record_kind="inspection", record_id=inspection_id, reason="检查时已整改"))
    assert filed.status == "pending"
    assert [p.record_id for p in objections.pending_for_business(db, code=code).data] == [inspection_id]
    record = profiles.public_record(db, code=code)
    assert record.standing.pending == [inspection_id]
    with pytest.raises(Conflict):
        objections.file(db, actor=owner(code), data=ObjectionCreate(
            business_code=code, record_kind="inspection", record_id=inspection_id, reason="again"))
    officer = Actor(username="o", role=Role.OFFICER, unit_districts=["越秀区"])
    with pytest.raises(Forbidden):
        objections.decide(db, actor=officer, objection_id=filed.id,
                          data=Decision(approve=False, reason="维持"))
    officer = Actor(username="o", role=Role.OFFICER, unit_districts=["天河区"])
    answered = objections.decide(db, actor=officer, objection_id=filed.id,
                                 data=Decision(approve=False, reason="维持原检查结论"))
    assert (answered.status, answered.answer) == ("rejected", "维持原检查结论")
    assert objections.pending_for_business(db, code=code).data == []
    assert profiles.public_record(db, code=code).standing.pending == []


def test_only_the_business_itself_objects_and_only_to_its_own_records(db, inspected):
    code, inspection_id = inspected
    other = factories.business(db)
    with pytest.raises(Forbidden):
        objections.file(db, actor=owner(other), data=ObjectionCreate(
            business_code=code, record_kind="inspection", record_id=inspection_id, reason="x"))
    with pytest.raises(NotFound):
        objections.file(db, actor=owner(other), data=ObjectionCreate(
            business_code=other, record_kind="inspection", record_id=inspection_id, reason="x"))


@pytest.mark.parametrize("record_id", ["²:black", "99999999999999999999999:black", "1:black", ":red"])
def test_an_objection_to_a_list_entry_that_is_not_there_is_not_found(db, inspected, record_id):
    code, _ = inspected
    with pytest.raises(NotFound):
        objections.file(db, actor=owner(code), data=ObjectionCreate(
            business_code=code, record_kind="list_entry", record_id=record_id, reason="不服"))


def test_simultaneous_filings_leave_one_open_objection(db, inspected):
    from concurrent.futures import ThreadPoolExecutor

    code, inspection_id = inspected

    def file_once(_n: int) -> str:
        try:
            objections.file(db, actor=owner(code), data=ObjectionCreate(
                business_code=code, record_kind="inspection", record_id=inspection_id,
                reason="同时提交"))
            return "filed"
        except Conflict:
            return "refused"

    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(pool.map(file_once, range(6)))
    assert sorted(outcomes) == ["filed"] + ["refused"] * 5
    assert objections.pending_for_business(db, code=code).meta.totalCount == 1


def test_the_list_pages_pending_first_then_the_newest_answers(db):
    code = factories.business(db)
    officers = [factories.officer(db), factories.officer(db)]
    records = [("inspection", factories.inspection(db, code, officers, result="non_compliant")),
               ("grade", "quantified"), ("grade", "risk")]
    filed = [objections.file(db, actor=owner(code), data=ObjectionCreate(
        business_code=code, record_kind=kind, record_id=record, reason="检查时已整改"))
        for kind, record in records]
    officer = Actor(username="o", role=Role.OFFICER, unit_districts=["天河区"])
    for row in (filed[0], filed[2]):  # answered in that order: the second answer is the newest
        objections.decide(db, actor=officer, objection_id=row.id, data=Decision(approve=False, reason="维持"))
    first = objections.list_for(db, actor=owner(code), page_size=2)
    second = objections.list_for(db, actor=owner(code), page_number=2, page_size=2)
    assert [row.id for row in first.data + second.data] == [filed[1].id, filed[2].id, filed[0].id]
    assert (first.meta.totalCount, first.meta.totalPages, second.meta.pageNumber) == (3, 2, 2)


def test_objections_filed_before_the_rank_was_stored_list_pending_first(db):
    from backend import migrations

    code = factories.business(db)
    filed = [objections.file(db, actor=owner(code), data=ObjectionCreate(
        business_code=code, record_kind="grade", reason="已整改", record_id=grade))
        for grade in ("quantified", "risk")]
    objections.decide(db, actor=Actor(username="o", role=Role.OFFICER, unit_districts=["天河区"]),
                      objection_id=filed[1].id, data=Decision(approve=True, reason="撤销"))
    db.objections.update_many({"business_code": code}, {"$unset": {"status_rank": ""}})
    migrations.decisions_rank_their_status(db)
    assert [row.status for row in objections.list_for(db, actor=owner(code)).data] == ["pending", "upheld"]


def test_pending_objections_page_by_the_answer_due_soonest(db):
    code = factories.business(db)
    officers = [factories.officer(db), factories.officer(db)]
    later = factories.inspection(db, code, officers, result="non_compliant")
    sooner = factories.penalty(db, code)
    for record_kind, record_id, filed_on in [("inspection", later, date(2026, 11, 24)),
                                             ("grade", "risk", date(2026, 11, 23)),
                                             ("penalty", sooner, date(2026, 11, 2)),
                                             ("grade", "quantified", date(2026, 11, 23))]:
        objections.file(db, actor=owner(code), today=filed_on, data=ObjectionCreate(
            business_code=code, record_kind=record_kind, record_id=record_id, reason="不服"))
    expected = [sooner, "quantified", "risk", later]  # one deadline for two: by record
    whole = objections.pending_for_business(db, code=code)
    assert [row.record_id for row in whole.data] == expected
    assert [row.answer_by for row in whole.data] == sorted(row.answer_by for row in whole.data)
    pages = [objections.pending_for_business(db, code=code, page_number=number, page_size=3)
             for number in (1, 2, 3)]
    assert [row.record_id for found in pages for row in found.data] == expected
    assert [(found.meta.totalCount, found.meta.totalPages, len(found.data)) for found in pages] == [
        (4, 2, 3), (4, 2, 1), (4, 2, 0)]
