"""Routes of the businesses desk (/me/businesses): each page is an officer's or an administrator's;
each POST checks CSRF, is recorded once for its one-time token, then redirects (303) to the desk
saying what was done, or draws the form again as typed, its refused fields marked, with why."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlencode

import flask

from backend.businesses import service
from backend.database import get_db
from backend.errors import Forbidden
from backend.users.schemas import Actor, Role
from portal import auth, csrf, once, page_response
from portal.prerender import PortalDash
from portal.workspace import business_forms, businesses, refusals, views

# Our own refusals, by the field each is about (a DomainError names none by itself). A district
# outside the officer's unit is a refusal of what was typed there, not of the person: the form
# comes back with it marked.
ABOUT = {"A business with credit code {code} already exists.": "code",
         "This business is outside your unit's districts ({district}).": "district",
         "A business cannot be established in the future.": "established_on",
         business_forms.HALF_A_PLACE: "lat", service.UNCOVERED: "district"}


def _desk_actor() -> Actor | None:
    actor = auth.current_actor()
    return actor if actor is not None and actor.role in (Role.OFFICER, Role.ADMIN) else None


def _desk_page(app: PortalDash, build: Callable[[Actor], Any], *, posted: bool = False) -> Any:
    """A page of the desk: a posted form's token is checked first, anyone else is told the page is
    not theirs (signed out: `views.show` sends them to sign in)."""
    def page() -> Any:
        if posted:
            csrf.verify(text=False)
        actor = _desk_actor()
        return businesses.not_for_you() if actor is None else build(actor)
    return views.show(app, page)


def _done(key: str, code: str) -> Any:
    return flask.redirect(f"{businesses.PATH}?{urlencode({'done': key, 'code': code})}", code=303)


def _posted(scope: str, act: Callable[[], str],
            refused_form: Callable[[str, Mapping[str, str]], Any]) -> Any:
    """A desk form, posted: `act` runs once for its one-time token and what was typed (a double tap
    or a resend goes where the first one went); refused, `refused_form` draws it again."""
    values = flask.request.form
    claim = once.key(scope, [f"{key}={value}" for key, value in sorted(values.items())
                             if key not in (once.FIELD, csrf.FIELD)])
    went: list[str] = []

    def again(error: str, failed: Mapping[str, str]) -> Any:
        return refused_form(error, business_forms.marked(failed))

    try:
        refused = refusals.attempt(lambda: went.append(once.run(claim, act)), again,
                                   businesses.LABELS, ABOUT)
    except Forbidden as exc:
        if exc.message not in ABOUT:
            raise
        page_response.set_status(exc.status_code)
        text = views.error_text(exc)
        return again(text, refusals.marked(exc, text, ABOUT))
    return refused or flask.redirect(went[0], code=303)


def install(app: PortalDash) -> None:
    server = app.server

    @server.get(businesses.PATH)
    def business_desk() -> Any:
        return _desk_page(app, lambda actor: businesses.desk_page(actor, flask.request.args.to_dict()))

    @server.get(businesses.NEW)
    def register_form() -> Any:
        return _desk_page(app, businesses.register_page)

    @server.post(businesses.NEW)
    def register() -> Any:
        def build(actor: Actor) -> Any:
            form = flask.request.form

            def record() -> str:
                registered = service.register(get_db(), actor=actor, data=business_forms.to_create(form),
                                              covered_only=True)
                return _done("registered", registered.code).location

            return _posted("business:register", record, lambda error, failed: businesses.register_page(
                actor, views.Refusal(businesses.REGISTER_FORM, error, form, failed)))
        return _desk_page(app, build, posted=True)

    @server.get(businesses.edit_path("<code>"))
    def edit_form(code: str) -> Any:
        return _desk_page(app, lambda actor: businesses.edit_page(actor, code))

    @server.post(businesses.edit_path("<code>"))
    def edit(code: str) -> Any:
        def build(actor: Actor) -> Any:
            form = flask.request.form

            def record() -> str:
                db = get_db()
                business = service.editable(db, actor=actor, code=code)
                service.rename(db, actor=actor, code=code, data=business_forms.to_update(form, business))
                return _done("changed", business["code"]).location

            return _posted(f"business:edit:{code}", record, lambda error, failed: businesses.edit_page(
                actor, code, views.Refusal(businesses.EDIT_FORM, error, form, failed)))
        return _desk_page(app, build, posted=True)
