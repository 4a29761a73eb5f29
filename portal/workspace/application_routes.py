"""Routes of the credit-repair and objection forms, and of the officers' decisions on them."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import flask

from backend.database import get_db
from backend.objections import service as objections
from backend.repair import service as repair
from backend.repair.schemas import EVIDENCE_GUIDE, REQUIRED_EVIDENCE, Evidence, RepairCreate
from backend.users.schemas import Actor, Role
from portal import auth, csrf, once
from portal.prerender import PortalDash
from portal.workspace import applications, decisions, penalty, views


def _evidence(actor: Actor, code: str, stored: list[str]) -> list[Evidence]:
    """The rows the business filled in, one file of each kind listed (checked before any is
    stored); each file is stored first (its id added to `stored`), then referenced."""
    form, files, db = flask.request.form, flask.request.files, get_db()
    applications.EvidenceFiles.model_validate({
        f"file_{n}": getattr(files.get(f"evidence-file-{n}"), "filename", "") or ""
        for n in range(applications.EVIDENCE_ROWS)})
    found = []
    for n in range(applications.EVIDENCE_ROWS):
        upload = files.get(f"evidence-file-{n}")
        note = form.get(f"evidence-note-{n}", "").strip()
        file_id = None
        if upload is not None and upload.filename:
            file_id = repair.attach_evidence(
                db, actor=actor, business_code=code, file_name=upload.filename,
                content_type=upload.mimetype or "", content=upload.read()).id
            stored.append(file_id)
        if note or file_id:
            found.append(Evidence(kind=REQUIRED_EVIDENCE[n], note=note, file_id=file_id,
                                  title=form.get(f"evidence-title-{n}", "") or EVIDENCE_GUIDE[n]))
    return found


def install(app: PortalDash) -> None:
    server = app.server

    @server.post(applications.REPAIR)
    def apply_for_repair() -> Any:
        statement = flask.request.form.get("statement", "")

        def apply(actor: Actor) -> Any:
            code, stored = actor.business_code or "", []
            try:
                return repair.apply(get_db(), actor=actor, data=RepairCreate(
                    business_code=code, statement=statement, evidence=_evidence(actor, code, stored)))
            except BaseException:  # refused: its files were stored first, and nothing refers to them
                repair.discard_evidence(get_db(), actor=actor, business_code=code, file_ids=stored)
                raise

        return views.workspace_form(app, "repair", apply, "applied", applications.REPAIR_FIELDS)

    @server.post(applications.OBJECT)
    def file_objection() -> Any:
        form = flask.request.form
        return views.workspace_form(app, "objection", lambda actor: applications.file_objection(
            actor, form.get("record", ""), form.get("reason", "")), "objected", applications.OBJECTION_FIELDS)

    def _decide(record_id: str, act: Any) -> Any:
        """Sent twice (a double tap), a decision is recorded once and the repeat answered as the
        first was, not with "already decided"."""
        form = flask.request.form
        claim = once.key(f"decide:{record_id}", [f"{k}={v}" for k, v in sorted(form.items())
                                                 if k not in (once.FIELD, csrf.FIELD)])

        def decide(actor: Actor) -> str:
            def record() -> str:
                act(actor, decisions.decision(form))
                return "decided"
            return once.run(claim, record)
        return views.workspace_form(app, record_id, decide, "decided", decisions.DECISION_FIELDS,
                                    may_be_gone=True)

    @server.post(f"{applications.REPAIR}/<application_id>/decide")
    def decide_repair(application_id: str) -> Any:
        return _decide(application_id, lambda actor, data: repair.decide(
            get_db(), actor=actor, application_id=application_id, data=data))

    @server.post(f"{applications.OBJECT}s/<objection_id>/decide")
    def decide_objection(objection_id: str) -> Any:
        return _decide(objection_id, lambda actor, data: objections.decide(
            get_db(), actor=actor, objection_id=objection_id, data=data))

    @server.get(applications.evidence_path("<application_id>", "<file_id>"))
    def repair_evidence(application_id: str, file_id: str) -> Any:
        """The file itself, for the business and the district's officers (the service checks who):
        always downloaded, never shown inside the site."""
        def build() -> Any:
            found = repair.evidence_file(get_db(), actor=auth.current_actor(),
                                         application_id=application_id, file_id=file_id)
            return flask.Response(found.content, mimetype=found.content_type, headers=found.headers)
        return views.show(app, build)

    @server.post(penalty.FULFIL)
    def record_fulfilment() -> Any:
        return views.show(app, _fulfilment)


def _fulfilment() -> Any:
    """An officer records a penalty as fulfilled from the business's penalty page: once per
    sending (a double tap or a resend redirects as the first did), then back to that page saying
    so; refused, the page again with that form open, as typed, and why."""
    csrf.verify(text=False)
    actor = auth.current_actor()
    if actor is None or actor.role != Role.OFFICER:
        return penalty.not_for_you()
    form = flask.request.form
    code, number = form.get("code", ""), form.get("decision_number", "")
    claim = once.key(f"fulfil:{number}", [f"{k}={v}" for k, v in sorted(form.items())
                                          if k not in (once.FIELD, csrf.FIELD)])

    def record() -> str:
        data = penalty.fulfilment_from(form)
        recorded = repair.record_fulfilment(get_db(), actor=actor, decision_number=number,
                                            fulfilled_on=data.fulfilled_on, note=data.note)
        return f"{penalty.FORM}?{urlencode({'code': recorded, 'done': 'fulfilled'})}#penalties"

    answer: list[str] = []
    refused = views.attempt(
        lambda: answer.append(once.run(claim, record)),
        lambda error, failed: penalty.form_page(actor, code, fulfilment=views.Refusal(
            penalty.fulfil_form_id(number), error, form, failed)), penalty.FULFIL_FIELDS)
    return refused or flask.redirect(answer[0], code=303)
