"""The reviews API contract: write (anonymous), list paged with predictions and replies, grade."""

import pytest

from backend.config import get_settings
from backend.reviews import scoring, service
from backend.reviews.schemas import ReviewCreate
from tests import factories


def reviews_of(code: str) -> str:
    return f"/api/v1/businesses/{code}/reviews"


def test_anyone_writes_a_review_and_sees_it_scored(db, api, word_scorer, generous_limits):
    code = factories.business(db)
    response = api.post(reviews_of(code), json={"text": "菜很好吃，老板好", "stars": 5})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "pending" and body["prediction"] is None and body["id"]
    assert scoring.score_pending(db) == 1
    listed = api.get(reviews_of(code)).json()
    assert listed["meta"] == {"totalCount": 1, "totalPages": 1, "pageSize": 20, "pageNumber": 1,
                              "nextCursor": None, "totalIsEstimate": False}
    review = listed["data"][0]
    assert review["status"] == "scored" and review["text"] == "菜很好吃，老板好"
    assert review["prediction"]["model"] == "word-test" and review["prediction"]["score"] == 0.95
    assert review["prediction"]["confidence"] == 0.9 and review["replies"] == []
    assert "client" not in review
    grade = api.get(f"/api/v1/businesses/{code}").json()["grades"]["consumer"]
    assert grade["band"] == "B" and grade["reviews_counted"] == 1
    assert set(grade) >= {"band", "score", "reviews_counted", "as_of"}


def test_paging(db, api, word_scorer, generous_limits):
    code = factories.business(db)
    for i in range(5):
        service.submit(db, actor=None, client=f"10.0.0.{i}", code=code,
                       data=ReviewCreate(text=f"第{i}次来，还不错"))
    page = api.get(reviews_of(code), params={"pageSize": 2, "pageNumber": 3}).json()
    assert page["meta"] == {"totalCount": 5, "totalPages": 3, "pageSize": 2, "pageNumber": 3,
                            "nextCursor": None, "totalIsEstimate": False}
    assert [row["text"] for row in page["data"]] == ["第0次来，还不错"]


@pytest.mark.parametrize("body, message", [
    ({"text": " "}, "Please write a few words about your visit."),
    ({"text": "好" * 501}, "A review may be at most 500 characters long."),
    ({"text": "不错", "stars": 6}, "stars"),
    ({"text": "不错", "staff_id": "nobody"}, "That staff member does not work at this business."),
    ({}, "text"),
])
def test_bad_reviews_get_a_readable_reason(db, api, generous_limits, body, message):
    response = api.post(reviews_of(factories.business(db)), json=body)
    assert response.status_code == 422
    assert message in response.json()["detail"]


def test_unknown_business(api):
    assert api.post(reviews_of(factories.valid_code()), json={"text": "不错"}).status_code == 404


def test_one_review_per_visit(db, api, generous_limits):
    code = factories.business(db)
    assert api.post(reviews_of(code), json={"text": "第一次"}).status_code == 201
    again = api.post(reviews_of(code), json={"text": "换个说法再来一次"})
    assert again.status_code == 409
    assert "one review per visit" in again.json()["detail"]


def test_rate_limited_per_client_with_retry_after(db, api, monkeypatch):
    monkeypatch.setattr(get_settings(), "review_rate_limit", 0)
    response = api.post(reviews_of(factories.business(db)), json={"text": "不错"})
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) >= 1
    assert "try again in" in response.json()["detail"]


def test_a_review_refused_for_its_staff_member_is_not_counted(db, api, monkeypatch):
    db.rate_limits.delete_many({})
    monkeypatch.setattr(get_settings(), "review_rate_limit", 1)
    code = factories.business(db)
    for _ in range(3):
        assert api.post(reviews_of(code), json={"text": "不错", "staff_id": "forged"}).status_code == 422
    assert api.post(reviews_of(code), json={"text": "不错"}).status_code == 201


def test_html_is_kept_as_text(db, api, generous_limits):
    code = factories.business(db)
    api.post(reviews_of(code), json={"text": "<script>alert(1)</script>好"})
    assert api.get(reviews_of(code)).json()["data"][0]["text"] == "<script>alert(1)</script>好"


def test_the_same_text_again_is_flagged(db, generous_limits):
    code = factories.business(db)
    first = service.submit(db, actor=None, client="a", code=code, data=ReviewCreate(text="很好 很好!"))
    copy = service.submit(db, actor=None, client="b", code=code, data=ReviewCreate(text="很好，很好。"))
    assert first.suspicious == [] and copy.suspicious == ["duplicate_text"]
    written = service.submit(db, actor=None, client="c", code=code, data=ReviewCreate(text="服务很好"))
    traditional = service.submit(db, actor=None, client="d", code=code, data=ReviewCreate(text="服務很好"))
    assert written.suspicious == [] and traditional.suspicious == ["duplicate_text"]


def test_a_staff_member_can_be_named_and_earns_stars(db, api, word_scorer, generous_limits):
    code = factories.business(db)
    factories.staff_member(db, code, name="陈大厨")
    staff = api.get(f"/api/v1/businesses/{code}").json()["grades"]["staff"]
    assert [member["masked_name"] for member in staff] == ["陈**"]
    ref = staff[0]["staff_id"]
    for i in range(8):
        service.submit(db, actor=None, client=f"s{i}", code=code,
                       data=ReviewCreate(text=f"陈师傅手艺好{i}", staff_id=ref))
    scoring.score_pending(db)
    member = api.get(f"/api/v1/businesses/{code}").json()["grades"]["staff"][0]
    assert member["mentions"] == 8 and member["stars"] == 5


def test_names_phones_and_id_numbers_in_a_review_are_masked_where_it_is_published(db, api, word_scorer,
                                                                                  generous_limits):
    code = factories.business(db)
    factories.staff_member(db, code, name="高洋")
    text = "服务员高洋态度差，我的电话13712345678，身份证440106199001011234，订单号202612071234567890123"
    shown = "服务员高*态度差，我的电话137****5678，身份证440***********1234，订单号202612071234567890123"
    assert api.post(reviews_of(code), json={"text": text}).json()["text"] == shown
    scoring.score_pending(db)
    assert api.get(reviews_of(code)).json()["data"][0]["text"] == shown
    page = api.get(f"/api/v1/businesses/{code}")
    assert page.json()["reviews"][0]["text"] == shown and "13712345678" not in page.text
    assert db.reviews.find_one({"business_code": code})["text"] == text   # as written, for the model


def test_a_price_and_an_order_number_in_a_review_are_published_as_written(db, api, word_scorer,
                                                                         generous_limits):
    code = factories.business(db)
    text = "婚宴报价¥13800000000，发票号110101199003071234，老板电话13712345678"
    shown = "婚宴报价¥13800000000，发票号110101199003071234，老板电话137****5678"
    assert api.post(reviews_of(code), json={"text": text}).json()["text"] == shown
    assert api.get(reviews_of(code)).json()["data"][0]["text"] == shown


def test_a_review_stored_before_masking_is_masked_when_shown(db, api, generous_limits):
    code = factories.business(db)
    api.post(reviews_of(code), json={"text": "老板电话020-87654321，投诉无门"})
    db.reviews.update_one({"business_code": code}, {"$unset": {"public_text": ""}})
    assert api.get(reviews_of(code)).json()["data"][0]["text"] == "老板电话020*****4321，投诉无门"
