"""The QR page says, in words, under a review an officer escalated: when it was referred to the
regulator and by when it is to be decided and verified under the complaint rules."""

import pytest

from backend import clock
from backend.reviews import service
from backend.reviews.schemas import EscalationCreate, ReviewCreate
from backend.workdays import add_working_days
from tests import factories
from tests.factories import ADMIN
from tests.portal.conftest import ENGLISH


@pytest.fixture(scope="module")
def shop(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    code = factories.business(db, district="天河区")
    kept = service.submit(db, actor=None, client="c1", code=code, data=ReviewCreate(text="味道不错，服务好"))
    referred = service.submit(db, actor=None, client="c2", code=code, data=ReviewCreate(text="后厨有老鼠"))
    service.escalate(db, actor=ADMIN, review_id=referred.id, data=EscalationCreate(note="涉及卫生"))
    return {"code": code, "kept": kept.id, "referred": referred.id}


def _item(page: str, review_id: str) -> str:
    start = page.index(f'id="review-{review_id}"')
    return page[start:page.index("</li>", start)]


def test_the_referred_review_says_when_and_its_deadlines(site, shop):
    page = site.get(f"/b/{shop['code']}", headers=ENGLISH).text
    today = clock.today()
    said = _item(page, shop["referred"])
    assert f"Referred to the regulator on {today.isoformat()}." in said
    assert (f"Under the complaint rules it is to be decided by {add_working_days(today, 7).isoformat()} "
            f"and verified by {add_working_days(today, 15).isoformat()}.") in said


def test_a_review_not_referred_says_nothing_of_it(site, shop):
    page = site.get(f"/b/{shop['code']}", headers=ENGLISH).text
    assert "regulator" not in _item(page, shop["kept"])
