"""Whether a licence or certificate is valid, expiring soon or expired, as of a given day."""

from datetime import date
from enum import StrEnum


class ExpiryStatus(StrEnum):
    VALID = "valid"
    EXPIRING = "expiring"
    EXPIRED = "expired"


def expiry_status(expires_on: date | None, today: date, within_days: int) -> ExpiryStatus:
    """A document is valid through its expiry day; 'expiring' once that day is within_days away."""
    if expires_on is None:
        return ExpiryStatus.VALID  # long-term (长期) documents do not expire
    days_left = (expires_on - today).days
    if days_left < 0:
        return ExpiryStatus.EXPIRED
    if days_left <= within_days:
        return ExpiryStatus.EXPIRING
    return ExpiryStatus.VALID
