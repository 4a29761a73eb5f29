"""Administrators' plain forms for random draws: create a plan, publish it, draw it (no JS needed).
Each is recorded once for its one-time token (a double tap or a resend goes where the first went);
a refused step comes back on the plan's page, beside its form, with what was typed."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
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
from portal import csrf, form_errors, once, page_response
from portal.auth import current_actor
from portal.components.sections import notice, problem_page, section
from portal.components.tags import dcc, html, light
from portal.prerender import PortalDash

CREATE_FORM = "draw-create-form"
# The plan's fields by the labels of the form (a refusal names them so).
NAMES = {"name": N_("Name"), "unit_id": N_("Unit"), "base_ratio": N_("Base ratio (%)"),
         "draw_on": N_("Draw day")}
STEP_FORM = "draw-step-form"
STEP_ERROR = "draw-step-error"
ADMIN_ERROR = "draw-admin-error"


@dataclass(frozen=True)
class StepRefusal:
    """A refused publish or draw: why, the form as sent, and whether the draw day was at fault."""

    error: str
    typed: Mapping[str, str] = field(default_factory=dict)
    draw_day: bool = False


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
        csrf.field(), once.field(),
        html.Button(_("Create draft"), type="submit"),
    ], id=CREATE_FORM, method="post", action="/random-draws", className="form"), name="admin")


def _unit_choice(chosen: str) -> html.Select:
    """The units by name (their ids meant nothing to whoever had to type one)."""
    units = officers.units(get_db())
    return html.Select([html.Option(_("Choose a unit"), value="")] + [
        html.Option(f"{unit.get('name') or unit['_id']} ({unit['_id']})", value=unit["_id"],
                    selected=unit["_id"] == chosen) for unit in units],
        id="draw-unit", name="unit_id", required=True)


def step_form(plan_id: str, status: PlanStatus,
              refused: StepRefusal | None = None) -> html.Form | html.Div | None:
    """Publish a draft, choosing its draw day; draw a published plan before its day. `refused`:
    the step as sent and why it was refused, said here, beside the form (built as light elements
    then: Dash's own inputs take no aria attributes)."""
    message = [html.Div(notice(refused.error, "bad"), id=STEP_ERROR)] if refused else []
    if status == PlanStatus.DRAWN:   # drawn meanwhile: nothing left to do but say why
        return html.Div(message) if message else None
    if status == PlanStatus.PUBLISHED:
        return html.Form([*message, csrf.field(), once.field(), html.Button(_("Draw now"), type="submit")],
                         id=STEP_FORM, method="post", action=f"/random-draws/{plan_id}/run", className="form")
    today = clock.today()
    typed = refused.typed.get("draw_on") if refused else None
    marks = {"aria-invalid": "true", "aria-describedby": STEP_ERROR} if refused and refused.draw_day else {}
    return html.Form([
        *message,
        html.Label(_("Draw day (the plan is drawn that day unless drawn before)"), htmlFor="draw-on"),
        dcc.Input(id="draw-on", name="draw_on", type="date", required=True,
                  value=typed[:40] if typed is not None else workdays.add_working_days(today, 1).isoformat(),
                  min=today.isoformat(), max=(today + timedelta(days=service.DRAW_WITHIN_DAYS)).isoformat(),
                  **marks),
        csrf.field(), once.field(), html.Button(_("Publish register, weights and seed"), type="submit"),
    ], id=STEP_FORM, method="post", action=f"/random-draws/{plan_id}/publish", className="form")


def install(app: PortalDash) -> None:
    from portal.pages import random_draw, random_draws

    def _refused_plan(exc: DomainError | ValidationError, typed: Mapping[str, str]) -> flask.Response:
        text, status = form_errors.message(exc, NAMES)
        content = random_draws.listing(error=text, typed=typed)
        return form_errors.with_retry_after(app.render_page(
            "/random-draws", {}, content=content, title=_("Random inspections"), with_scripts=False,
            status=status), exc)

    def _refused_step(plan_id: str, step: str, exc: DomainError | ValidationError) -> flask.Response:
        """The plan's page again, the refusal beside its step form; anyone but an administrator
        (signed out, say) has no form there for it to stand beside, so it is said alone."""
        text, status = form_errors.message(exc, NAMES)
        # publish refuses nothing but its one field with 422 (a day out of range, or no day at all)
        refused = StepRefusal(text, flask.request.form, draw_day=step == "publish" and status == 422)
        response = page_response.start()
        with light():
            content = random_draw.plan_page(plan_id, refused) if is_admin() \
                else problem_page(_("Random inspection plan"), text, status)
        return form_errors.with_retry_after(app.render_page(
            f"/random-draws/{plan_id}", {}, content=content,
            title=response.title or _("Random inspection plan"), with_scripts=False, status=status), exc)

    @app.server.post("/random-draws")
    def create_plan() -> flask.Response:
        form = flask.request.form
        fields = ("name", "unit_id", "base_ratio_percent")

        def record() -> str:
            try:
                percent = float(form.get("base_ratio_percent", "4"))
            except ValueError:
                percent = math.nan
            if not 0 < percent <= 100:  # (NaN too) the form speaks per cent, the plan a fraction
                raise Invalid("Give the share of businesses to draw as a number of per cent, more "
                              "than 0 and at most 100, such as 4.")
            data = PlanCreate(name=form.get("name", ""), unit_id=form.get("unit_id", ""),
                              base_ratio=percent / 100)
            return f"/random-draws/{service.create(get_db(), actor=current_actor(), data=data).id}"

        try:
            csrf.verify()
            claim = once.key("random-draw:create", [f"{name}={form.get(name, '')}" for name in fields])
            went = once.run(claim, record)
        except (DomainError, ValidationError) as exc:
            return _refused_plan(exc, form)
        return flask.redirect(went, code=303)

    @app.server.post("/random-draws/<plan_id>/<step>")
    def plan_step(plan_id: str, step: str) -> flask.Response:
        if step not in ("publish", "run"):
            flask.abort(404)
        path = f"/random-draws/{plan_id}"
        draw_on = flask.request.form.get("draw_on", "")

        def record() -> str:
            if step == "run":
                service.run(get_db(), actor=current_actor(), plan_id=plan_id)
            else:
                service.publish(get_db(), actor=current_actor(), plan_id=plan_id,
                                data=PlanPublish(draw_on=draw_on or None))
            return path

        try:
            csrf.verify()
            went = once.run(once.key(f"random-draw:{step}:{plan_id}",
                                     [f"draw_on={draw_on}"] if step == "publish" else []), record)
        except (DomainError, ValidationError) as exc:
            return _refused_step(plan_id, step, exc)
        return flask.redirect(went, code=303)
