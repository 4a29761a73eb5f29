"""One Settings object for the whole project, read from the environment with safe embedded defaults."""

from datetime import date
from functools import lru_cache
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEVELOPMENT_SECRET = "development-only-secret-change-me"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", extra="ignore")

    environment: str = Field("development", validation_alias="MINGLIANG_ENV")
    host: str = Field("127.0.0.1", validation_alias="HOST")
    port: int = Field(8050, validation_alias="PORT")
    public_base_url: str = Field("", validation_alias="PUBLIC_BASE_URL")
    secret_key: str = Field(DEVELOPMENT_SECRET, validation_alias="SECRET_KEY")

    mongodb_uri: str = Field("", validation_alias="MONGODB_URI")
    db_name: str = Field("mingliang", validation_alias="MINGLIANG_DB_NAME")
    data_dir: Path = Field(Path("var"), validation_alias="MINGLIANG_DATA_DIR")

    default_language: str = Field("zh_Hans", validation_alias="MINGLIANG_LANGUAGE")
    # Days before expiry at which a licence or certificate shows "expiring" (configurable).
    expiring_within_days: int = Field(90, validation_alias="EXPIRING_WITHIN_DAYS")
    # Penalty publication periods (市场监督管理行政处罚信息公示规定): three years, three months
    # for a warning or a small fine.
    penalty_public_days: int = Field(3 * 365, validation_alias="PENALTY_PUBLIC_DAYS")
    penalty_public_days_minor: int = Field(90, validation_alias="PENALTY_PUBLIC_DAYS_MINOR")
    minor_fine_yuan: int = Field(10_000, validation_alias="MINOR_FINE_YUAN")
    token_max_age_s: int = Field(12 * 3600, validation_alias="TOKEN_MAX_AGE_S")
    demo_businesses: int = Field(60, validation_alias="DEMO_BUSINESSES")
    # Extra days off beyond the national calendar (local holidays), e.g. EXTRA_HOLIDAYS='["2026-12-24"]'.
    extra_holidays: list[date] = Field(default_factory=list, validation_alias="EXTRA_HOLIDAYS")
    # How long a worker's claim on shared work lasts without renewal before others may take it over.
    lease_ttl_s: float = Field(60.0, validation_alias="LEASE_TTL_S")
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
    snapshot_retention_days: int = Field(180, ge=1, validation_alias="SNAPSHOT_RETENTION_DAYS")
    alert_rectify_working_days: int = Field(3, ge=1, validation_alias="ALERT_RECTIFY_WORKING_DAYS")

    @model_validator(mode="after")
    def _refuse_placeholder_secret(self) -> "Settings":
        if self.environment != "development" and self.secret_key == DEVELOPMENT_SECRET:
            raise ValueError("SECRET_KEY must be set to a real secret outside development")
        return self

    @property
    def base_url(self) -> str:
        """Where stickers point: PUBLIC_BASE_URL, or this server's own address."""
        return (self.public_base_url or f"http://{self.host}:{self.port}").rstrip("/")


@lru_cache
def get_settings() -> Settings:
    return Settings()
