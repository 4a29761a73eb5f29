"""Administrators' plain forms for random draws: create a plan, publish it, draw it (no JS needed)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import timedelta

import flask
from pydantic import ValidationError

from backend import clock, workdays
from backend.database import get_db
from backend.errors import DomainError, Invalid
from backend.i18n import N_, _
from backend.officers import service as officers
from backend.random_draw import service
from backend.random_draw.schemas import PlanCreate, PlanPublish, PlanStatus
from backend.users.schemas import Role
from portal import csrf, form_errors
from portal.auth import current_actor
from portal.components.sections import notice, section
from portal.components.tags import dcc, html
from portal.prerender import PortalDash

CREATE_FORM = "draw-create-form"
# The plan's fields by the labels of the form (a refusal names them so).
NAMES = {"name": N_("Name"), "unit_id": N_("Unit"), "base_ratio": N_("Base ratio (%)"),
         "draw_on": N_("Draw day")}
STEP_FORM = "draw-step-form"
ADMIN_ERROR = "draw-admin-error"


def is_admin() -> bool:
    actor = current_actor()
    return actor is not None and actor.role == Role.ADMIN


def create_form(error: str = "", typed: Mapping[str, str] | None = None) -> html.Section:
    message = [html.Div(notice(error, "bad"), id=ADMIN_ERROR)] if error else []
    typed = typed or {}
    return section(_("New plan"), *message, html.Form([
        html.Label(_("Name"), htmlFor="draw-name"),
        dcc.Input(id="draw-name", name="name", required=True, maxLength=120,
                  value=typed.get("name", "")[:120]),
        html.Label(_("Unit"), htmlFor="draw-unit"),
        _unit_choice(typed.get("unit_id", "")),
        html.Label(_("Base ratio (%)"), htmlFor="draw-ratio"),
        dcc.Input(id="draw-ratio", name="base_ratio_percent", type="number",
                  value=typed.get("base_ratio_percent", "4")[:12], min=0.1,
                  max=100, step=0.1),
        csrf.field(),
        html.Button(_("Create draft"), type="submit"),
    ], id=CREATE_FORM, method="post", action="/random-draws", className="form"), name="admin")


def _unit_choice(chosen: str) -> html.Select:
    """The units by name (their ids meant nothing to whoever had to type one)."""
    units = officers.units(get_db())
    return html.Select([html.Option(_("Choose a unit"), value="")] + [
        html.Option(f"{unit.get('name') or unit['_id']} ({unit['_id']})", value=unit["_id"],
                    selected=unit["_id"] == chosen) for unit in units],
        id="draw-unit", name="unit_id", required=True)


def step_form(plan_id: str, status: PlanStatus) -> html.Form | None:
    """Publish a draft, choosing its draw day; draw a published plan before its day."""
    if status == PlanStatus.DRAWN:
        return None
    if status == PlanStatus.PUBLISHED:
        return html.Form([csrf.field(), html.Button(_("Draw now"), type="submit")], id=STEP_FORM,
                         method="post", action=f"/random-draws/{plan_id}/run", className="form")
    today = clock.today()
    return html.Form([
        html.Label(_("Draw day (the plan is drawn that day unless drawn before)"), htmlFor="draw-on"),
        dcc.Input(id="draw-on", name="draw_on", type="date", required=True,
                  value=workdays.add_working_days(today, 1).isoformat(), min=today.isoformat(),
                  max=(today + timedelta(days=service.DRAW_WITHIN_DAYS)).isoformat()),
        csrf.field(), html.Button(_("Publish register, weights and seed"), type="submit"),
    ], id=STEP_FORM, method="post", action=f"/random-draws/{plan_id}/publish", className="form")


def install(app: PortalDash) -> None:
    from portal.pages import random_draws

    def _failed(path: str, exc: DomainError | ValidationError,
                typed: Mapping[str, str] | None = None) -> flask.Response:
        text, status = form_errors.message(exc, NAMES)
        content = random_draws.listing(error=text, typed=typed)
        return app.render_page(path, {}, content=content, title=_("Random inspections"),
                               with_scripts=False, status=status)

    @app.server.post("/random-draws")
    def create_plan() -> flask.Response:
        form = flask.request.form
        try:
            csrf.verify()
            try:
                percent = float(form.get("base_ratio_percent", "4"))
            except ValueError:
                percent = math.nan
            if not 0 < percent <= 100:  # (NaN too) the form speaks per cent, the plan a fraction
                raise Invalid("Give the share of businesses to draw as a number of per cent, more "
                              "than 0 and at most 100, such as 4.")
            ratio = percent / 100
            data = PlanCreate(name=form.get("name", ""), unit_id=form.get("unit_id", ""), base_ratio=ratio)
            plan = service.create(get_db(), actor=current_actor(), data=data)
        except (DomainError, ValidationError) as exc:
            return _failed("/random-draws", exc, typed=form)
        return flask.redirect(f"/random-draws/{plan.id}", code=303)

    @app.server.post("/random-draws/<plan_id>/<step>")
    def plan_step(plan_id: str, step: str) -> flask.Response:
        if step not in ("publish", "run"):
            flask.abort(404)
        try:
            csrf.verify()
            if step == "run":
                service.run(get_db(), actor=current_actor(), plan_id=plan_id)
            else:
                service.publish(get_db(), actor=current_actor(), plan_id=plan_id,
                                data=PlanPublish(draw_on=flask.request.form.get("draw_on") or None))
        except (DomainError, ValidationError) as exc:
            return _failed(f"/random-draws/{plan_id}", exc)
        return flask.redirect(f"/random-draws/{plan_id}", code=303)
