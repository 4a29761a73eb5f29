"""The alert queue: officers of the unit and the business concerned; decisions by officers."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Response

from backend.alerts import rules, service
from backend.alerts.rules import AlertRulesPublic
from backend.alerts.schemas import (
    AlertConfirm,
    AlertDismiss,
    AlertPublic,
    AlertRectify,
    AlertsPublic,
    AlertStatus,
    PrecisionPublic,
)
from backend.deps import DbDep, SignedInDep
from backend.paging import PageNumber, PageSize
from backend.strict_query import refuse_unknown_query

router = APIRouter(prefix="/alerts", tags=["alerts"])


@router.get("", response_model=AlertsPublic)
def list_alerts(
    db: DbDep, actor: SignedInDep, status: AlertStatus | None = None,
    business_code: Annotated[str, Query(max_length=18)] = "",
    pageNumber: PageNumber = 1,  # noqa: N803 - FHRS names
    pageSize: PageSize = 20,  # noqa: N803
) -> AlertsPublic:
    """Newest first."""
    return service.list_for(db, actor=actor, status=status, business_code=business_code,
                            page_number=pageNumber, page_size=pageSize)


@router.get("/precision", response_model=PrecisionPublic)
def precision(db: DbDep) -> PrecisionPublic:
    """Public: per class, the share of decided alerts that officers confirmed."""
    return service.precision(db)


@router.get("/rules", response_model=AlertRulesPublic, dependencies=[Depends(refuse_unknown_query)])
def alert_rules(
    pageNumber: PageNumber = 1,  # noqa: N803 - FHRS names
    pageSize: PageSize = 20,  # noqa: N803
) -> AlertRulesPublic:
    """Public: per class, the frames needed (persist of window), cooldown and confidence floor
    (the defaults with ALERT_RULES applied; a camera's own overrides are on the camera), in the
    order the classes are listed everywhere. A query parameter not listed here is refused (422)."""
    return rules.published(page_number=pageNumber, page_size=pageSize)


@router.get("/{alert_id}", response_model=AlertPublic)
def get_alert(db: DbDep, actor: SignedInDep, alert_id: str) -> AlertPublic:
    return service.get(db, actor=actor, alert_id=alert_id)


@router.get("/{alert_id}/snapshot.jpg", response_class=Response,
            responses={200: {"content": {"image/jpeg": {}}}})
def snapshot(db: DbDep, actor: SignedInDep, alert_id: str) -> Response:
    """The evidence frame with its boxes (kept for SNAPSHOT_RETENTION_DAYS)."""
    return Response(service.snapshot(db, actor=actor, alert_id=alert_id), media_type="image/jpeg",
                    headers={"Cache-Control": "private, max-age=3600"})


@router.get("/{alert_id}/clip/{index}.jpg", response_class=Response,
            responses={200: {"content": {"image/jpeg": {}}}})
def clip_frame(db: DbDep, actor: SignedInDep, alert_id: str,
               index: Annotated[int, Path(ge=0, le=100)]) -> Response:
    """One frame of the evidence sequence, oldest first (kept as long as the snapshot)."""
    return Response(service.clip_frame(db, actor=actor, alert_id=alert_id, index=index),
                    media_type="image/jpeg", headers={"Cache-Control": "private, max-age=3600"})


@router.post("/{alert_id}/confirm", response_model=AlertPublic)
def confirm(db: DbDep, actor: SignedInDep, alert_id: str, data: AlertConfirm | None = None) -> AlertPublic:
    """Confirmed: it becomes a rectification task and counts in the business's record. The body
    (an optional note) may be left out."""
    return service.confirm(db, actor=actor, alert_id=alert_id, data=data or AlertConfirm())


@router.post("/{alert_id}/dismiss", response_model=AlertPublic)
def dismiss(db: DbDep, actor: SignedInDep, alert_id: str, data: AlertDismiss) -> AlertPublic:
    return service.dismiss(db, actor=actor, alert_id=alert_id, data=data)


@router.post("/{alert_id}/rectify", response_model=AlertPublic)
def rectify(db: DbDep, actor: SignedInDep, alert_id: str, data: AlertRectify) -> AlertPublic:
    """The business reports its rectification of a confirmed alert."""
    return service.rectify(db, actor=actor, alert_id=alert_id, data=data)
