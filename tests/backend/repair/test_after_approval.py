"""After an approved credit repair: the business is told it leaves the list with the next edition,
and may not apply again; a refused evidence file is named."""

from datetime import date, timedelta

import pytest

from backend import clock, i18n
from backend.errors import Conflict, Invalid
from backend.lists import service as lists
from backend.lists.schemas import EditionPublish
from backend.profiles import service as profiles
from backend.repair import service as repair
from backend.repair.schemas import Decision, Evidence, RepairCreate
from backend.users.schemas import Actor, Role
from portal.components.standing import repair_sentence
from tests import factories
from tests import repair_evidence as evidence

A_YEAR_ON = clock.today() + timedelta(days=365)


def owner(code: str) -> Actor:
    return Actor(username="owner", role=Role.ENTERPRISE, business_code=code)


def officer() -> Actor:
    return Actor(username="officer", role=Role.OFFICER, officer_id="OF1", unit_districts=["天河区"])


@pytest.fixture(scope="module")
def approved(db):
    code = factories.business(db)
    number = factories.penalty(db, code, measures=("suspension",), days_ago=3)
    lists.publish(db, actor=factories.ADMIN, data=EditionPublish())
    repair.record_fulfilment(db, actor=officer(), decision_number=number, fulfilled_on=clock.today())
    application = repair.apply(db, actor=owner(code), today=A_YEAR_ON, data=RepairCreate(
        business_code=code, statement="已整改", evidence=evidence.documents(db, owner(code), code)))
    repair.decide(db, actor=officer(), application_id=application.id,
                  data=Decision(approve=True, reason="材料齐全"))
    return code


def _first_of_next_month(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def test_an_approved_business_is_repaired_not_eligible(db, approved):
    status = repair.eligibility(db, actor=owner(approved), business_code=approved)
    assert status.listed and status.repaired and not status.eligible
    assert status.days_left == 0 and status.unfulfilled_penalties == []
    # this month's edition is out (its cut-off is today): the next is next month's (day 1 by default)
    assert status.next_edition_on == _first_of_next_month(clock.today())


def test_the_public_page_says_the_repair_is_approved(db, approved):
    """The QR page reads one precomputed document: the approval is written into it."""
    black = profiles.public_record(db, code=approved).standing.black
    assert black is not None and black.repaired_on == clock.today()
    with i18n.language("en"):
        sentence = repair_sentence(black, None)
    assert sentence.startswith(f"Credit repair was approved on {clock.today().isoformat()}")


def test_a_second_application_is_refused_while_the_approval_waits_for_the_edition(db, approved):
    data = RepairCreate(business_code=approved, statement="再次申请", evidence=[Evidence(title="凭证")])
    with pytest.raises(Conflict, match="already approved"):
        repair.apply(db, actor=owner(approved), data=data, today=A_YEAR_ON)
    assert db.repair_applications.count_documents({"business_code": approved}) == 1


def test_an_edition_due_but_not_yet_published_is_expected_at_once(db, approved):
    # a year on, that month's cut-off is past the latest edition's: the daily job publishes it now
    assert repair.next_edition_on(db, A_YEAR_ON) == A_YEAR_ON


def test_the_next_edition_takes_it_off_the_list(db, approved):
    first = lists.edition(db)
    lists.publish(db, actor=factories.ADMIN, data=EditionPublish(corrects=first.number,
                                                                 correction_note="信用修复"))
    status = repair.eligibility(db, actor=owner(approved), business_code=approved)
    assert not status.listed and not status.repaired
    profiles.rebuild(db, code=approved)
    assert profiles.public_record(db, code=approved).standing.black is None


def test_a_listing_newer_than_the_approval_counts_again(db):
    """Relisted for a penalty after the repair: the old approval does not cover it (stored as
    of yesterday: a penalty dated the day of the approval is covered by it)."""
    code = factories.business(db)
    db.repair_applications.insert_one({"business_code": code, "status": "approved",
                                       "decided_at": clock.now() - timedelta(days=1)})
    factories.penalty(db, code, measures=("suspension",), days_ago=0)
    first = lists.edition(db)
    lists.publish(db, actor=factories.ADMIN, data=EditionPublish(corrects=first.number,
                                                                 correction_note="新处罚"))
    status = repair.eligibility(db, actor=owner(code), business_code=code)
    assert status.listed and not status.repaired and status.days_left == 365


def test_a_refused_evidence_file_is_named(db, approved):
    with pytest.raises(Invalid, match='"menu.html" is refused: evidence must be a PDF'):
        repair.attach_evidence(db, actor=owner(approved), business_code=approved,
                               file_name="menu.html", content_type="application/pdf",
                               content=b"<html>not a receipt</html>")
    with pytest.raises(Invalid, match='"empty.pdf" is refused'):
        repair.attach_evidence(db, actor=owner(approved), business_code=approved,
                               file_name="empty.pdf", content_type="application/pdf", content=b"")
