"""Raising alerts from the camera worker, and officers' decisions on them (confirm → task, dismiss)."""

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from pymongo.database import Database

from backend import clock, paging, workdays
from backend.alerts import repository
from backend.alerts.schemas import (
    CAMERA_OFFLINE,
    KIND_LABELS,
    AlertConfirm,
    AlertDismiss,
    AlertPublic,
    AlertRectify,
    AlertsPublic,
    AlertStatus,
    ClassPrecision,
    PrecisionPublic,
)
from backend.audit import service as audit
from backend.config import get_settings
from backend.errors import Conflict, NotFound
from backend.i18n import N_, _
from backend.paging import PageMeta
from backend.phrases import Phrase
from backend.profiles import service as profiles
from backend.tasks import service as tasks
from backend.tasks import workflow
from backend.tasks.schemas import TaskClose, TaskSource, Verdict
from backend.users import permissions
from backend.users.schemas import Actor, Role

MAX_CLIP_FRAMES = 10
WORKER = "camera-worker"
AUTO = "auto-confirm"  # who decided an alert that counted without an officer (ALERT_AUTO_CONFIRM)


def _base(camera: dict[str, Any], kind: str, at: datetime) -> dict[str, Any]:
    return {"kind": kind, "camera_id": camera["_id"], "camera_name": camera["name"],
            "location": camera["location"], "business_code": camera["business_code"],
            "business_name": camera.get("business_name", ""), "district": camera["district"],
            "at": at, "status": AlertStatus.PENDING.value, "snapshot_id": None}


def raise_detection(db: Database, *, camera: dict[str, Any], kind: str, confidence: float,
                    box: list[float], frames: int, snapshot: bytes, model: str,
                    version: str, clip: Sequence[bytes] = ()) -> str:
    """A violation the rules saw persist; every stored prediction names its model and version.
    `clip`: small frames of the rule's window, oldest first (the evidence of persistence)."""
    at = clock.now()
    document = _base(camera, kind, at) | {
        "confidence": round(float(confidence), 4), "box": [round(float(v), 1) for v in box],
        "frames": frames, "model": model, "version": version}
    alert_id = repository.insert(db, document)
    snapshot_id = repository.save_snapshot(db, snapshot, alert_id=alert_id)
    clip_ids = repository.save_clip(db, list(clip)[-MAX_CLIP_FRAMES:], alert_id=alert_id)
    repository.update(db, alert_id, {"snapshot_id": snapshot_id, "has_snapshot": True,
                                     "clip_ids": clip_ids, "clip_frames": len(clip_ids)})
    audit.record(db, actor=None, action="alert.raise", target=str(alert_id),
                 data={k: v for k, v in document.items() if k != "box"} | {"by": WORKER})
    threshold = get_settings().alert_auto_confirm.get(kind)
    if threshold is not None and document["confidence"] >= threshold:  # published on /kitchen/ai
        _confirm(db, document | {"_id": alert_id}, actor=None, by=AUTO, note="",
                 extra={"auto_confirmed": True, "auto_threshold": threshold})
    return str(alert_id)


def raise_offline(db: Database, *, camera: dict[str, Any]) -> str:
    alert_id = repository.insert(db, _base(camera, CAMERA_OFFLINE, clock.now()))
    audit.record(db, actor=None, action="alert.raise", target=str(alert_id),
                 data={"kind": CAMERA_OFFLINE, "camera_id": camera["_id"], "by": WORKER})
    return str(alert_id)


def _load(db: Database, alert_id: str) -> dict[str, Any]:
    oid = repository.object_id(alert_id)
    alert = repository.get(db, oid) if oid else None
    if alert is None:
        raise NotFound("No alert has the id {id}.", id=alert_id)
    return alert


def _require_can_see(actor: Actor | None, alert: dict[str, Any]) -> Actor:
    return permissions.require_member_or_officer(actor, code=alert["business_code"],
                                                 district=alert["district"])


def get(db: Database, *, actor: Actor | None, alert_id: str) -> AlertPublic:
    alert = _load(db, alert_id)
    _require_can_see(actor, alert)
    return AlertPublic.from_stored(alert)


def snapshot(db: Database, *, actor: Actor | None, alert_id: str) -> bytes:
    alert = _load(db, alert_id)
    _require_can_see(actor, alert)
    jpeg = repository.snapshot(db, alert["snapshot_id"]) if alert.get("snapshot_id") else None
    if jpeg is None:
        raise NotFound("This alert's snapshot is gone (past its retention period) or never existed.")
    return jpeg


def clip_frame(db: Database, *, actor: Actor | None, alert_id: str, index: int) -> bytes:
    """One frame of the alert's evidence sequence (0: the oldest)."""
    alert = _load(db, alert_id)
    _require_can_see(actor, alert)
    clip_ids = alert.get("clip_ids") or []
    jpeg = repository.snapshot(db, clip_ids[index]) if 0 <= index < len(clip_ids) else None
    if jpeg is None:
        raise NotFound("This alert has no such frame (or its frames are past their retention period).")
    return jpeg


def scope_query(actor: Actor | None, business_code: str = "") -> dict[str, Any]:
    """Officers see their unit's districts, a business its own alerts, nobody else any."""
    return permissions.listing_scope(
        actor, refusal=N_("Only officers and the business concerned may see its alerts."),
        business_code=business_code)


def list_for(db: Database, *, actor: Actor | None, status: AlertStatus | None = None,
             business_code: str = "", page_number: int = 1, page_size: int = 20) -> AlertsPublic:
    query = scope_query(actor, business_code)
    if status:
        query["status"] = status.value
    total = repository.total(db, query)
    rows = repository.page(db, query, skip=paging.skip(page_number, page_size), limit=page_size)
    return AlertsPublic(data=[AlertPublic.from_stored(row) for row in rows],
                        meta=PageMeta.of(total, page_number, page_size))


def _decide(db: Database, alert: dict[str, Any], fields: dict[str, Any],
            expected: AlertStatus = AlertStatus.PENDING) -> None:
    """Writes the decision only while the alert is still `expected` (two officers, one decision)."""
    if alert["status"] != expected or not repository.decide(
            db, alert["_id"], expected_status=expected.value, fields=fields):
        raise Conflict("An officer has already decided on this alert.")


def confirm(db: Database, *, actor: Actor | None, alert_id: str, data: AlertConfirm) -> AlertPublic:
    """The alert becomes a rectification task for the business, due in a few working days."""
    alert = _load(db, alert_id)
    actor = permissions.require_officer_for_district(actor, alert["district"])
    _confirm(db, alert, actor=actor, by=actor.username, note=data.note)
    return get(db, actor=actor, alert_id=alert_id)


def _confirm(db: Database, alert: dict[str, Any], *, actor: Actor | None, by: str, note: str,
             extra: dict[str, Any] | None = None) -> None:
    now = clock.now()
    deadline = clock.end_of_day(
        workdays.add_working_days(clock.day_of(now), get_settings().alert_rectify_working_days))
    fields = {"status": AlertStatus.CONFIRMED.value, "decided_by": by, "decided_at": now,
              "reason": note or None, "rectify_by": deadline} | (extra or {})
    _decide(db, alert, fields)
    alert_id = str(alert["_id"])
    title = Phrase(N_("Rectify: {what} ({camera})"), camera=alert["camera_name"],
                   what=Phrase(KIND_LABELS.get(alert["kind"], alert["kind"])))
    task = tasks.create(db, source=TaskSource.AI_ALERT, business_code=alert["business_code"],
                        title=title, detail=note, deadline=deadline, created_by=by, ref=alert_id, actor=actor)
    # the order is the alert itself: the business rectifies from now, by the alert's deadline
    workflow.ordered_with_the_work(db, actor=actor or Actor(username=by, role=Role.ADMIN),
                                   task_id=task.id, deadline=clock.day_of(deadline),
                                   note=note or title)  # said in each reader's language
    repository.update(db, alert["_id"], {"task_id": task.id})
    profiles.publish_change(db, actor=actor, action="alert.confirm", code=alert["business_code"],
                            target=alert_id, data=fields | {"alert_id": alert_id, "task_id": task.id})


def dismiss(db: Database, *, actor: Actor | None, alert_id: str, data: AlertDismiss) -> AlertPublic:
    """A false alarm: it counts against the class's published precision. An alert that counted
    without an officer (ALERT_AUTO_CONFIRM) can be dismissed after the fact: it stops counting in
    the business's record and its rectification task is closed as withdrawn."""
    alert = _load(db, alert_id)
    actor = permissions.require_officer_for_district(actor, alert["district"])
    fields = {"status": AlertStatus.DISMISSED.value, "decided_by": actor.username,
              "decided_at": clock.now(), "reason": data.reason}
    if alert.get("auto_confirmed") and alert["status"] == AlertStatus.CONFIRMED:
        _overturn(db, alert, actor=actor, fields=fields)
    else:
        _decide(db, alert, fields)
        audit.record(db, actor=actor, action="alert.dismiss", target=alert_id,
                     data=fields | {"business_code": alert["business_code"]})
    return get(db, actor=actor, alert_id=alert_id)


def _overturn(db: Database, alert: dict[str, Any], *, actor: Actor, fields: dict[str, Any]) -> None:
    fields = fields | {"overturned": True, "rectify_by": None}
    _decide(db, alert, fields, expected=AlertStatus.CONFIRMED)
    if alert.get("task_id"):
        why = _("Withdrawn: an officer found the automatic alert false ({reason}).").format(
            reason=fields["reason"])
        try:  # the business is told its order is withdrawn, whatever it sent meanwhile
            tasks.close(db, actor=actor, task_id=alert["task_id"], data=TaskClose(
                result=why, rectification=Verdict.WITHDRAWN, rectification_note=why))
        except Conflict:
            pass  # already closed: its result stands, the alert no longer counts
    profiles.publish_change(db, actor=actor, action="alert.overturn", code=alert["business_code"],
                            target=str(alert["_id"]), data=fields | {"alert_id": str(alert["_id"])})


def rectify(db: Database, *, actor: Actor | None, alert_id: str, data: AlertRectify) -> AlertPublic:
    """The business reports what it changed (its own account, or an administrator on its written
    request: an officer writing it would be reporting to itself); the officer closes the task
    after checking. A later report replaces the earlier one, which the audit log keeps."""
    alert = _load(db, alert_id)
    actor = permissions.require_enterprise_of(actor, code=alert["business_code"])
    if alert["status"] != AlertStatus.CONFIRMED:
        raise Conflict("Only a confirmed alert needs rectifying.")
    fields = {"rectified_at": clock.now(), "rectified_by": actor.username, "rectification": data.note}
    repository.update(db, alert["_id"], fields)
    if alert.get("task_id"):  # the officer who checks it works from the task
        workflow.report(db, task_id=alert["task_id"], by=actor.username, note=data.note)
    audit.record(db, actor=actor, action="alert.rectify", target=alert_id,
                 data=fields | {"business_code": alert["business_code"]})
    return get(db, actor=actor, alert_id=alert_id)


def precision(db: Database) -> PrecisionPublic:
    """Per class: of the alerts officers decided on, the share they confirmed (alerts confirmed by
    ALERT_AUTO_CONFIRM were judged by nobody: left out); with the model the workers run now."""
    rows = []
    for kind in KIND_LABELS:
        counted = {"kind": kind, "status": AlertStatus.CONFIRMED.value}
        # less the automatic ones (alerts before the setting have no flag, and the embedded
        # server's $ne does not match a missing field)
        confirmed = repository.total(db, counted) - repository.total(db, counted | {"auto_confirmed": True})
        dismissed = repository.total(db, {"kind": kind, "status": AlertStatus.DISMISSED.value})
        decided = confirmed + dismissed
        rows.append(ClassPrecision(kind=kind, confirmed=confirmed, dismissed=dismissed,
                                   precision=round(confirmed / decided, 3) if decided else None))
    model, version = model_in_use(db)
    return PrecisionPublic(classes=rows, model=model, version=version)


def purge_snapshots(db: Database) -> int:
    """Evidence is kept for the retention period, then deleted (the alert itself stays)."""
    cutoff = clock.now() - timedelta(days=get_settings().snapshot_retention_days)
    old = repository.snapshots_before(db, cutoff)
    for file_id in old:
        repository.delete_snapshot(db, file_id)
    for alert in repository.clips_before(db, cutoff):  # the frame sequences go with them
        repository.delete_clip(db, alert)
    return len(old)


def model_in_use(db: Database) -> tuple[str | None, str | None]:
    """The model and version stamped on the newest detection (what the workers run now)."""
    newest = repository.newest_detection(db)
    return (newest.get("model"), newest.get("version")) if newest else (None, None)
