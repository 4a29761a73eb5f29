"""One Settings object for the whole project, read from the environment with safe embedded defaults."""

import importlib
import re
import sys
from collections.abc import Callable, Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, ValidationInfo, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict, SettingsError

from backend.errors import Invalid
from backend.i18n import N_

DEVELOPMENT_SECRET = "development-only-secret-change-me"


# A plug-in setting (NOTICE_SENDER, DETECTOR): the factory a module offers, `package.module:factory`.
PLUG_IN = re.compile(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)*:[A-Za-z_]\w*")


class PlugInMissing(RuntimeError):
    """A plug-in setting names code that is not there."""


def plug_in(setting: str, name: str) -> Callable[[], Any]:
    """The factory a `package.module:factory` setting names, imported."""
    module, _, factory = name.partition(":")
    try:
        found = getattr(importlib.import_module(module), factory, None)
    except ImportError as exc:
        raise PlugInMissing(f"{setting}={name}: cannot import {module} ({exc})") from exc
    if not callable(found):
        raise PlugInMissing(f"{setting}={name}: {module} has no factory {factory}")
    return found  # type: ignore[no-any-return]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", extra="ignore")

    environment: str = Field("development", validation_alias="MINGLIANG_ENV")
    host: str = Field("127.0.0.1", validation_alias="HOST")
    port: int = Field(8050, ge=1, le=65535, validation_alias="PORT")
    web_concurrency: int = Field(1, ge=1, le=64, validation_alias="WEB_CONCURRENCY")
    public_base_url: str = Field("", validation_alias="PUBLIC_BASE_URL")
    secret_key: str = Field(DEVELOPMENT_SECRET, validation_alias="SECRET_KEY")

    mongodb_uri: str = Field("", validation_alias="MONGODB_URI")
    db_name: str = Field("mingliang", validation_alias="MINGLIANG_DB_NAME")
    data_dir: Path = Field(Path("var"), validation_alias="MINGLIANG_DATA_DIR")
    db_timeout_ms: int = Field(3000, ge=1, validation_alias="MINGLIANG_DB_TIMEOUT_MS")

    # The site's language for readers who name none (browser, cookie or ?lang=) and for texts
    # stored once for everyone: zh_Hans, zh_Hant or en.
    default_language: str = Field("zh_Hans", validation_alias="MINGLIANG_LANGUAGE")
    # The municipality's time zone (an IANA name): pages show times on its clock, stored ones stay UTC.
    timezone: str = Field("Asia/Shanghai", validation_alias="MINGLIANG_TIMEZONE")
    # Days before expiry at which a licence or certificate shows "expiring" (configurable).
    expiring_within_days: int = Field(90, ge=0, le=365, validation_alias="EXPIRING_WITHIN_DAYS")
    # A health certificate (健康证) is valid for a year; one valid longer than this from its issue
    # day is a typo (2099) and refused.
    health_certificate_max_days: int = Field(2 * 365 + 1, ge=366, le=3660,
                                             validation_alias="HEALTH_CERTIFICATE_MAX_DAYS")
    # A food business or production licence (食品经营许可证, 食品生产许可证) is valid five years, never
    # long-term; one valid longer than this from its issue day is refused (five years with two leap days).
    food_licence_max_days: int = Field(5 * 365 + 2, ge=366, le=3660, validation_alias="FOOD_LICENCE_MAX_DAYS")
    # Penalty publication periods (市场监督管理行政处罚信息公示规定): three years, three months
    # for a warning or a small fine.
    penalty_public_days: int = Field(3 * 365, ge=1, le=3660, validation_alias="PENALTY_PUBLIC_DAYS")
    penalty_public_days_minor: int = Field(90, ge=1, le=3660, validation_alias="PENALTY_PUBLIC_DAYS_MINOR")
    minor_fine_yuan: int = Field(10_000, ge=0, le=10_000_000, validation_alias="MINOR_FINE_YUAN")
    token_max_age_s: int = Field(12 * 3600, ge=1, validation_alias="TOKEN_MAX_AGE_S")
    demo_businesses: int = Field(60, ge=0, validation_alias="DEMO_BUSINESSES")
    # Extra days off beyond the national calendar (local holidays), e.g. EXTRA_HOLIDAYS='["2026-12-24"]'.
    extra_holidays: list[date] = Field(default_factory=list, validation_alias="EXTRA_HOLIDAYS")
    # Reads of the open-data API per client address and process (backend.read_limit): a minute's
    # refill, the burst a client may send at once, and what one bulk export counts for. 0: no limit.
    read_rate_limit: int = Field(600, ge=0, validation_alias="READ_RATE_LIMIT")
    read_burst: int = Field(120, ge=1, validation_alias="READ_BURST")
    export_cost: int = Field(20, ge=1, validation_alias="EXPORT_COST")
    # Sign-in throttling: failed attempts per account and per client address in a window.
    login_failures_per_account: int = Field(5, ge=1, validation_alias="LOGIN_FAILURES_PER_ACCOUNT")
    login_failures_per_client: int = Field(20, ge=1, validation_alias="LOGIN_FAILURES_PER_CLIENT")
    login_window_s: int = Field(15 * 60, ge=1, validation_alias="LOGIN_WINDOW_S")
    # How long a worker's claim on shared work lasts without renewal before others may take it over.
    lease_ttl_s: float = Field(60.0, gt=0, validation_alias="LEASE_TTL_S")
    # Complaint deadlines in working days (投诉举报处理暂行办法): decide to accept, verify the leads,
    # tell a real-name complainant, close a mediation. Stored with each complaint when it arrives.
    complaint_accept_days: int = Field(7, ge=1, le=60, validation_alias="COMPLAINT_ACCEPT_DAYS")
    complaint_verify_days: int = Field(15, ge=1, le=120, validation_alias="COMPLAINT_VERIFY_DAYS")
    complaint_notify_days: int = Field(5, ge=1, le=60, validation_alias="COMPLAINT_NOTIFY_DAYS")
    complaint_mediation_days: int = Field(45, ge=1, le=250, validation_alias="COMPLAINT_MEDIATION_DAYS")
    # Anonymous complaints per address per hour; photos per complaint and bytes per upload.
    complaint_rate_limit: int = Field(5, ge=1, le=1000, validation_alias="COMPLAINT_RATE_LIMIT")
    complaint_max_photos: int = Field(3, ge=0, le=10, validation_alias="COMPLAINT_MAX_PHOTOS")
    upload_max_bytes: int = Field(5 * 1024 * 1024, ge=1, validation_alias="UPLOAD_MAX_BYTES")
    # Special equipment (特种设备): elevators are maintained at least every 15 days (半月保);
    # a warning shows once the last maintenance is older than this, or the inspection date passed.
    equipment_maintenance_days: int = Field(15, ge=1, le=366, validation_alias="EQUIPMENT_MAINTENANCE_DAYS")
    equipment_fault_working_days: int = Field(2, ge=1, le=60, validation_alias="EQUIPMENT_FAULT_WORKING_DAYS")
    # Fault reports per caller address per hour, from the public equipment page and API.
    equipment_fault_limit_per_hour: int = Field(5, ge=1, le=1000,
                                               validation_alias="EQUIPMENT_FAULT_LIMIT_PER_HOUR")
    # Expiry warnings: days before expiry at which a notice goes out, e.g. EXPIRY_WINDOWS='[90,30,7]'.
    expiry_windows: list[int] = Field(default_factory=lambda: [90, 30, 7],
                                      validation_alias="EXPIRY_WINDOWS")
    expiry_task_working_days: int = Field(10, ge=1, le=120, validation_alias="EXPIRY_TASK_WORKING_DAYS")
    expiry_scan_every_s: float = Field(3600.0, gt=0, validation_alias="EXPIRY_SCAN_EVERY_S")
    # Who delivers notices: "log" (default), or "package.module:factory" returning a
    # backend.expiry.senders.Sender (e.g. a subclass of SmsSender or EmailSender).
    notice_sender: str = Field("log", validation_alias="NOTICE_SENDER")
    # After a rectification deadline the officers check the rectification within this many working
    # days: a task waiting for a business is due no earlier (复查).
    recheck_working_days: int = Field(5, ge=1, le=60, validation_alias="RECHECK_WORKING_DAYS")
    # A bad evaluation of an officer (不满意 / 非常不满意) must be rectified within this many working days.
    evaluation_follow_up_working_days: int = Field(
        15, ge=1, le=120, validation_alias="EVALUATION_FOLLOW_UP_WORKING_DAYS")
    # The inspector consistency figure compares inspections of the last this many days.
    consistency_window_days: int = Field(3 * 365, ge=1, validation_alias="CONSISTENCY_WINDOW_DAYS")

    # Enforcement openness (issue 7); every default is stated on /how-it-works.
    # Inspection results go public within this many working days and stay until the next one.
    inspection_publish_working_days: int = Field(20, ge=0, le=120,
                                                validation_alias="INSPECTION_PUBLISH_WORKING_DAYS")
    # 异议申诉: the regulator answers an objection within this many working days.
    objection_answer_working_days: int = Field(10, ge=1, le=120,
                                              validation_alias="OBJECTION_ANSWER_WORKING_DAYS")
    # 信用修复: a black-listed business may apply this many days after listing, penalty fulfilled;
    # the officer decides within the working days below.
    repair_wait_days: int = Field(365, ge=0, le=3660, validation_alias="REPAIR_WAIT_DAYS")
    repair_decision_working_days: int = Field(15, ge=1, le=120,
                                             validation_alias="REPAIR_DECISION_WORKING_DAYS")
    evidence_max_bytes: int = Field(5 * 1024 * 1024, ge=1, validation_alias="EVIDENCE_MAX_BYTES")
    # Red/black list editions are computed on the first day of each month (cut-off: that day).
    list_edition_day: int = Field(1, ge=1, le=28, validation_alias="LIST_EDITION_DAY")
    # Risk level (风险等级) inspections per year, low and high, A to D: A 1–2, B 2–3, C 4, D 12.
    risk_inspections_per_year: dict[str, list[int]] = Field(
        default_factory=lambda: {"A": [1, 2], "B": [2, 3], "C": [4, 4], "D": [12, 12]},
        validation_alias="RISK_INSPECTIONS_PER_YEAR")
    # Quantified grade (量化分级) looks back this many days of inspections.
    grade_window_days: int = Field(2 * 365, ge=30, le=3660, validation_alias="GRADE_WINDOW_DAYS")
    # Quantified grade: score (0–100) at or above which the face is 优秀, then 良好; below is 一般.
    grade_bands: list[float] = Field(default_factory=lambda: [90.0, 70.0],
                                     validation_alias="GRADE_BANDS")
    # Risk score (风险分值) upper bounds of A, B and C; above the last is D.
    risk_bands: list[float] = Field(default_factory=lambda: [30.0, 45.0, 60.0],
                                    validation_alias="RISK_BANDS")

    # LIVES export (feed_info.csv and businesses.csv): who publishes the feed, where.
    municipality_name: str = Field("明亮示范市", validation_alias="MUNICIPALITY_NAME")
    province: str = Field("", validation_alias="PROVINCE")
    contact_email: str = Field("", validation_alias="CONTACT_EMAIL")
    # Consumer reviews (大众点评): anti-abuse limits and the grade rule (see /grades).
    review_max_chars: int = Field(500, ge=20, le=5000, validation_alias="REVIEW_MAX_CHARS")
    review_rate_limit: int = Field(5, ge=1, le=1000, validation_alias="REVIEW_RATE_LIMIT")  # per client…
    # …and per network address, every browser behind it together (a shop's Wi-Fi, a carrier's NAT)…
    review_address_limit: int = Field(60, ge=1, le=100_000, validation_alias="REVIEW_ADDRESS_LIMIT")
    review_rate_window_s: int = Field(3600, ge=1, le=7 * 86400,
                                     validation_alias="REVIEW_RATE_WINDOW_S")  # …per window
    review_grade: dict[str, float] = Field(default_factory=dict, validation_alias="REVIEW_GRADE")
    review_batch: int = Field(256, ge=1, validation_alias="REVIEW_BATCH")
    # Kitchen cameras (明厨亮灶): frames sampled per second per camera for detection, and the rate
    # of the public live view (kind to phones).
    camera_sample_fps: float = Field(1.0, gt=0, le=10, validation_alias="CAMERA_SAMPLE_FPS")
    stream_fps: float = Field(2.0, gt=0, le=10, validation_alias="STREAM_FPS")
    # A dead worker's cameras are taken over by another worker after this long.
    camera_lease_ttl_s: float = Field(15.0, gt=0, validation_alias="CAMERA_LEASE_TTL_S")
    camera_offline_after_s: float = Field(60.0, gt=0, validation_alias="CAMERA_OFFLINE_AFTER_S")
    cameras_per_worker: int = Field(32, ge=1, validation_alias="CAMERAS_PER_WORKER")
    # "kitchen" (the shipped model), "onnx", or "package.module:factory" for another detector.
    detector: str = Field("kitchen", validation_alias="DETECTOR")
    # Per-class overrides of the alert rules, e.g. ALERT_RULES='{"rat": {"persist": 1}, "phone": null}'.
    alert_rules: dict[str, dict[str, float] | None] = Field(default_factory=dict,
                                                            validation_alias="ALERT_RULES")
    # Alerts that count without waiting for an officer: per kind, the confidence from which a
    # detection is confirmed at once, e.g. ALERT_AUTO_CONFIRM='{"rat": 0.9}'. Empty (the default):
    # every alert waits for an officer. Published on /kitchen/ai.
    alert_auto_confirm: dict[str, float] = Field(default_factory=dict, validation_alias="ALERT_AUTO_CONFIRM")
    snapshot_retention_days: int = Field(180, ge=1, le=3660, validation_alias="SNAPSHOT_RETENTION_DAYS")
    alert_rectify_working_days: int = Field(3, ge=1, le=60, validation_alias="ALERT_RECTIFY_WORKING_DAYS")
    # The kitchen wall's live tiles: a smaller, slower variant of each stream, and how many tiles
    # a page opens at once (each is an open connection and a steady trickle of a phone's data).
    tile_fps: float = Field(0.5, gt=0, le=10, validation_alias="TILE_FPS")
    wall_page_size: int = Field(12, ge=1, le=24, validation_alias="WALL_PAGE_SIZE")

    @field_validator("default_language")
    @classmethod
    def _known_language(cls, name: str) -> str:
        from backend.i18n import LANGUAGES, normalize  # no import cycle at load time

        language = normalize(name)
        if language is None:
            raise ValueError(f"unknown language {name!r} (one of {', '.join(LANGUAGES)})")
        return language

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, name: str) -> str:
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {name!r} (an IANA name such as Asia/Shanghai)") from None
        return name

    @field_validator("notice_sender")
    @classmethod
    def _sender_named(cls, name: str) -> str:
        if name != "log" and not PLUG_IN.fullmatch(name):
            raise ValueError(f"'log' or 'package.module:factory', not {name!r}")
        return name

    @field_validator("detector")
    @classmethod
    def _detector_named(cls, name: str) -> str:
        if name not in ("kitchen", "kitchen-synthetic") and not PLUG_IN.fullmatch(name):
            raise ValueError(f"'kitchen', 'kitchen-synthetic' or 'package.module:factory', not {name!r}")
        return name

    # The validators of the rules an administrator may change (backend.rule_settings) raise Invalid
    # with a msgid, so that a refusal reads in the administrator's language; at start, in English.
    @field_validator("grade_bands")
    @classmethod
    def _two_grade_bands(cls, bands: list[float]) -> list[float]:
        if len(bands) != 2 or not 100 >= bands[0] >= bands[1] >= 0:
            raise Invalid("Two scores from 100 down to 0, excellent then good, e.g. {example}.",
                          example="[90, 70]")
        return bands

    @field_validator("risk_bands")
    @classmethod
    def _three_risk_bands(cls, bands: list[float]) -> list[float]:
        if len(bands) != 3 or not 0 <= bands[0] <= bands[1] <= bands[2]:
            raise Invalid("Three rising upper bounds of risk levels {levels}, e.g. {example}.",
                          levels="A, B, C", example="[30, 45, 60]")
        return bands

    @field_validator("risk_inspections_per_year")
    @classmethod
    def _inspections_for_every_level(cls, table: dict[str, list[int]]) -> dict[str, list[int]]:
        if set(table) != {"A", "B", "C", "D"} or any(
                len(row) != 2 or not 0 <= row[0] <= row[1] for row in table.values()):
            raise Invalid("The fewest and the most inspections a year for each of the risk levels "
                          "{levels}, fewest first, e.g. {example}.", levels="A, B, C, D",
                          example='{"A": [1, 2], "B": [2, 3], "C": [4, 4], "D": [12, 12]}')
        return table

    @field_validator("expiry_windows")
    @classmethod
    def _days_before_expiry(cls, windows: list[int]) -> list[int]:
        if not windows or any(not 1 <= days <= 365 for days in windows) or len(set(windows)) < len(windows):
            raise Invalid("Days before expiry, each from {low} to {high} and each once, e.g. {example}.",
                          low=1, high=365, example="[90, 30, 7]")
        return windows

    @field_validator("extra_holidays")
    @classmethod
    def _each_holiday_once(cls, days: list[date]) -> list[date]:
        twice = sorted({day for day in days if days.count(day) > 1})
        if twice:
            raise Invalid("Each day once: {days} is given more than once.",
                          days=", ".join(str(day) for day in twice))
        return days

    @field_validator("penalty_public_days_minor")
    @classmethod
    def _minor_penalties_not_longer(cls, days: int, info: ValidationInfo) -> int:
        # checked after penalty_public_days (declared before it); absent when that one was refused
        longest = info.data.get("penalty_public_days")
        if longest is not None and days > longest:
            raise Invalid("A warning or a small fine cannot stay public longer than any other penalty "
                          "({days} days).", days=longest)
        return days

    @field_validator("review_grade")
    @classmethod
    def _grade_rule(cls, overrides: dict[str, float]) -> dict[str, float]:
        from backend.reviews.grading import checked  # no import cycle at load time

        return checked(overrides)

    @field_validator("alert_rules")
    @classmethod
    def _sound_alert_rules(cls, overrides: dict[str, dict[str, float] | None]
                           ) -> dict[str, dict[str, float] | None]:
        if not overrides:
            return overrides
        from pydantic import ValidationError  # no import cycle at load time

        from backend.alerts.rules import RuleOverride, detection

        _known_alert_kinds(overrides)
        for kind, values in overrides.items():
            fields = sorted(set(values or {}) - set(RuleOverride.model_fields))
            if fields:
                raise Invalid("{kind}: unknown rule fields {fields} (one of {known}).", kind=kind,
                              fields=", ".join(fields), known=", ".join(RuleOverride.model_fields))
            try:
                RuleOverride(**(values or {}))
            except ValidationError as exc:
                raise EntryRefused(kind, [dict(error) for error in exc.errors()]) from None
            try:
                detection.rules_from({kind: values})
            except ValueError:  # the class's own window, not overridden, is shorter than `persist`
                raise EntryRefused(kind, [{"type": "value_error", "loc": (), "msg": "", "ctx": {
                    "error": Invalid("A rule cannot need more frames than it looks at.")}}]) from None
        return overrides

    @field_validator("alert_auto_confirm")
    @classmethod
    def _known_kinds_and_confidences(cls, thresholds: dict[str, float]) -> dict[str, float]:
        _known_alert_kinds(thresholds)
        if any(not 0.5 <= value <= 1 for value in thresholds.values()):
            raise Invalid("Confidences from {low} to {high}, e.g. {example}.", low=0.5, high=1,
                          example='{"rat": 0.9}')
        return thresholds

    @model_validator(mode="after")
    def _refuse_placeholder_secret(self) -> "Settings":
        if self.environment != "development" and self.secret_key == DEVELOPMENT_SECRET:
            raise ValueError("SECRET_KEY must be set to a real secret outside development")
        return self

    @property
    def base_url(self) -> str:
        """Where stickers point: PUBLIC_BASE_URL, or this server's own address."""
        return (self.public_base_url or f"http://{self.host}:{self.port}").rstrip("/")


def _known_alert_kinds(per_kind: Iterable[str]) -> None:
    """ValueError naming the keys of a per-kind setting that are no alert kind."""
    from backend.alerts.schemas import RULED_KINDS  # no import cycle at load time

    unknown = sorted(set(per_kind) - set(RULED_KINDS))
    if unknown:
        raise Invalid("Unknown alert kinds {unknown} (one of {kinds}).", unknown=", ".join(unknown),
                      kinds=", ".join(RULED_KINDS))


class EntryRefused(Invalid):
    """One entry of a per-kind table that its own model refused ("rat: persist: Must be at least
    1."): pydantic's reasons are put in words where the refusal is read, in the reader's language,
    as any other field's (backend.invalid_input); in English in the message itself (at start)."""

    def __init__(self, entry: str, errors: list[dict[str, Any]]) -> None:
        self.errors = errors
        from backend import i18n  # no import cycle at load time

        with i18n.language("en"):  # the start's check reads English, and needs no settings for it
            reason = self._reasons()
        super().__init__(N_("{field}: {reason}"), field=entry, reason=reason)

    def _reasons(self) -> str:
        from backend import invalid_input  # no import cycle at load time

        return "; ".join(invalid_input.line(error) for error in self.errors)

    def translated(self, gettext) -> str:  # type: ignore[no-untyped-def]
        return gettext(self.message).format(field=self.params["field"], reason=self._reasons())


@lru_cache
def get_settings() -> Settings:
    """The settings in force; a wrong one stops whatever command or server asked, with the
    variable and the reason (every command, at whatever point it first reads them)."""
    try:
        return Settings()
    except (ValidationError, SettingsError) as exc:
        print(refusal(exc), end="", file=sys.stderr)
        raise SystemExit(2) from None  # as a command line refuses its usage


def refusal(exc: ValidationError | SettingsError) -> str:
    """What is wrong with the settings, one line each, named as they are set."""
    if isinstance(exc, SettingsError):  # not even JSON: pydantic-settings names the field
        named = re.search(r'field "(\w+)"', str(exc))
        lines = [f"{named.group(1).upper() if named else '?'}: not valid JSON"]
    else:
        lines = [f"{' '.join(str(part) for part in error['loc'])}{': ' if error['loc'] else ''}"
                 f"{error['msg'].removeprefix('Value error, ')}" for error in exc.errors()]
    return "mingliang: cannot start with these settings:\n" + "".join(f"  {line}\n" for line in lines)
