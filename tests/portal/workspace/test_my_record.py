"""The business's own record on /me, read as HTML without scripts: its inspections in full and
every one still to rate, licences and expiry warnings, its consumer grade, its QR sticker; and the
grade at the top of /me/reviews."""

import re

import pytest

from backend.evaluations import service as evaluations
from backend.evaluations.schemas import EvaluationCreate
from backend.expiry import service as expiry
from backend.reviews import scoring
from backend.reviews import service as reviews
from backend.reviews.schemas import ReviewCreate
from backend.users.schemas import Actor, Role
from tests import factories
from tests.backend.reviews.conftest import WordScorer
from tests.portal.conftest import ENGLISH, sign_in

FOUND = "冷藏柜温度 12℃ 超标"


@pytest.fixture(scope="module")
def scene(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    officers = [factories.officer(db, name="孙执法"), factories.officer(db, name="周执法")]
    code = factories.business(db, name="档案小馆", established_on=factories.days_from_today(-2000))
    shop = Actor(username="shop", role=Role.ENTERPRISE, business_code=code)
    rated = factories.inspection(db, code, officers, days_ago=900)
    for officer in officers:
        evaluations.create(db, actor=shop, data=EvaluationCreate(
            inspection_id=rated, officer_id=officer, level="satisfied"))
    unrated = factories.inspection(db, code, officers, days_ago=800, result="non_compliant")
    recent = factories.inspection(db, code, officers, days_ago=5, result="basically_compliant",
                                  items_found=[FOUND], opinion="责令三日内整改")
    factories.licence(db, code, expires_in_days=5, number="JY24401060000777")
    factories.staff_member(db, code, name="吴大厨", expires_in_days=20)
    expiry.scan(db)
    scoring.use(WordScorer())
    try:
        for i in range(6):
            reviews.submit(db, actor=None, client=f"r{i}", code=code,
                           data=ReviewCreate(text=f"味道好，第{i}次"))
        scoring.score_pending(db)
    finally:
        scoring.use(None)
    return {"code": code, "rated": rated, "unrated": unrated, "recent": recent,
            "shop": factories.user(db, role=Role.ENTERPRISE, business_code=code),
            "other shop": factories.user(db, role=Role.ENTERPRISE,
                                         business_code=factories.business(db, name="隔壁"))}


def _card(page: str, name: str) -> str:
    start = page.index(f'class="card card-{name}"')
    return page[start:page.index("</section>", start)]


def _item(page: str, inspection_id: str) -> str:
    start = page.index(f'id="inspection-{inspection_id}"')
    return page[start:page.index("</li>", page.index("</dl>", start))]


def test_inspections_show_what_was_found_and_every_one_still_to_rate(site, scene):
    sign_in(site, scene["shop"])
    page = site.get("/me", headers=ENGLISH).text
    recent = _item(page, scene["recent"])
    assert FOUND in recent and "责令三日内整改" in recent
    assert f"<dt>Rectify by</dt><dd>{factories.days_from_today(10)}</dd>" in recent
    assert "Basically compliant" in recent
    assert f'id="evaluate-{scene["unrated"]}"' in page  # 800 days old, its officers not yet rated
    assert "Non-compliant" in _item(page, scene["unrated"])
    assert f'id="inspection-{scene["rated"]}"' not in page  # older than two years and rated
    assert "1 older inspection is not listed here." in page


def test_the_api_lists_the_inspections_for_the_business_only(site, scene):
    mine = site.get("/api/v1/inspections", params={"business_code": scene["code"]},
                    headers=factories.token(site, scene["shop"]))
    assert mine.status_code == 200
    body = mine.json()
    assert body["meta"]["totalCount"] == 3
    assert [row["id"] for row in body["data"]] == [scene["recent"], scene["unrated"], scene["rated"]]
    assert body["data"][0]["items_found"] == [FOUND]
    other = site.get("/api/v1/inspections", params={"business_code": scene["code"]},
                     headers=factories.token(site, scene["other shop"]))
    assert other.status_code == 403


def test_licences_certificates_and_expiry_warnings(site, scene):
    sign_in(site, scene["shop"])
    papers = _card(site.get("/me", headers=ENGLISH).text, "papers")
    assert "Licences and certificates" in papers
    assert "JY24401060000777" in papers and "Expiring in 5 days" in papers
    assert "Expiring soon" in papers  # the cook's health certificate, 20 days left
    warnings = papers[papers.index("Expiry warnings"):]  # as sent: the licence's, and the cook's
    assert "JY24401060000777" in warnings and "吴大厨" in warnings and warnings.count("<li>") == 2


def test_the_consumer_grade_with_its_score_trend_and_page(site, scene):
    sign_in(site, scene["shop"])
    grade = _card(site.get("/me", headers=ENGLISH).text, "grade")
    assert re.search(r'class="badge badge-\w+">[ABCD] ', grade) and "score " in grade and " of 100" in grade
    assert f'href="/grades/{scene["code"]}"' in grade


def test_my_reviews_opens_with_the_grade_and_its_months(site, scene):
    sign_in(site, scene["shop"])
    page = site.get("/me/reviews", headers=ENGLISH).text
    assert page.index("card-grade") < page.index("card-history") < page.index("card-reviews")
    grade = _card(page, "grade")
    assert " of 100" in grade and f'href="/grades/{scene["code"]}"' in grade
    history = _card(page, "history")
    assert "<th>Month</th>" in history and re.search(r"<td>\d{4}-\d{2}</td>", history)


def test_the_qr_sticker_links_work(site, scene):
    sign_in(site, scene["shop"])
    sticker = _card(site.get("/me", headers=ENGLISH).text, "sticker")
    links = re.findall(r'href="([^"]+)"', sticker)
    code = scene["code"]
    assert links == [f"/qr/{code}/sticker.pdf", f"/qr/{code}/sticker.png", f"/qr/{code}.png",
                     f"/qr/{code}.svg"]
    types = [site.get(link).headers["content-type"] for link in links]
    assert types == ["application/pdf", "image/png", "image/png", "image/svg+xml"]
