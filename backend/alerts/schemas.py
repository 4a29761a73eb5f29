"""Shapes of a kitchen-camera alert, of an officer's decision on it and of the published precision."""

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field

from backend.clean_text import Text
from backend.clock import Instant
from backend.i18n import N_
from backend.paging import PageMeta

CAMERA_OFFLINE = "camera_offline"
# Every kind of alert, named as the detector names its classes, plus the camera's own silence.
KIND_LABELS = {
    "no_chef_hat": N_("No chef hat"),
    "no_mask": N_("No mask"),
    "no_work_clothes": N_("No work clothes"),
    "smoking": N_("Smoking"),
    "phone": N_("Phone use"),
    "rat": N_("Rat"),
    "bin_open": N_("Uncovered rubbish bin"),
    "person": N_("Person in the kitchen"),
    CAMERA_OFFLINE: N_("Camera offline"),
}
# The kinds a detection raises, which the alert rules (and ALERT_AUTO_CONFIRM) may name.
RULED_KINDS = tuple(kind for kind in KIND_LABELS if kind != CAMERA_OFFLINE)


class AlertStatus(StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"


STATUS_LABELS = {
    AlertStatus.PENDING: N_("Awaiting an officer"),
    AlertStatus.CONFIRMED: N_("Confirmed"),
    AlertStatus.DISMISSED: N_("Dismissed"),
}


class AlertConfirm(BaseModel):
    note: Text = Field("", max_length=500)


class AlertDismiss(BaseModel):
    reason: Text = Field(min_length=2, max_length=500)


class AlertRectify(BaseModel):
    note: Text = Field(min_length=1, max_length=1000)


class AlertPublic(BaseModel):
    id: str
    kind: str
    camera_id: str
    camera_name: str = ""
    location: str = ""
    business_code: str
    business_name: str = ""
    district: str
    at: Instant
    confidence: float | None = None
    box: list[float] | None = None
    frames: int | None = None
    model: str | None = None
    version: str | None = None
    has_snapshot: bool = False
    clip_frames: int = 0  # frames of the evidence sequence kept (none once past retention)
    status: AlertStatus
    decided_by: str | None = None  # "auto-confirm" when it counted without an officer
    decided_at: Instant | None = None
    auto_confirmed: bool = False
    auto_threshold: float | None = None  # the ALERT_AUTO_CONFIRM confidence it passed
    overturned: bool = False  # counted without an officer, then dismissed by one
    reason: str | None = None
    task_id: str | None = None
    rectify_by: Instant | None = None
    rectified_at: Instant | None = None
    rectification: str | None = None

    @classmethod
    def from_stored(cls, alert: dict[str, Any]) -> "AlertPublic":
        return cls(**{k: v for k, v in alert.items() if k in cls.model_fields}, id=str(alert["_id"]))


class AlertsPublic(BaseModel):
    data: list[AlertPublic]
    meta: PageMeta


class ClassPrecision(BaseModel):
    kind: str
    confirmed: int
    dismissed: int
    precision: float | None  # None until an officer has decided on one


class PrecisionPublic(BaseModel):
    classes: list[ClassPrecision]
    model: str | None = None
    version: str | None = None


class KitchenSummary(BaseModel):
    """The QR page's "AI checked" strip."""

    cameras: int = 0
    last_check_at: Instant | None = None
    confirmed_30d: int = 0
    public_camera_id: str | None = None
