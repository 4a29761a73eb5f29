"""Shapes of a kitchen camera as a business registers it and as the public sees it."""

from enum import StrEnum
from typing import Any, Self
from urllib.parse import parse_qs, urlsplit

from pydantic import BaseModel, Field, field_validator, model_validator

from backend.alerts.rules import Overrides, check_kinds
from backend.cameras import hours
from backend.clean_text import Text
from backend.clock import Instant
from backend.errors import Invalid
from backend.i18n import N_
from backend.paging import PageMeta


class CameraLocation(StrEnum):
    KITCHEN = "kitchen"  # 操作间
    STORAGE = "storage"  # 储存室
    PREPARATION = "preparation"  # 粗加工区
    WASHING = "washing"  # 洗消间
    DINING = "dining"  # 就餐区


LOCATION_LABELS = {
    CameraLocation.KITCHEN: N_("Kitchen"),
    CameraLocation.STORAGE: N_("Storage room"),
    CameraLocation.PREPARATION: N_("Preparation area"),
    CameraLocation.WASHING: N_("Washing and disinfection room"),
    CameraLocation.DINING: N_("Dining area"),
}


class CameraStatus(StrEnum):
    PENDING = "pending"  # no frame read yet
    ONLINE = "online"
    OFFLINE = "offline"


STATUS_LABELS = {
    CameraStatus.PENDING: N_("Waiting for the first frame"),
    CameraStatus.ONLINE: N_("Online"),
    CameraStatus.OFFLINE: N_("Offline"),
}
SOURCE_SCHEMES = ("rtsp", "rtsps", "rtmp", "http", "https", "file", "sim")
SIMULATED = "sim"
MAX_ZONES = 10


def source_scheme(url: str) -> str:
    return urlsplit(url).scheme.lower()


def simulated_hours(url: str) -> str:
    """A simulated kitchen's opening hours, from sim://7?hours=06:00-22:00 ('' when it has none:
    busy day and night); Invalid when they are not hours."""
    return hours.parse(parse_qs(urlsplit(url).query).get("hours", [""])[0])


class Zone(BaseModel):
    """A rectangle in fractions of the frame where detections are ignored (e.g. the dining area)."""

    x1: float = Field(ge=0, le=1)
    y1: float = Field(ge=0, le=1)
    x2: float = Field(ge=0, le=1)
    y2: float = Field(ge=0, le=1)
    classes: list[str] = Field(default_factory=list, max_length=20)

    @model_validator(mode="after")
    def _ordered(self) -> "Zone":
        if self.x2 <= self.x1 or self.y2 <= self.y1:
            raise Invalid("A zone's second corner must lie right of and below its first.")
        from analytics.detection.classes import CLASSES  # the detector's names, the only valid ones

        unknown = sorted(set(self.classes) - set(CLASSES))
        if unknown:
            raise Invalid("Unknown detection classes: {names}.", names=", ".join(unknown))
        return self


class CameraFields(BaseModel):
    name: Text = Field(min_length=1, max_length=60)
    location: CameraLocation
    source_url: str = Field(min_length=6, max_length=500)
    public: bool = False  # the business consents to showing this camera to the public
    blur_faces: bool = True
    zones: list[Zone] = Field(default_factory=list, max_length=MAX_ZONES)
    # Outside these hours (e.g. "06:00-22:00", the municipality's clock) anyone in view raises an
    # alert; empty: none.
    staffed_hours: Text = Field("", max_length=40)

    @field_validator("staffed_hours")
    @classmethod
    def _hours(cls, value: str) -> str:
        return hours.parse(value)

    @field_validator("source_url")
    @classmethod
    def _known_scheme(cls, value: str) -> str:
        value = value.strip()
        scheme = source_scheme(value)
        if scheme not in SOURCE_SCHEMES:
            raise Invalid("A camera source must be an rtsp, http(s) (MJPEG or HLS), file or sim address.")
        if scheme == SIMULATED:
            if not urlsplit(value).netloc.isdigit():
                raise Invalid("A simulated camera's address is sim://<number>, e.g. sim://7.")
            simulated_hours(value)
        elif scheme != "file" and not urlsplit(value).hostname:
            raise Invalid("A camera's address names the camera or server it comes from, e.g. "
                          "rtsp://192.168.1.20/stream1.")
        elif scheme == "file" and len(urlsplit(value).path) < 2:
            raise Invalid("A video file's address names the file, e.g. file:///videos/kitchen.mp4.")
        return value


class CameraCreate(CameraFields):
    business_code: str


class CameraUpdate(BaseModel):
    name: Text | None = Field(None, min_length=1, max_length=60)
    location: CameraLocation | None = None
    source_url: str | None = Field(None, min_length=6, max_length=500)
    public: bool | None = None
    blur_faces: bool | None = None
    zones: list[Zone] | None = Field(None, max_length=MAX_ZONES)
    staffed_hours: Text | None = Field(None, max_length=40)  # "" clears them
    # Per-class alert rules for this camera (officers only): {"rat": {"persist": 1}, "phone": null}.
    rules: Overrides | None = None

    @field_validator("source_url")
    @classmethod
    def _known_scheme(cls, value: str | None) -> str | None:
        return None if value is None else CameraFields._known_scheme(value)

    @field_validator("staffed_hours")
    @classmethod
    def _hours(cls, value: str | None) -> str | None:
        return None if value is None else hours.parse(value)

    @field_validator("rules")
    @classmethod
    def _known_kinds(cls, value: Overrides | None) -> Overrides | None:
        return None if value is None else check_kinds(value)


class CameraPublic(BaseModel):
    """What anyone may see: never the source address (it may carry a password)."""

    id: str
    business_code: str
    business_name: str = ""
    district: str = ""
    name: str
    location: CameraLocation
    status: CameraStatus
    last_frame_at: Instant | None = None
    staffed_hours: str = ""  # the business's own hours, on the municipality's clock ('' none)

    @classmethod
    def from_stored(cls, camera: dict[str, Any]) -> Self:
        return cls(**{k: v for k, v in camera.items() if k in cls.model_fields}, id=camera["_id"])


class CameraDetail(CameraPublic):
    """What the business and its officers see."""

    source_url: str
    public: bool
    blur_faces: bool
    zones: list[Zone] = Field(default_factory=list)
    rules: Overrides = Field(default_factory=dict)


class CamerasPublic(BaseModel):
    data: list[CameraPublic]
    meta: PageMeta
