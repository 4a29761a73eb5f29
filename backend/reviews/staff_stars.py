"""Staff stars (1–5) from review mentions and inspection findings: pure, shown on /grades."""

import hashlib
from typing import Any

from backend.inspections.schemas import InspectionResult

MENTION_PRIOR = 0.7  # a member nobody has mentioned is assumed fairly well liked…
MENTION_PRIOR_WEIGHT = 3.0  # …worth three mentions
# The latest inspection's verdict touches everyone working there: kitchens are run together.
INSPECTION_STARS = {InspectionResult.COMPLIANT.value: 0.0,
                    InspectionResult.BASICALLY_COMPLIANT.value: -0.5,
                    InspectionResult.NON_COMPLIANT.value: -1.5}
EXPIRED_CERTIFICATE_STARS = -1.0


def staff_ref(code: str, member: dict[str, Any]) -> str:
    """A stable public handle for a staff member that reveals nothing (their certificate number is
    private): reviews name staff by it. Kept on the record when a renewal changes the number."""
    if member.get("public_ref"):
        return str(member["public_ref"])
    key = f"{code}|{member.get('health_certificate_number', '')}|{member.get('name', '')}"
    return hashlib.sha256(key.encode()).hexdigest()[:10]


def stars(*, mention_total: float, mentions: int, latest_result: str | None,
          certificate_expired: bool) -> int:
    """1 + 4 × shrunk mean satisfaction of the reviews naming them (`mentions` of them, their
    scores summing to `mention_total`), minus inspection findings."""
    mean = ((MENTION_PRIOR * MENTION_PRIOR_WEIGHT + mention_total)
            / (MENTION_PRIOR_WEIGHT + mentions))
    value = 1 + 4 * mean + INSPECTION_STARS.get(latest_result or "", 0.0)
    if certificate_expired:
        value += EXPIRED_CERTIFICATE_STARS
    return max(1, min(5, round(value)))
