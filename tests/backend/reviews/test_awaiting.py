"""The officer's list of unhappy reviews nobody has acted on: where allegations are found."""

import pytest

from backend.errors import Forbidden, Unauthorized
from backend.reviews import repository, scoring, service
from backend.reviews.schemas import EscalationCreate, ReplyCreate, ReviewCreate
from backend.users.schemas import Actor, Role
from tests import factories
from tests.backend.reviews.conftest import WordScorer

OFFICER = Actor(username="o.conghua", role=Role.OFFICER, unit_id="U-CH", unit_districts=["从化区"])
ADMIN = Actor(username="admin.t", role=Role.ADMIN)


@pytest.fixture(scope="module")
def reviews(db):
    factories.unit(db, id="U-CH", districts=("从化区",))
    here = factories.business(db, district="从化区", name="从化小馆")
    there = factories.business(db, district="增城区", name="增城小馆")
    written = {}
    scoring.use(WordScorer())
    try:
        for key, code, text, stars in [
            ("bad", here, "后厨有老鼠，很差", None),
            ("one star", here, "还行吧，好像还可以", 1),
            ("good", here, "味道好", 5),
            ("answered", here, "很差，有头发", None),
            ("escalated", here, "很差，吃完拉肚子", None),
            ("replied by the business", here, "服务差", None),
            ("elsewhere", there, "很差", None),
        ]:
            written[key] = service.submit(db, actor=None, client=f"aw-{key}", code=code,
                                          data=ReviewCreate(text=text, stars=stars)).id
        scoring.score_pending(db)
        written["pending"] = service.submit(db, actor=None, client="aw-pending", code=here,
                                            data=ReviewCreate(text="很差，还没评分")).id
    finally:
        scoring.use(None)
    service.answer(db, actor=OFFICER, review_id=written["answered"], data=ReplyCreate(text="已核查"))
    service.escalate(db, actor=OFFICER, review_id=written["escalated"], data=EscalationCreate())
    owner = Actor(username="aw.owner", role=Role.ENTERPRISE, business_code=here)
    service.reply(db, actor=owner, review_id=written["replied by the business"],
                  data=ReplyCreate(text="已整改"))
    return written


def test_unhappy_reviews_nobody_acted_on_in_the_officers_districts(db, reviews):
    listed = service.awaiting_regulator(db, actor=OFFICER).data
    keys = {review_id: key for key, review_id in reviews.items()}
    assert [keys[entry.review.id] for entry in listed] == ["replied by the business", "one star", "bad"]
    assert {(entry.business_name, entry.district) for entry in listed} == {("从化小馆", "从化区")}


def test_busy_districts_elsewhere_do_not_crowd_the_officers_out(db, reviews):
    busy = factories.business(db, district="白云区")
    for n in range(5):
        service.submit(db, actor=None, client=f"aw-busy-{n}", code=busy,
                       data=ReviewCreate(text="很差", stars=1))
    db.reviews.update_many({"business_code": busy}, {"$set": {"status": "scored"}})
    listed = service.awaiting_regulator(db, actor=OFFICER, scan=4).data  # 1 answered
    assert [entry.review.id for entry in listed] == [
        reviews["replied by the business"], reviews["one star"], reviews["bad"]]
    assert service.awaiting_regulator(db, actor=ADMIN, scan=3).meta.totalCount == 3


def test_reviews_stored_without_their_district_are_given_it(db):
    code = factories.business(db, district="南沙区")
    db.reviews.insert_many([{"business_code": code, "text": "旧的"},
                            {"business_code": "NO-SUCH-BUSINESS", "text": "孤儿"}])
    repository.fill_districts(db)
    assert {row["text"]: row["district"] for row in db.reviews.find(
        {"text": {"$in": ["旧的", "孤儿"]}})} == {"旧的": "南沙区", "孤儿": ""}


def test_an_administrator_sees_every_district(db, reviews):
    ids = {entry.review.id for entry in service.awaiting_regulator(db, actor=ADMIN, page_size=100).data}
    assert reviews["elsewhere"] in ids and reviews["bad"] in ids and reviews["good"] not in ids


def test_only_officers_and_administrators_read_it(db, reviews):
    with pytest.raises(Unauthorized):
        service.awaiting_regulator(db, actor=None)
    with pytest.raises(Forbidden):
        service.awaiting_regulator(db, actor=Actor(username="shop", role=Role.ENTERPRISE,
                                                   business_code="91440100000000000X"))


def test_the_api_lists_them_for_officers_only(db, api, reviews):
    officer = factories.signed_in(api, db, role=Role.OFFICER, unit_id="U-CH",
                                  officer_id=factories.officer(db, unit_id="U-CH"))
    shop = factories.signed_in(api, db, role=Role.ENTERPRISE, business_code=factories.business(db))
    assert api.get("/api/v1/reviews/unanswered").status_code == 401
    assert api.get("/api/v1/reviews/unanswered", headers=shop).status_code == 403
    listed = api.get("/api/v1/reviews/unanswered", params={"pageSize": 2}, headers=officer)
    assert listed.status_code == 200, listed.text
    assert [row["review"]["id"] for row in listed.json()["data"]] == [
        reviews["replied by the business"], reviews["one star"]]
    assert listed.json()["data"][0]["business_name"] == "从化小馆"
    assert listed.json()["meta"] == {"totalCount": 3, "totalPages": 2, "pageSize": 2, "pageNumber": 1,
                                     "nextCursor": None, "totalIsEstimate": False}
    second = api.get("/api/v1/reviews/unanswered", params={"pageSize": 2, "pageNumber": 2},
                     headers=officer).json()
    assert [row["review"]["id"] for row in second["data"]] == [reviews["bad"]]


@pytest.mark.parametrize("params, refused", [
    ({"limit": 2}, ["limit"]),  # the old parameter is named, not ignored
    ({"pageSize": 0}, ["pageSize"]),
    ({"pageSize": 101}, ["pageSize"]),
    ({"pageNumber": 0}, ["pageNumber"]),
    ({"pageSize": [2, 3]}, ["pageSize"]),  # given twice
])
def test_the_api_refuses_other_paging(db, api, reviews, params, refused):
    officer = factories.signed_in(api, db, role=Role.OFFICER, unit_id="U-CH",
                                  officer_id=factories.officer(db, unit_id="U-CH"))
    response = api.get("/api/v1/reviews/unanswered", params=params, headers=officer)
    assert response.status_code == 422, response.text
    assert [line.split(":")[0] for line in response.json()["errors"]] == refused


def test_pages_follow_one_another_without_gaps_or_repeats(db, reviews):
    whole = [entry.review.id for entry in service.awaiting_regulator(db, actor=ADMIN, page_size=100).data]
    pages = service.awaiting_regulator(db, actor=ADMIN, page_size=2).meta.totalPages
    paged = [entry.review.id for number in range(1, pages + 1)
             for entry in service.awaiting_regulator(db, actor=ADMIN, page_number=number, page_size=2).data]
    assert len(whole) > 2 and paged == whole
    assert len(whole) == service.awaiting_regulator(db, actor=ADMIN).meta.totalCount
    past = service.awaiting_regulator(db, actor=ADMIN, page_number=pages + 1, page_size=2)
    assert past.data == [] and past.meta.totalCount == len(whole)
