"""The workspaces' plain routes: each GET renders a page, each POST checks CSRF, calls a service,
then redirects (303) on success or shows the same form again with the reason and the input kept."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any
from urllib.parse import urlencode

import flask

from backend.database import get_db
from backend.errors import DomainError
from backend.evaluations import service as evaluations
from backend.evaluations.schemas import AnswerCreate, EvaluationCreate, RevisitCreate
from backend.inspections import service as inspections
from backend.penalties import service as penalties
from backend.users.schemas import Actor, Role
from portal import auth, csrf, once, page_response
from portal.prerender import PortalDash
from portal.workspace import (
    application_routes,
    audit_routes,
    business_routes,
    enterprise,
    inspect,
    officer,
    paper_routes,
    password,
    penalty,
    people_routes,
    settings_routes,
    views,
)


def _officer_or_refusal() -> Any:
    actor = auth.current_actor()
    return actor if actor is not None and actor.role == Role.OFFICER else None


def _officer_page(app: PortalDash, build: Callable[[Actor], Any], *, posted: bool = False) -> Any:
    """An officer's workspace page: a posted form's token is checked first, anyone else is told
    the page is not theirs."""
    def page() -> Any:
        if posted:
            csrf.verify(text=False)
        actor = _officer_or_refusal()
        return inspect.not_for_you() if actor is None else build(actor)
    return views.show(app, page)


def _business_or_search(actor: Actor, for_business: Callable[[str], Any],
                        choose: Callable[[Actor, str], Any]) -> Any:
    """A recording flow's first step: the form for ?code=, else a search of the unit's businesses."""
    code = flask.request.args.get("code", "")
    return for_business(code) if code else choose(actor, flask.request.args.get("q", ""))


def _recorded(done: str, code: str) -> Any:
    """Back to the workspace, which says it is done and links to the business's published record
    (the QR page stays one cached document for every reader, so the notice is not put there)."""
    return flask.redirect(f"/me?{urlencode({'done': done, 'code': code})}", code=303)


def _values(form: Any) -> dict[str, Any]:
    return {"date": form.get("date", ""), "source": form.get("source", ""),
            "co": form.getlist("co"), "opinion": form.get("opinion", ""),
            "deadline": form.get("deadline", ""), "task": form.get("task", "")}


def install_inspection(app: PortalDash) -> None:
    server = app.server

    @server.get(inspect.FLOW)
    def inspect_start() -> Any:
        return _officer_page(app, lambda actor: _business_or_search(
            actor, lambda code: inspect.checklist_page(actor, code,
                                                       task_id=flask.request.args.get("task", "")),
            inspect.choose))

    @server.post(f"{inspect.FLOW}/check")
    def inspect_check() -> Any:
        def build(actor: Actor) -> Any:
            form = flask.request.form
            _actor, business = inspections.subject(get_db(), actor=actor, code=form.get("code", ""))
            try:
                checks = inspect.read_checks(form, business["trade"])
            except DomainError as exc:  # the ticks and notes come back as they were posted
                page_response.set_status(exc.status_code)   # answered as refused (422)
                ticked = inspect.ticked(form, business["trade"])
                return inspect.checklist_page(actor, business["code"], ticked, error=views.error_text(exc),
                                              unanswered=inspect.unanswered(form, business["trade"]),
                                              task_id=form.get("task", ""))
            return inspect.result_page(actor, business["code"], checks, {"task": form.get("task", "")})
        return _officer_page(app, build, posted=True)

    @server.post(inspect.FLOW)
    def inspect_record() -> Any:
        def build(actor: Actor) -> Any:
            form = flask.request.form
            db = get_db()
            _actor, business = inspections.subject(db, actor=actor, code=form.get("code", ""))
            checks = inspect.read_checks(form, business["trade"])
            values, done = _values(form), []
            claim = once.key(f"inspect:{business['code']}", [
                f"{key}={value}" for key, value in sorted(form.items(multi=True))
                if key not in (once.FIELD, csrf.FIELD)])  # sent twice: recorded once, the first answer
            refused = views.attempt(
                lambda: done.append(once.run(claim, lambda: inspect.record(actor, business["code"],
                                                                           checks, values))),
                lambda error, failed: inspect.result_page(actor, business["code"], checks, values,
                                                          error=error, errors=failed),
                renamed=inspect.FIELDS)
            return refused or _recorded(done[0], business["code"])
        return _officer_page(app, build, posted=True)


def install_me(app: PortalDash) -> None:
    from portal.pages import me  # pages register themselves, so only once the app exists

    server = app.server

    @server.get("/me")
    def my_workspace() -> Any:
        return views.show(app, lambda: me.server_page(flask.request.args.to_dict()), signed_out_too=True)

    @server.post(enterprise.EVALUATE)
    def evaluate() -> Any:
        def build() -> Any:
            csrf.verify(text=False)
            form, actor = flask.request.form, auth.current_actor()
            draft = enterprise.EvaluationDraft(
                inspection_id=form.get("inspection_id", ""),
                officer_id=form.get("officer_id", ""), level=form.get("level", ""),
                comment=form.get("comment", ""))
            # sent twice (a double tap): recorded once, the repeat answered as the first was
            claim = once.key(f"evaluate:{draft.inspection_id}", [
                f"{key}={value}" for key, value in sorted(form.items())
                if key not in (once.FIELD, csrf.FIELD)])

            def record() -> str:
                evaluations.create(get_db(), actor=actor, data=EvaluationCreate(
                    inspection_id=draft.inspection_id, officer_id=draft.officer_id,
                    level=draft.level, comment=draft.comment))
                return "evaluated"
            refused = views.attempt(
                lambda: once.run(claim, record),
                lambda error, failed: me.workspace(actor, {}, draft=replace(draft, error=error,
                                                                            errors=failed)))
            return refused or flask.redirect("/me?done=evaluated", code=303)
        return views.show(app, build)

    @server.post("/me/evaluations/<evaluation_id>/answer")
    def answer(evaluation_id: str) -> Any:
        text = flask.request.form.get("text", "")
        return views.workspace_form(app, evaluation_id, lambda actor: evaluations.answer(
            get_db(), actor=actor, evaluation_id=evaluation_id, data=AnswerCreate(text=text)),
            "answered", officer.ANSWER_FIELDS, may_be_gone=True)

    @server.post("/me/evaluations/<evaluation_id>/revisit")
    def revisit(evaluation_id: str) -> Any:
        form = flask.request.form
        answer = {"yes": True, "no": False}.get(form.get("rectified", ""))   # chosen, never assumed
        data = {"note": form.get("note", "")} | ({} if answer is None else {"rectified": answer})
        return views.workspace_form(app, evaluation_id, lambda actor: evaluations.revisit(
            get_db(), actor=actor, evaluation_id=evaluation_id, data=RevisitCreate(**data)),
            "revisited", officer.REVISIT_FIELDS, may_be_gone=True)


def install_penalty(app: PortalDash) -> None:
    server = app.server

    @server.get(penalty.FORM)
    def penalty_start() -> Any:
        return _officer_page(app, lambda actor: _business_or_search(
            actor, lambda code: penalty.form_page(actor, code, done=flask.request.args.get("done", "")),
            penalty.choose))

    @server.post(penalty.FORM)
    def penalty_record() -> Any:
        def build(actor: Actor) -> Any:
            values = penalty.read(flask.request.form)
            refused = views.attempt(
                lambda: penalties.record(get_db(), actor=actor, data=penalty.to_record(values)),
                lambda error, failed: penalty.form_page(actor, values["code"], values, error=error,
                                                        errors=failed))
            return refused or _recorded("penalty", values["code"])
        return _officer_page(app, build, posted=True)


def install(app: PortalDash) -> None:
    install_me(app)
    install_inspection(app)
    install_penalty(app)
    application_routes.install(app)
    audit_routes.install(app)
    business_routes.install(app)
    paper_routes.install(app)
    password.install(app)
    people_routes.install(app)
    settings_routes.install(app)
