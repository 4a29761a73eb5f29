"""The plain routes of a business's papers page (/me/papers): each form checks CSRF, is recorded
once for its one-time token, then redirects (303) to the page, or comes back with why."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import flask

from backend import clean_text
from backend.database import get_db
from backend.i18n import _
from backend.licences import service as licences
from backend.staff import service as staff
from backend.staff.schemas import CertificateRenewal, Departure
from backend.users.schemas import Actor, Role
from portal import auth, csrf, once
from portal.prerender import PortalDash
from portal.workspace import papers, views


def _business_account() -> Actor | None:
    actor = auth.current_actor()
    return actor if actor is not None and actor.role == Role.ENTERPRISE and actor.business_code else None


def _posted(app: PortalDash, form: str, done: str, act: Callable[[Actor, Mapping[str, str]], Any]) -> Any:
    """A papers form, posted: recorded once (a double tap or a resend redirects as the first
    did), then on to the page saying `done`; refused, the page again with form `form` as typed."""
    def build() -> Any:
        csrf.verify(text=False)
        actor = _business_account()
        if actor is None:
            return papers.not_for_you()
        values = flask.request.form
        code = actor.business_code or ""
        claim = once.key(f"papers:{form}:{code}", [f"{k}={v}" for k, v in sorted(values.items())
                                                    if k not in (once.FIELD, csrf.FIELD)])

        def record() -> str:
            act(actor, values)
            return f"{papers.PAGE}?done={done}"

        answer: list[str] = []
        refused = views.attempt(
            lambda: answer.append(once.run(claim, record)),
            lambda error, failed: papers.papers_page(
                actor, {}, views.Refusal(form, error, values, failed or _bad_characters(values))),
            papers.LABELS)
        return refused or flask.redirect(answer[0], code=303)
    return views.show(app, build)


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
            actor = _business_account()
            return papers.not_for_you() if actor is None else papers.papers_page(
                actor, flask.request.args.to_dict())
        return views.show(app, build)

    @server.post(papers.ADD)
    def add_member() -> Any:
        return _posted(app, papers.ADD_FORM, "added", lambda actor, form: staff.record(
            get_db(), actor=actor, code=actor.business_code or "", data=papers.staff_from(form)))

    @server.post(papers.renew_path("<member_id>"))
    def renew_certificate(member_id: str) -> Any:
        return _posted(app, f"renew-{member_id}", "renewed", lambda actor, form: staff.renew(
            get_db(), actor=actor, code=actor.business_code or "", member_id=member_id,
            data=CertificateRenewal(number=form.get("number", ""), issued_on=form.get("issued_on", ""),
                                    expires_on=form.get("expires_on", ""))))

    @server.post(papers.departure_path("<member_id>"))
    def record_departure(member_id: str) -> Any:
        return _posted(app, f"leave-{member_id}", "left", lambda actor, form: staff.record_departure(
            get_db(), actor=actor, code=actor.business_code or "", member_id=member_id,
            data=Departure(left_on=form.get("left_on", ""))))

    @server.post(papers.LICENCE)
    def record_licence() -> Any:
        return _posted(app, papers.LICENCE_FORM, "licence", lambda actor, form: licences.record(
            get_db(), actor=actor, code=actor.business_code or "", data=papers.licence_from(form)))
