"""A refused form marks the fields it refused (aria-invalid, described by a reason beside each) under
its summary, on the server's HTML without any script (WCAG 3.3.1, 1.3.1)."""

from html.parser import HTMLParser

import pytest
from pydantic import ValidationError

from backend import i18n
from backend.complaints.schemas import ComplaintCreate
from backend.errors import Invalid
from backend.inspections import checklists
from backend.users.schemas import Role
from portal import form_errors
from tests import factories
from tests.portal.conftest import ENGLISH, form_token, post_form, sign_in


class Page(HTMLParser):
    """Each element with an id: its attributes and its text; each label's text by its `for`; each
    control's enclosing fieldset's legend."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.attrs: dict[str, dict[str, str | None]] = {}
        self.text: dict[str, str] = {}
        self.labels: dict[str, str] = {}
        self.legend_of: dict[str, str] = {}
        self._open: list[tuple[str, str]] = []   # (tag, id or label's for) whose text is being read
        self._legends: list[str] = []             # the legend of each fieldset we are in
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "fieldset":
            self._legends.append("")
        if found.get("id"):
            self.attrs[found["id"] or ""] = found
            if self._legends:
                self.legend_of[found["id"] or ""] = self._legends[-1]
            if tag not in ("input",):
                self._open.append((tag, f"#{found['id']}"))
        if tag == "label" and found.get("for"):
            self._open.append((tag, f"for:{found['for']}"))
        elif tag == "legend":
            self._open.append((tag, "legend"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "fieldset" and self._legends:
            self._legends.pop()
        while self._open and self._open[-1][0] == tag:
            self._open.pop()
            break

    def handle_data(self, data: str) -> None:
        for _tag, key in self._open:
            if key == "legend" and self._legends:
                self._legends[-1] += data
            elif key.startswith("for:"):
                self.labels[key[4:]] = self.labels.get(key[4:], "") + data
            else:
                self.text[key[1:]] = self.text.get(key[1:], "") + data


def assert_refused(page: Page, control_id: str, reason: str) -> None:
    """Marked invalid and described by the reason beside it."""
    control = page.attrs[control_id]
    assert control.get("aria-invalid") == "true", control
    described = control.get("aria-describedby") or ""
    assert described == f"{control_id}-error"
    assert page.attrs[described].get("class") == "field-error"
    assert page.text[described].strip() == reason


def assert_not_refused(page: Page, control_id: str) -> None:
    control = page.attrs[control_id]
    assert "aria-invalid" not in control and "aria-describedby" not in control
    assert f"{control_id}-error" not in page.attrs


# The reason beside the field, pydantic's or our own validator's, by the name the form posts.
@pytest.mark.parametrize(("fields", "renamed", "failed"), [
    ({"text": "脏", "phone": "12"}, None, {"text": "Must be at least 5 characters long.",
                                           "phone": "This does not look like a phone number."}),
    ({"text": "后厨很脏，有苍蝇", "phone": "12"}, {"phone": "tel"},
     {"tel": "This does not look like a phone number."}),
    ({"text": "后厨很脏，有苍蝇", "category": "weather"}, None,
     {"category": "Choose one of the options offered."}),
])
def test_refused_fields_names_each_field_with_its_reason(fields, renamed, failed):
    with pytest.raises(ValidationError) as refused:
        ComplaintCreate(**{"business_code": "X", "category": "hygiene"} | fields)
    with i18n.language("en"):
        assert form_errors.refused_fields(refused.value, renamed) == failed


def test_a_refusal_of_our_own_names_no_field():
    assert form_errors.refused_fields(Invalid("Check at least one item of the checklist.")) == {}


@pytest.fixture(scope="module")
def scene(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    me, colleague = factories.officer(db, name="钱执法"), factories.officer(db, name="李执法")
    code = factories.business(db, name="标错小馆")
    factories.staff_member(db, code, name="吴大厨")
    return {"code": code, "me": me, "colleague": colleague,
            "user": factories.user(db, role=Role.OFFICER, officer_id=me)}


@pytest.fixture(autouse=True)
def _fresh_limits(db):
    db.rate_limits.delete_many({})


def test_a_refused_complaint_marks_text_and_phone_beside_its_summary(site, scene):
    code = scene["code"]
    shown = Page(site.get(f"/complain/{code}", headers=ENGLISH).text)
    assert_not_refused(shown, "complaint-text")
    sent = site.post(f"/complain/{code}", headers=ENGLISH, data={
        "category": "hygiene", "text": "脏", "phone": "12",
        "csrf_token": form_token(site, f"/complain/{code}")})
    assert sent.status_code == 422
    assert ('<p class="notice notice-bad" role="alert">Text: Must be at least 5 characters long. '
            'Phone: This does not look like a phone number.</p>') in sent.text   # the summary stays
    page = Page(sent.text)
    assert_refused(page, "complaint-text", "Must be at least 5 characters long.")
    assert_refused(page, "complaint-phone", "This does not look like a phone number.")
    assert_not_refused(page, "complaint-category")
    # the reason right after its control, before the next field's label
    html = sent.text
    after = html.index('id="complaint-text-error"')
    assert html.index('id="complaint-text"') < after < html.index('for="complaint-photos"')


def test_a_complaint_refused_for_its_token_marks_no_field(site, scene):
    site.cookies.clear()
    forged = site.post(f"/complain/{scene['code']}", headers=ENGLISH,
                       data={"category": "hygiene", "text": "没有令牌的投诉"})
    assert forged.status_code == 403 and 'aria-invalid="true"' not in forged.text


def test_a_refused_review_marks_its_stars_not_its_text(site, scene):
    code = scene["code"]
    site.cookies.clear()
    sent = site.post(f"/b/{code}/reviews", headers=ENGLISH, data={
        "text": "还行吧", "stars": "9", "csrf_token": form_token(site, f"/b/{code}")})
    assert sent.status_code == 422 and "Stars: Must be at most 5." in sent.text
    page = Page(sent.text)
    assert_refused(page, "review-stars", "Must be at most 5.")
    assert_not_refused(page, "review-text")
    assert_not_refused(page, "review-staff")
    empty = Page(site.post(f"/b/{code}/reviews", headers=ENGLISH, data={
        "text": " ", "csrf_token": form_token(site, f"/b/{code}")}).text)
    assert_refused(empty, "review-text", "Please write a few words about your visit.")
    assert 'aria-invalid="true"' not in site.get(f"/b/{code}", headers=ENGLISH).text  # the cached page


def test_a_refused_fault_marks_the_phone(site, db, scene):
    from backend.equipment import service as equipment
    from backend.equipment.schemas import EquipmentCreate
    from tests.factories import ADMIN, days_from_today

    item = "31104401062019000091"
    equipment.register(db, actor=ADMIN, data=EquipmentCreate(
        code=item, registration_number="梯11粤A0000091(19)", kind="elevator",
        business_code=scene["code"], last_maintained_on=days_from_today(-2),
        next_inspection_on=days_from_today(90)))
    sent = site.post(f"/e/{item}/fault", headers=ENGLISH, data={
        "text": "按钮失灵", "phone": "xyz", "csrf_token": form_token(site, f"/e/{item}")})
    assert sent.status_code == 422
    page = Page(sent.text)
    assert_refused(page, "fault-phone", "This does not look like a phone number.")
    assert_not_refused(page, "fault-text")


def test_a_wrong_password_marks_both_fields_described_by_the_reason(site, scene):
    site.cookies.clear()
    sent = site.post("/login", headers=ENGLISH, follow_redirects=False, data={
        "username": scene["user"], "password": "wrong-password", "next": "/me",
        "csrf_token": form_token(site, "/login")})
    page = Page(sent.text)
    for control in ("login-username", "login-password"):
        assert page.attrs[control].get("aria-invalid") == "true"
        assert page.attrs[control].get("aria-describedby") == "login-error"
    assert page.text["login-error"].strip() == "Wrong user name or password."
    forged = Page(site.post("/login", headers=ENGLISH, follow_redirects=False, data={
        "username": scene["user"], "password": "wrong-password"}).text)
    assert "aria-invalid" not in forged.attrs["login-password"]   # the form's token, not the fields


def _penalty(code, **changes):
    return {"code": code, "decision_number": f"穗天市监罚〔{factories.days_from_today(-1).year}〕931号",
            "facts": "使用过期原料", "legal_basis": "《食品安全法》第一百二十四条", "measures": "warning",
            "fine_yuan": "0", "decided_on": str(factories.days_from_today(-1))} | changes


def test_a_refused_penalty_marks_its_fields_and_only_those(site, scene):
    sign_in(site, scene["user"])
    form = f"/me/penalty?code={scene['code']}"
    sent = post_form(site, "/me/penalty", _penalty(scene["code"], facts="违" * 2001, measures=""),
                     page=form)
    assert sent.status_code == 422
    page = Page(sent.text)
    assert_refused(page, "field-facts", "Must be at most 2000 characters long.")
    for box in ("penalty-measures-warning", "penalty-measures-fine"):   # every box of the group
        assert page.attrs[box].get("aria-invalid") == "true"
        assert page.attrs[box].get("aria-describedby") == "penalty-measures-error"
    assert page.text["penalty-measures-error"].strip() == "Choose one of the options offered."
    for valid in ("field-decision_number", "field-legal_basis", "field-fine_yuan", "field-decided_on"):
        assert_not_refused(page, valid)
    # two fields that disagree (a fine without its amount): the summary alone says which
    both = post_form(site, "/me/penalty", _penalty(scene["code"], measures="fine"), page=form)
    assert both.status_code == 422 and "A fine amount is required" in both.text
    assert 'aria-invalid="true"' not in both.text


def _ticks() -> dict[str, str]:
    return {f"item-{n}": "ok" for n in range(len(checklists.FOOD_CHECKLIST))}


def test_a_refused_inspection_marks_its_fields_by_the_forms_names(site, scene):
    sign_in(site, scene["user"])
    token = form_token(site, f"/me/inspect?code={scene['code']}")
    sent = site.post("/me/inspect", headers=ENGLISH, data={
        "code": scene["code"], **_ticks(), "date": str(factories.days_from_today(0)),
        "source": "routine", "co": scene["me"], "opinion": "意" * 1001, "deadline": "",
        "csrf_token": token})
    assert sent.status_code == 422
    page = Page(sent.text)
    assert_refused(page, "field-opinion", "Must be at most 1000 characters long.")
    assert page.attrs[f"inspect-co-{scene['colleague']}"].get("aria-invalid") == "true"
    assert page.text["inspect-co-error"].strip() == "An inspection needs at least two different officers."
    assert_not_refused(page, "field-date")
    assert_not_refused(page, "field-source")
    assert_not_refused(page, "field-deadline")


def test_each_inspection_note_is_labelled_by_its_item(site, scene):
    sign_in(site, scene["user"])
    page = Page(site.get(f"/me/inspect?code={scene['code']}", headers=ENGLISH).text)
    notes = [key for key in page.attrs if key.startswith("note-")]
    assert len(notes) == len(checklists.FOOD_CHECKLIST)
    labels = {page.labels[note] for note in notes}
    assert len(labels) == len(notes)   # twelve different names, not twelve times the same
    for n in range(len(notes)):
        item = page.legend_of[f"item-{n}-ok"]
        assert item and page.labels[f"note-{n}"] == f"{item}: what was found (if anything)"
