"""An officer's list of unhappy reviews nobody acted on, a page at a time, without scripts."""

import pytest

from backend.reviews import scoring, service
from backend.reviews.schemas import EscalationCreate, ReviewCreate
from backend.users.schemas import Role
from tests import factories
from tests.backend.reviews.conftest import WordScorer
from tests.portal.conftest import ENGLISH, form_token


@pytest.fixture(scope="module")
def waiting(db):
    code = factories.business(db, name="翻页小馆")
    scoring.use(WordScorer())
    try:
        for n, text in enumerate(("汤里有头发，很差", "米饭是馊的，很差")):   # the second is newer
            service.submit(db, actor=None, client=f"paged-{n}", code=code, data=ReviewCreate(text=text))
        scoring.score_pending(db)
    finally:
        scoring.use(None)
    return [review.id for review in service.list_for_business(db, code=code).data]  # newest first


@pytest.fixture()
def officer(db, site, monkeypatch):
    from portal.pages import my_reviews  # registered once the site is built

    monkeypatch.setattr(my_reviews, "AWAITING_PAGE_SIZE", 1)
    site.cookies.clear()
    username = factories.user(db, role=Role.OFFICER, officer_id=factories.officer(db), unit_id="U-TH")
    site.post("/login", data={"username": username, "password": factories.PASSWORD, "next": "/me",
                              "csrf_token": form_token(site, "/login")}, headers=ENGLISH)


def test_the_list_says_how_many_wait_and_pages_through_them(site, waiting, officer):
    first = site.get("/me/reviews", headers=ENGLISH).text
    assert "2 reviews wait for an officer." in first and "Page 1 of 2" in first
    assert f'id="review-{waiting[0]}"' in first and f'id="review-{waiting[1]}"' not in first
    assert 'href="/me/reviews?page=2"' in first
    second = site.get("/me/reviews?page=2", headers=ENGLISH).text
    assert f'id="review-{waiting[1]}"' in second and "Page 2 of 2" in second
    assert 'value="/me/reviews?page=2"' in second  # its forms come back to this page
    past = site.get("/me/reviews?page=7", headers=ENGLISH).text
    assert "This page is past the last one." in past and 'href="/me/reviews?page=2"' in past


def test_a_refused_action_comes_back_on_its_page(site, waiting, officer):
    refused = site.post(f"/reviews/{waiting[1]}/escalate", headers=ENGLISH, data={
        "note": "涉嫌" * 600, "next": "/me/reviews?page=2",
        "csrf_token": form_token(site, "/me/reviews?page=2")})
    assert refused.status_code == 422 and "Page 2 of 2" in refused.text
    assert "涉嫌" * 600 in refused.text and "Note: Must be at most 1000 characters long." in refused.text


def test_one_review_waiting_reads_in_the_singular(db, site, waiting, officer):
    service.escalate(db, actor=factories.ADMIN, review_id=waiting[0],
                     data=EscalationCreate(note="涉嫌食品安全"))
    page = site.get("/me/reviews", headers=ENGLISH).text
    assert "1 review waits for an officer." in page and "Page 1 of" not in page

