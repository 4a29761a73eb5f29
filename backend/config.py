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
    web_concurrency: int = Field(1, ge=1, le=64, validation_alias="WEB_CONCURRENCY")
    public_base_url: str = Field("", validation_alias="PUBLIC_BASE_URL")
    secret_key: str = Field(DEVELOPMENT_SECRET, validation_alias="SECRET_KEY")

    mongodb_uri: str = Field("", validation_alias="MONGODB_URI")
    db_name: str = Field("mingliang", validation_alias="MINGLIANG_DB_NAME")
    data_dir: Path = Field(Path("var"), validation_alias="MINGLIANG_DATA_DIR")
    db_timeout_ms: int = Field(3000, validation_alias="MINGLIANG_DB_TIMEOUT_MS")

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
    # Sign-in throttling: failed attempts per account and per client address in a window.
    login_failures_per_account: int = Field(5, validation_alias="LOGIN_FAILURES_PER_ACCOUNT")
    login_failures_per_client: int = Field(20, validation_alias="LOGIN_FAILURES_PER_CLIENT")
    login_window_s: int = Field(15 * 60, validation_alias="LOGIN_WINDOW_S")
    # How long a worker's claim on shared work lasts without renewal before others may take it over.
    lease_ttl_s: float = Field(60.0, validation_alias="LEASE_TTL_S")
    # Complaint deadlines in working days (投诉举报处理暂行办法): decide to accept, verify the leads,
    # tell a real-name complainant, close a mediation. Stored with each complaint when it arrives.
    complaint_accept_days: int = Field(7, validation_alias="COMPLAINT_ACCEPT_DAYS")
    complaint_verify_days: int = Field(15, validation_alias="COMPLAINT_VERIFY_DAYS")
    complaint_notify_days: int = Field(5, validation_alias="COMPLAINT_NOTIFY_DAYS")
    complaint_mediation_days: int = Field(45, validation_alias="COMPLAINT_MEDIATION_DAYS")
    # Anonymous complaints per address per hour; photos per complaint and bytes per upload.
    complaint_rate_limit: int = Field(5, validation_alias="COMPLAINT_RATE_LIMIT")
    complaint_max_photos: int = Field(3, validation_alias="COMPLAINT_MAX_PHOTOS")
    upload_max_bytes: int = Field(5 * 1024 * 1024, validation_alias="UPLOAD_MAX_BYTES")

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
