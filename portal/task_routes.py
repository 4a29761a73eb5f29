"""Plain routes for the task inbox: list, one task, each step as a posted form, evidence files."""

from datetime import date
from typing import Any

import flask
from pydantic import ValidationError

from backend import uploads
from backend.complaints import service as complaints
from backend.database import get_db
from backend.errors import DomainError, Unauthorized
from backend.i18n import _
from backend.officers import service as officers
from backend.tasks import service as tasks
from backend.tasks import workflow
from backend.tasks.schemas import (
    TaskAssign,
    TaskClose,
    TaskRectify,
    TaskResult,
    TaskSendBack,
    TaskSource,
    TaskStatus,
)
from backend.users.schemas import Actor, Role
from portal import csrf, form_errors, numbers, once
from portal.auth import current_actor, sign_in_first
from portal.complaint_routes import received_files
from portal.components import task_views as views
from portal.components.alert_evidence import alert_of, alert_section
from portal.components.sections import problem_page
from portal.components.tags import light
from portal.prerender import PortalDash


def _choice(enum: type[TaskSource] | type[TaskStatus], value: str | None):  # type: ignore[no-untyped-def]
    try:
        return enum(value) if value else None
    except ValueError:
        return None


def _step(actor: Actor | None, task_id: str, action: str, files: list[uploads.Upload]) -> str:
    """One posted form → one workflow step (the services check who may take it); where to go next."""
    form, db = flask.request.form, get_db()
    if action == "accept":
        workflow.accept(db, actor=actor, task_id=task_id)
    elif action == "assign":
        workflow.assign(db, actor=actor, task_id=task_id,
                        data=TaskAssign(officer_id=form.get("officer_id", "")))
    elif action == "rectification":
        workflow.require_rectification(db, actor=actor, task_id=task_id, data=TaskRectify(
            deadline=date.fromisoformat(form.get("deadline", "") or "x"), note=form.get("note", "")))
    elif action == "result":
        workflow.record_result(db, actor=actor, task_id=task_id,
                               data=TaskResult(result=form.get("result", "")))
    elif action == "evidence":
        workflow.add_evidence(db, actor=actor, task_id=task_id, note=form.get("note", ""), files=files)
    elif action == "send_back":
        deadline = form.get("deadline", "")
        workflow.send_back(db, actor=actor, task_id=task_id, data=TaskSendBack(
            reason=form.get("reason", ""), deadline=date.fromisoformat(deadline) if deadline else None))
    elif action == "close":
        tasks.close(db, actor=actor, task_id=task_id, data=TaskClose(
            result=form.get("result", ""), rectification=form.get("rectification") or None,
            rectification_note=form.get("rectification_note", "")))
    else:
        flask.abort(404)
    return f"/tasks/{task_id}"


def _sending(task_id: str, action: str, files: list[uploads.Upload]) -> str | None:
    """The claim of this sending of a step's form (`once.key`): a double tap or a resend of the same
    form, files included, is recorded once and answered as the first was."""
    typed = [f"{key}={value}" for key, value in sorted(flask.request.form.items(multi=True))
             if key not in (once.FIELD, csrf.FIELD)]
    return once.key(f"task:{task_id}:{action}", [*typed, *(upload.content for upload in files)])


def install(app: PortalDash) -> None:
    server = app.server

    def show(build, title: str, status: int = 200) -> flask.Response:  # type: ignore[no-untyped-def]
        with light():
            content = build()
        return app.render_page(flask.request.path, {}, content=content, title=title,
                               with_scripts=False, status=status)

    def problem(exc: DomainError) -> flask.Response:
        if isinstance(exc, Unauthorized):
            return sign_in_first("/tasks")  # a step's form sent: back to its task page after
        return show(lambda: problem_page(_("Task not available"), exc.translated(_),
                                         exc.status_code), _("Tasks"), exc.status_code)

    @server.get("/tasks")
    def task_inbox() -> flask.Response:
        args, actor = flask.request.args, current_actor()
        source, status = _choice(TaskSource, args.get("source")), _choice(TaskStatus, args.get("status"))
        page = numbers.page_number(args.get("page"))
        try:
            listed = tasks.list_for(get_db(), actor=actor, source=source, status=status,
                                    page_number=page, page_size=25)
        except DomainError as exc:
            return problem(exc)
        assert actor is not None
        return show(lambda: views.inbox(actor, listed, source=source.value if source else "",
                                        status=status.value if status else ""), _("Tasks"))

    def task_page(task_id: str, *, error: str = "", status: int = 200,
                  typed: tuple[str, Any] | None = None) -> flask.Response:
        actor, db = current_actor(), get_db()
        try:
            task = tasks.get(db, actor=actor, task_id=task_id)
        except DomainError as exc:
            return problem(exc)
        assert actor is not None
        officer = actor.role in (Role.OFFICER, Role.ADMIN)
        phone = complaints.contact(db, actor=actor, task_id=task_id) if officer else None
        colleagues = officers.colleagues(db, unit_id=actor.unit_id) if actor.unit_id else []
        alert = alert_of(db, actor, task)
        return show(lambda: views.detail(actor, task, phone=phone, colleagues=colleagues, error=error,
                                         typed=typed, evidence=alert and alert_section(actor, alert)),
                    task.title, status)

    @server.get("/tasks/<task_id>")
    def task_detail(task_id: str) -> flask.Response:
        return task_page(task_id)

    @server.post("/tasks/<task_id>/<action>")
    def task_step(task_id: str, action: str) -> flask.Response:
        try:
            csrf.verify()
            actor = current_actor()
            files = received_files("files") if action == "evidence" else []
            answer = once.run(_sending(task_id, action, files),
                              lambda: _step(actor, task_id, action, files))
        except (ValidationError, DomainError) as exc:
            if isinstance(exc, Unauthorized):
                return problem(exc)
            text, status = form_errors.message(exc, views.LABELS.get(action))
            return task_page(task_id, error=text, status=status, typed=(action, flask.request.form))
        except ValueError:  # a malformed date from a browser without a date picker
            return task_page(task_id, error=_("Please give the date as YYYY-MM-DD."), status=422,
                             typed=(action, flask.request.form))
        return flask.redirect(answer, code=303)

    @server.get("/tasks/<task_id>/files/<file_id>")
    def task_file(task_id: str, file_id: str) -> flask.Response:
        try:
            content, kind = workflow.file(get_db(), actor=current_actor(), task_id=task_id,
                                          file_id=file_id)
        except DomainError as exc:
            return problem(exc)
        response = flask.Response(content, mimetype=kind)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Cache-Control"] = "private, max-age=3600"
        return response
