"""The plain routes of a business's papers page (/me/papers): each form checks CSRF, is recorded
once for its one-time token, then redirects (303) to the page, or comes back with why. The business
is the enterprise account's own; an officer or administrator names it (`business`, in the query
and in every form), and the services decide whether they may keep it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlencode

import flask

from backend import clean_text
from backend.database import get_db
from backend.errors import DomainError, Invalid
from backend.i18n import _
from backend.licences import service as licences
from backend.licences.schemas import LicenceCreate
from backend.staff import service as staff
from backend.staff.schemas import CertificateRenewal, Departure, StaffCreate
from backend.users.schemas import Actor, Role
from portal import auth, csrf, once
from portal.prerender import PortalDash
from portal.workspace import paper_withdrawal, papers, refusals, views

# What a form does, for the business (its credit code) the page is kept for.
Act = Callable[[Actor, str, Mapping[str, str]], Any]


def _keeper() -> Actor | None:
    """A business's own account, an officer or an administrator: who may keep which business's
    papers is the services' to say."""
    actor = auth.current_actor()
    if actor is None:
        return None
    if actor.role == Role.ENTERPRISE:
        return actor if actor.business_code else None
    return actor if actor.role in (Role.OFFICER, Role.ADMIN) else None


def _page_for(actor: Actor, asked: str, build: Callable[[str], Any]) -> Any:
    """`build(code)` for the business an officer or administrator asked for, or the form asking
    for its code again, saying why (malformed, unknown, outside their districts)."""
    try:
        code = papers.kept_business(actor, asked)
    except DomainError as exc:
        return papers.choose(exc, asked)
    return build(code)


def _page_url(actor: Actor, code: str, done: str) -> str:
    if papers.acts_for_itself(actor):
        return f"{papers.PAGE}?done={done}"
    return f"{papers.PAGE}?{urlencode({papers.BUSINESS: code, 'done': done})}"


def _posted(app: PortalDash, form: str, done: str, act: Act) -> Any:
    """A papers form, posted: recorded once (a double tap or a resend redirects as the first
    did), then on to the page saying `done`; refused, the page again with form `form` as typed."""
    def build() -> Any:
        csrf.verify(text=False)
        actor = _keeper()
        if actor is None:
            return papers.not_for_you()
        values = flask.request.form
        if papers.acts_for_itself(actor):  # its own business, whatever the form names
            return _recorded(actor, actor.business_code or "", form, done, act)
        return _page_for(actor, values.get(papers.BUSINESS, ""),
                         lambda code: _recorded(actor, code, form, done, act))
    return views.show(app, build)


def _recorded(actor: Actor, code: str, form: str, done: str, act: Act) -> Any:
    values = flask.request.form
    claim = once.key(f"papers:{form}:{code}", [f"{k}={v}" for k, v in sorted(values.items())
                                                if k not in (once.FIELD, csrf.FIELD)])

    def record() -> str:
        act(actor, code, values)
        return _page_url(actor, code, done)

    answer: list[str] = []
    refused = refusals.attempt(
        lambda: answer.append(once.run(claim, record)),
        lambda error, failed: papers.papers_page(
            actor, {}, views.Refusal(form, error, values, failed or _bad_characters(values)), code=code),
        papers.LABELS, _about(form))
    return refused or flask.redirect(answer[0], code=303)


def _about(form: str) -> dict[str, str]:
    """The services' refusals about one field of `form` (msgid → field), to mark it."""
    return {staff.ON_RECORD: "health_certificate_number" if form == papers.ADD_FORM else "number",
            paper_withdrawal.NOT_CONFIRMED: paper_withdrawal.CONFIRM}


def _bad_characters(values: Mapping[str, str]) -> dict[str, str]:
    """The field holding a character every form refuses (form_text), to mark: that refusal comes
    before the form's own checks and names the character, not the field."""
    for name, value in values.items():
        try:
            clean_text.clean(value, name)
        except clean_text.BadCharacter as bad:
            return {name: _(clean_text.FIELD_MESSAGE).format(character=bad.character)}
    return {}


def install(app: PortalDash) -> None:
    server = app.server

    @server.get(papers.PAGE)
    def my_papers() -> Any:
        def build() -> Any:
            actor, query = _keeper(), flask.request.args.to_dict()
            if actor is None:
                return papers.not_for_you()
            if papers.acts_for_itself(actor):
                return papers.papers_page(actor, query)
            asked = query.get(papers.BUSINESS, "")
            if not asked.strip():
                return papers.choose()
            return _page_for(actor, asked, lambda code: papers.papers_page(actor, query, code=code))
        return views.show(app, build)

    @server.post(papers.ADD)
    def add_member() -> Any:
        return _posted(app, papers.ADD_FORM, "added", lambda actor, code, form: staff.record(
            get_db(), actor=actor, code=code, data=staff_from(form)))

    @server.post(papers.renew_path("<member_id>"))
    def renew_certificate(member_id: str) -> Any:
        return _posted(app, f"renew-{member_id}", "renewed", lambda actor, code, form: staff.renew(
            get_db(), actor=actor, code=code, member_id=member_id,
            data=CertificateRenewal(number=form.get("number", ""), issued_on=form.get("issued_on", ""),
                                    expires_on=form.get("expires_on", ""))))

    @server.post(papers.departure_path("<member_id>"))
    def record_departure(member_id: str) -> Any:
        return _posted(app, f"leave-{member_id}", "left", lambda actor, code, form: staff.record_departure(
            get_db(), actor=actor, code=code, member_id=member_id,
            data=Departure(left_on=form.get("left_on", ""))))

    @server.post(papers.LICENCE)
    def record_licence() -> Any:
        return _posted(app, papers.LICENCE_FORM, "licence", lambda actor, code, form: licences.record(
            get_db(), actor=actor, code=code, data=licence_from(form)))

    @server.post(paper_withdrawal.path("licences", "<record_id>"))
    def withdraw_licence(record_id: str) -> Any:
        return _posted(app, paper_withdrawal.form_id("licences", record_id), "withdrawn",
                       lambda actor, code, form: licences.withdraw(
                           get_db(), actor=actor, code=code, licence_id=record_id,
                           data=paper_withdrawal.withdrawal_from(form)))

    @server.post(paper_withdrawal.path("staff", "<record_id>"))
    def withdraw_member(record_id: str) -> Any:
        return _posted(app, paper_withdrawal.form_id("staff", record_id), "withdrawn",
                       lambda actor, code, form: staff.withdraw(
                           get_db(), actor=actor, code=code, member_id=record_id,
                           data=paper_withdrawal.withdrawal_from(form)))


def staff_from(form: Mapping[str, str]) -> StaffCreate:
    return StaffCreate(name=form.get("name", ""), position=form.get("position", ""),
                       phone=form.get("phone", ""),
                       health_certificate_number=form.get("health_certificate_number", ""),
                       certificate_issued_on=form.get("certificate_issued_on", ""),  # type: ignore[arg-type]
                       certificate_expires_on=form.get("certificate_expires_on", ""))  # type: ignore[arg-type]


def licence_from(form: Mapping[str, str]) -> LicenceCreate:
    """An empty expiry day is long-term only when the box says so; otherwise it is refused as a
    missing date, on its field."""
    expires: str | None = form.get("expires_on", "").strip()
    if form.get("long_term") == "yes":
        if expires:
            raise Invalid("A long-term licence has no expiry day: clear the day or untick long-term.")
        expires = None
    return LicenceCreate(kind=form.get("kind", ""), number=form.get("number", ""),  # type: ignore[arg-type]
                         issued_on=form.get("issued_on", ""),  # type: ignore[arg-type]
                         expires_on=expires, issuer=form.get("issuer", ""))  # type: ignore[arg-type]

