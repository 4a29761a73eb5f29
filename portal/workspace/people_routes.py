"""Routes of the "People and units" page: each POST checks CSRF and that the user is an
administrator, calls the service, then redirects (303) with what was done, or draws the page again
with the refused form as typed (never its passwords) and why."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import flask

from backend.database import get_db
from backend.officers import admin
from backend.officers.schemas import OfficerCreate, OfficerUpdate, UnitChange, UnitCreate, UnitUpdate
from backend.users import accounts, permissions
from backend.users.schemas import NOT_THE_USERNAME, Actor, PasswordSet, UserCreate, UserUpdate
from portal import auth, csrf, once
from portal.prerender import PortalDash
from portal.workspace import people, people_accounts, refusals, views
from portal.workspace import people_parts as parts
from portal.workspace.password import DIFFER, DIFFER_FIRST, same_twice

# Our own refusals, by the field each is about (a DomainError names none by itself).
UNIT_ABOUT = {"Unit {unit} already exists.": "id", "{districts} already belong to another unit.": "districts",
              "Unit {unit} is already named {name}.": "name",
              "{district} already belongs to another unit.": "districts",
              "Name at least one district.": "districts"}
OFFICER_ABOUT = {"There is no unit {unit}.": "unit_id",
                 "Officer {officer} or badge {badge} is already registered.": "id",
                 "Officer {officer} is already registered.": "id"}
ACCOUNT_ABOUT = {"The user name {username} is taken.": "username",
                 "No business is registered under credit code {code}.": "business_code",
                 "An enterprise account must be bound to one business.": "business_code",
                 "There is no officer {officer}.": "officer_id",
                 "Officer {officer} has left the service.": "officer_id",
                 "An officer account must be bound to an officer record.": "officer_id",
                 "Only an enterprise account is bound to a business.": "business_code",
                 "Only an officer account is bound to an officer record.": "officer_id",
                 DIFFER_FIRST: "password_again"}
PASSWORD_ABOUT = {DIFFER: "password_again", NOT_THE_USERNAME: "password"}


def _posted(app: PortalDash, form: str, act: Callable[[Actor], Any], done: str, labels: Mapping[str, str],
            about: Mapping[str, str], *, claim: str = "",
            told: Callable[[Any], dict[str, str]] | None = None,
            ask: Callable[[Actor], UnitChange | None] | None = None) -> Any:
    """A form of the page, posted. `claim`: a form that adds a record is recorded once however
    often it is sent (a double tap, a reload): its one-time token and what was typed (not the
    password) make the claim. Refused or done, the page comes back where it was posted from (its
    lists' pages and filter, posted along: people.state_of). `told`: more for the redirect to say,
    from what `act` returned. `ask`: a change to show and have confirmed before it is done (None:
    done at once); nothing is claimed until it is."""
    def build() -> Any:
        csrf.verify(text=False)
        actor = permissions.require_admin(auth.current_actor())  # before anything the form asks
        posted = flask.request.form
        state = parts.state_of(posted)

        def refused_form(error: str, failed: Mapping[str, str]) -> Any:
            return people.people_page(actor, state, views.Refusal(form, error, parts.typed(posted), failed))

        def record() -> str:
            result = act(actor)
            return parts.address(state, done=done, **(told(result) if told else {}))

        if ask is not None:
            asked: list[UnitChange | None] = []
            refused = refusals.attempt(lambda: asked.append(ask(actor)), refused_form, labels, about)
            if refused is not None or asked[0] is not None:
                return refused if refused is not None else people.people_page(
                    actor, state, views.Refusal(form, typed=parts.typed(posted)), proposed=asked[0])
        went: list[str] = []
        typed = [f"{name}={value}" for name, value in sorted(parts.typed(posted).items())]
        key = once.key(claim, typed) if claim else None
        refused = refusals.attempt(lambda: went.append(once.run(key, record)), refused_form, labels, about)
        return refused or flask.redirect(went[0], code=303)
    return views.show(app, build)


def install(app: PortalDash) -> None:
    server = app.server

    @server.get(parts.PATH)
    def people_and_units() -> Any:
        return views.show(app, lambda: people.people_page(auth.current_actor(), flask.request.args.to_dict()))

    @server.post(f"{parts.PATH}/units")
    def add_unit() -> Any:
        form = flask.request.form
        return _posted(app, "unit", lambda actor: admin.add_unit(get_db(), actor=actor, data=UnitCreate(
            id=form.get("id", "").strip(), name=form.get("name", ""),
            districts=people.districts_typed(form.get("districts", "")))),
            "unit", people.UNIT_FIELDS, UNIT_ABOUT, claim="people:unit", told=people.followed)

    @server.post(f"{parts.PATH}/units/<unit_id>")
    def change_unit(unit_id: str) -> Any:
        form = flask.request.form

        def data() -> UnitUpdate:
            return UnitUpdate(name=form.get("name", ""),
                              districts=people.districts_typed(form.get("districts", "")))

        def ask(actor: Actor) -> UnitChange | None:
            """Districts given up or work moved: shown first, done once confirmed (a new name alone,
            or districts taken on with nothing in them, is done at once)."""
            if form.get(people.CONFIRMED) == "yes":
                return None
            change = admin.unit_change_preview(get_db(), actor=actor, unit_id=unit_id, data=data())
            return change if change.to_confirm() else None

        return _posted(app, f"unit:{unit_id}", lambda actor: admin.update_unit(
            get_db(), actor=actor, unit_id=unit_id, data=data()),
            "unit-changed", people.UNIT_FIELDS, UNIT_ABOUT, claim=f"people:unit:{unit_id}",
            told=people.followed, ask=ask)

    @server.post(f"{parts.PATH}/officers")
    def add_officer() -> Any:
        form = flask.request.form
        return _posted(app, "officer", lambda actor: admin.add_officer(
            get_db(), actor=actor, data=OfficerCreate(
                id=form.get("id", "").strip(), name=form.get("name", ""),
                badge_number=form.get("badge_number", ""), unit_id=form.get("unit_id", ""))),
            "officer", people.OFFICER_FIELDS, OFFICER_ABOUT, claim="people:officer")

    @server.post(f"{parts.PATH}/officers/<officer_id>")
    def change_officer(officer_id: str) -> Any:
        form = flask.request.form
        return _posted(app, f"officer:{officer_id}", lambda actor: admin.update_officer(
            get_db(), actor=actor, officer_id=officer_id, data=OfficerUpdate(
                unit_id=form.get("unit_id") or None, in_service=form.get("in_service", "yes") != "no")),
            "officer-changed", people.CHANGE_FIELDS, OFFICER_ABOUT,
            told=lambda change: {"returned": str(change.tasks_returned)} if change.tasks_returned else {})

    @server.post(f"{parts.PATH}/accounts")
    def add_account() -> Any:
        form = flask.request.form
        return _posted(app, "account", lambda actor: accounts.create(get_db(), actor=actor, data=UserCreate(
            username=form.get("username", "").strip(), display_name=form.get("display_name", ""),
            role=form.get("role", ""), officer_id=form.get("officer_id", "").strip() or None,
            business_code=form.get("business_code", "").strip() or None,
            password=same_twice(form, "password", DIFFER_FIRST))),
            "account", people_accounts.ACCOUNT_FIELDS, ACCOUNT_ABOUT, claim="people:account")

    @server.post(f"{parts.PATH}/accounts/<username>/<step>")
    def account_step(username: str, step: str) -> Any:
        if step == "password":
            form = flask.request.form
            return _posted(app, f"password:{username}", lambda actor: accounts.set_password(
                get_db(), actor=actor, username=username,
                data=PasswordSet(password=same_twice(form, "password"))),
                "password", people_accounts.NEW_PASSWORD, PASSWORD_ABOUT)
        if step not in ("disable", "enable"):
            flask.abort(404)
        # refused (their own account, the last administrator): said on top of the page
        return _posted(app, "", lambda actor: accounts.update(
            get_db(), actor=actor, username=username, data=UserUpdate(disabled=step == "disable")),
            f"{step}d", {}, {})
