"""The expiry scan as a shared worker job: once per period across every worker."""

from backend.config import get_settings
from backend.expiry import service
from backend.worker import Job


def jobs() -> list[Job]:
    return [Job("expiry-scan", get_settings().expiry_scan_every_s, service.scan_and_deliver)]
