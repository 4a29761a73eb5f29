"""Routes of the credit-repair and objection forms, and of the officers' decisions on them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import flask

from backend.database import get_db
from backend.objections import service as objections
from backend.repair import service as repair
from backend.repair.schemas import EVIDENCE_GUIDE, REQUIRED_EVIDENCE, Evidence, EvidenceDownload, RepairCreate
from backend.users.schemas import Actor, Role
from portal import auth, csrf, once
from portal.prerender import PortalDash
from portal.workspace import applications, decisions, evidence_files, penalty, views

REPAIR_FILES = {f"evidence-file-{n}": f"file_{n}" for n in range(applications.EVIDENCE_ROWS)}
OBJECTION_FILES = {applications.OBJECTION_FILES: "evidence"}


def _repair_evidence(actor: Actor, code: str, files: list[evidence_files.Posted],
                     kept: dict[str, str]) -> list[Evidence]:
    """The rows the business filled in, one file of each kind listed: chosen now, or kept from a
    refused sending (a missing one is refused before any is stored); each chosen file is stored
    first, then referenced."""
    form = flask.request.form
    chosen = {upload.control: upload.name for upload in files}
    applications.EvidenceFiles.model_validate({
        field: chosen.get(control) or ",".join(evidence_files.kept_ids(form, control))
        for control, field in REPAIR_FILES.items()})
    stored = evidence_files.store(actor, code, files, kept)
    found = []
    for n, control in enumerate(REPAIR_FILES):
        note = form.get(f"evidence-note-{n}", "").strip()
        file_id = (stored.get(control) or evidence_files.kept_ids(form, control) or [None])[0]
        if note or file_id:
            found.append(Evidence(kind=REQUIRED_EVIDENCE[n], note=note, file_id=file_id,
                                  title=form.get(f"evidence-title-{n}", "") or EVIDENCE_GUIDE[n]))
    return found


def _objection_evidence(actor: Actor, files: list[evidence_files.Posted],
                        kept: dict[str, str]) -> list[Evidence]:
    """The files kept from a refused sending, then those chosen now, each titled by its name."""
    control, code = applications.OBJECTION_FILES, actor.business_code or ""
    before = evidence_files.kept_ids(flask.request.form, control)
    stored = evidence_files.store(actor, code, files, kept, adding=True)
    file_ids = list(dict.fromkeys(before + stored.get(control, [])))
    names = repair.evidence_names(get_db(), actor=actor, business_code=code, file_ids=file_ids)
    # an id that is not the business's own is the service's to refuse, by its id
    return [Evidence(title=names.get(file_id, file_id)[:120], file_id=file_id) for file_id in file_ids]


def _sending(scope: str, files: list[evidence_files.Posted]) -> str | None:
    """This sending's claim (`once.key`): the form's fields and its files' bytes, so that a double
    tap is recorded once and answered as the first was, and a changed form is a new sending."""
    form = flask.request.form
    return once.key(scope, [*(f"{k}={v}" for k, v in sorted(form.items(multi=True))
                              if k not in (once.FIELD, csrf.FIELD)),
                            *(f"{upload.control}:{upload.name}".encode() + upload.content
                              for upload in files)])


def _with_files(app: PortalDash, form: str, act: Callable[[Actor, dict[str, str]], str],
                labels: dict[str, str]) -> Any:
    """As views.workspace_form, for a form with files: refused, it comes back with the files it
    stored kept (`act` puts their ids in the dict it gets), so only a refused one is chosen again."""
    from portal.pages import me  # pages register themselves, so only once the app exists

    def build() -> Any:
        csrf.verify(text=False)
        actor = auth.current_actor()  # signed in: `show` sent anyone else to sign in first
        assert actor is not None
        kept: dict[str, str] = {}
        done: list[str] = []
        refused = views.attempt(lambda: done.append(act(actor, kept)), lambda error, failed: me.workspace(
            actor, {}, refused=views.Refusal(form, error, {**flask.request.form, **kept}, failed)), labels)
        return refused or flask.redirect(f"/me?done={done[0]}", code=303)
    return views.show(app, build)


def install(app: PortalDash) -> None:
    server = app.server

    @server.post(applications.REPAIR)
    def apply_for_repair() -> Any:
        statement, files = flask.request.form.get("statement", ""), evidence_files.posted(REPAIR_FILES)

        def apply(actor: Actor, kept: dict[str, str]) -> str:
            code = actor.business_code or ""

            def record() -> str:
                repair.apply(get_db(), actor=actor, data=RepairCreate(
                    business_code=code, statement=statement,
                    evidence=_repair_evidence(actor, code, files, kept)))
                return "applied"
            return once.run(_sending(f"repair:{code}", files), record)

        return _with_files(app, "repair", apply, applications.REPAIR_FIELDS)

    @server.post(applications.OBJECT)
    def file_objection() -> Any:
        form, files = flask.request.form, evidence_files.posted(OBJECTION_FILES)

        def file(actor: Actor, kept: dict[str, str]) -> str:
            def record() -> str:
                applications.file_objection(actor, form.get("record", ""), form.get("reason", ""),
                                            _objection_evidence(actor, files, kept))
                return "objected"
            return once.run(_sending(f"objection:{actor.business_code}", files), record)

        return _with_files(app, "objection", file, applications.OBJECTION_FIELDS)

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

    def downloaded(find: Callable[[], EvidenceDownload]) -> Any:
        """An evidence file itself, for the business and the district's officers (the service
        `find` calls checks who): always downloaded, never shown inside the site."""
        def build() -> Any:
            found = find()
            return flask.Response(found.content, mimetype=found.content_type, headers=found.headers)
        return views.show(app, build)

    @server.get(applications.evidence_path("<application_id>", "<file_id>"))
    def repair_evidence(application_id: str, file_id: str) -> Any:
        return downloaded(lambda: repair.evidence_file(get_db(), actor=auth.current_actor(),
                                                       application_id=application_id, file_id=file_id))

    @server.get(applications.objection_evidence_path("<objection_id>", "<file_id>"))
    def objection_evidence(objection_id: str, file_id: str) -> Any:
        return downloaded(lambda: objections.evidence_file(get_db(), actor=auth.current_actor(),
                                                           objection_id=objection_id, file_id=file_id))

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
