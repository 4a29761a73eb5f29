"""What /me says about credit repair as it goes: blocked by an unfulfilled penalty, open, then
approved (leaves the list with the next edition, no second application); refused files named."""

import re
from datetime import date

import pytest

from backend import clock, i18n
from backend.config import get_settings
from backend.errors import Invalid
from backend.grading.schemas import ListingPublic
from backend.lists import service as lists
from backend.lists.schemas import EditionPublish
from backend.repair import service as repair
from backend.repair.schemas import Decision, Eligibility
from backend.users.schemas import Actor, Role
from portal.components.standing import repair_sentence
from portal.workspace import applications
from tests import factories
from tests.portal.conftest import ENGLISH, form_token, marked_invalid, sign_in

PDF = ("receipt.pdf", b"%PDF-1.4 receipt", "application/pdf")


@pytest.fixture(scope="module")
def scene(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    code = factories.business(db, name="修复小店")
    number = factories.penalty(db, code, measures=("suspension",), days_ago=3)
    lists.publish(db, actor=factories.ADMIN, data=EditionPublish())
    return {"code": code, "number": number,
            "shop": factories.user(db, role=Role.ENTERPRISE, business_code=code)}


@pytest.fixture(autouse=True)
def no_wait(monkeypatch):
    monkeypatch.setattr(get_settings(), "repair_wait_days", 0)


def _banner(page: str) -> str:
    start = page.index('class="on-black-list"')
    return page[start:page.index("</div>", start)]


def _repair_card(page: str) -> str:
    start = page.index('class="card card-repair"')
    return page[start:page.index("</section>", start)]


def test_an_unfulfilled_penalty_is_said_to_block_and_who_records_it(site, scene):
    sign_in(site, scene["shop"])
    page = site.get("/me", headers=ENGLISH).text
    banner, card = _banner(page), _repair_card(page)
    assert "may be requested now" not in banner
    assert "recorded as fulfilled by the district's officers" in banner
    assert scene["number"] in banner
    assert "(now)" not in card and "once the penalties below are recorded as fulfilled" in card
    assert "once the officers of your district record it" in card
    assert 'id="repair-form"' not in page


def _every_kind():
    """One file of each kind of evidence the form lists."""
    return {f"evidence-file-{n}": PDF for n in range(applications.EVIDENCE_ROWS)}


def test_a_refused_file_is_named_and_the_pickers_say_what_they_take(site, scene, db):
    repair.record_fulfilment(db, actor=factories.ADMIN, decision_number=scene["number"],
                             fulfilled_on=clock.today())
    sign_in(site, scene["shop"])
    page = site.get("/me", headers=ENGLISH).text
    assert "Credit repair may be requested now" in _banner(page)
    form = page[page.index('id="repair-form"'):].split("</form>", 1)[0]
    pickers = re.findall(r'<input[^>]*type="file"[^>]*>', form)
    assert len(pickers) == applications.EVIDENCE_ROWS
    assert all('accept="application/pdf,image/jpeg,image/png"' in picker for picker in pickers)
    refused = site.post("/me/repair", data={
        "statement": "已整改", "evidence-note-0": "已缴清", "csrf_token": form_token(site, "/me")},
        files={"evidence-file-0": PDF, "evidence-file-1": ("整改报告.txt", b"just words", "application/pdf"),
               "evidence-file-2": PDF},
        headers=ENGLISH)
    assert refused.status_code == 422
    assert 'The file "整改报告.txt" is refused: evidence must be a PDF, JPEG or PNG file.' in refused.text
    assert ">已整改</textarea>" in refused.text and 'value="已缴清"' in refused.text
    assert db.repair_applications.count_documents({}) == 0
    # the refused file's own field says so; the two accepted are kept, not to be chosen again
    assert marked_invalid(refused.text, "evidence-file-1") and 'id="evidence-file-1-error"' in refused.text
    assert not marked_invalid(refused.text, "evidence-file-0")
    assert refused.text.count("Kept from your last sending: receipt.pdf.") == 2


def test_after_approval_it_leaves_with_the_next_edition_and_no_second_application(site, scene, db):
    sign_in(site, scene["shop"])
    applied = site.post("/me/repair", data={
        "statement": "已停业整改", "evidence-title-0": "罚款缴纳凭证", "csrf_token": form_token(site, "/me")},
        files=_every_kind(), headers=ENGLISH, follow_redirects=False)
    assert applied.status_code == 303
    assert "A credit-repair application is waiting for a decision." in _banner(
        site.get("/me", headers=ENGLISH).text)
    pending = repair.list_for(db, actor=factories.ADMIN, business_code=scene["code"]).data[0]
    repair.decide(db, actor=factories.ADMIN, application_id=pending.id,
                  data=Decision(approve=True, reason="整改到位"))

    page = site.get("/me", headers=ENGLISH).text
    expected = repair.next_edition_on(db, clock.today()).isoformat()
    assert ("leaves the black list with the next edition, expected on or after "
            f"{expected}") in _banner(page)
    card = _repair_card(page)
    assert "Your credit repair is approved" in card and expected in card
    assert "May apply from" not in card and 'id="repair-form"' not in page
    again = site.post("/me/repair", data={
        "statement": "再次申请", "evidence-title-0": "凭证", "csrf_token": form_token(site, "/me")},
        files=_every_kind(), headers=ENGLISH, follow_redirects=False)
    assert again.status_code == 409 and "already approved" in again.text
    assert db.repair_applications.count_documents({"business_code": scene["code"]}) == 1


def test_an_objection_to_a_record_not_offered_is_refused_as_a_choice(db, scene):
    shop = Actor(username="shop", role=Role.ENTERPRISE, business_code=scene["code"])
    with pytest.raises(Invalid, match="not one of the choices") as refused:
        applications.file_objection(shop, "grade|nonsense", "理由")
    assert refused.value.status_code == 422
    filed = applications.file_objection(shop, f"penalty|{scene['number']}", "处罚金额有误")
    assert (filed.record_kind, filed.record_id) == ("penalty", scene["number"])


LISTING = ListingPublic(list="black", edition=3, criterion_id="serious", reason="x",
                        listed_since=date(2026, 1, 5), repair_from=date(2027, 1, 5), repair_days_left=0)


def _status(**fields) -> Eligibility:
    return Eligibility(business_code="c", listed=True, eligible_from=date(2027, 1, 5), **fields)


@pytest.mark.parametrize("status, sentence", [
    (None, "may be requested from 2027-01-05, once every penalty is recorded as fulfilled"),
    (_status(days_left=12), "may be requested from 2027-01-05 (12 days left)"),
    (_status(unfulfilled_penalties=["罚1", "罚2"]), "by the district's officers: 罚1, 罚2."),
    (_status(open_application="a1"), "waiting for a decision"),
    (_status(eligible=True), "may be requested now (from 2027-01-05)"),
    (_status(repaired=True, next_edition_on=date(2027, 2, 1)),
     "leaves the black list with the next edition, expected on or after 2027-02-01"),
])
def test_the_banner_sentence_follows_the_eligibility(status, sentence):
    with i18n.language("en"):
        assert sentence in repair_sentence(LISTING, status)
