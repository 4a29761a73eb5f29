"""A write filed under a business's record (a review, an alert) names the business too: the
record's trail and the business's both list it, another business's does not."""

import pytest

from backend.audit import service as audit
from backend.profiles import service as profiles
from tests import factories
from tests.factories import ADMIN


@pytest.fixture(scope="module")
def codes(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    mine, other = factories.business(db, district="天河区"), factories.business(db, district="天河区")
    profiles.publish_change(db, actor=ADMIN, action="review.answer", code=mine, target="R-1",
                            data={"text": "已核查"})
    profiles.publish_change(db, actor=ADMIN, action="business.update", code=mine, data={"name": "新店名"})
    audit.record(db, actor=ADMIN, action="review.answer", target="R-2", data={"business_code": other})
    return mine, other


def _listed(db, target):
    return [(entry.action, entry.target) for entry in audit.listed(db, actor=ADMIN, target=target).data]


def test_the_record_and_its_business_list_it(db, codes):
    mine, _other = codes
    assert _listed(db, "R-1") == [("review.answer", "R-1")]
    assert audit.listed(db, actor=ADMIN, target="R-1").data[0].data["business_code"] == mine
    assert [row for row in _listed(db, mine) if row[0] != "business.register"] == [
        ("business.update", mine), ("review.answer", "R-1")]


def test_a_write_on_the_business_itself_is_not_given_a_second_name(db, codes):
    mine, _other = codes
    [update] = audit.listed(db, actor=ADMIN, target=mine, action="business.update").data
    assert "business_code" not in update.data


def test_another_business_does_not_list_it(db, codes):
    _mine, other = codes
    assert ("review.answer", "R-1") not in _listed(db, other)
    assert ("review.answer", "R-2") in _listed(db, other)
