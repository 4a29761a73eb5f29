"""Text badges: a word and a colour band, so meaning never depends on colour alone."""

from __future__ import annotations

from backend.i18n import _, ngettext
from backend.inspections.schemas import RESULT_LABELS, InspectionResult
from backend.licences.expiry import ExpiryStatus
from backend.purchases.schemas import TEST_RESULT_LABELS, TestResult
from portal.components.tags import html

_RESULT_TONES = {InspectionResult.COMPLIANT: "ok", InspectionResult.BASICALLY_COMPLIANT: "warn",
                 InspectionResult.NON_COMPLIANT: "bad"}


def badge(text: str, tone: str) -> html.Span:
    return html.Span(text, className=f"badge badge-{tone}")


def expiry_badge(status: ExpiryStatus, days_left: int | None) -> html.Span:
    """Valid / Expiring in N days / Expired, as of the record's day."""
    if status == ExpiryStatus.EXPIRED:
        return badge(_("Expired"), "bad")
    if status == ExpiryStatus.EXPIRING and days_left is not None:
        if days_left == 0:
            return badge(_("Expires today"), "warn")
        text = ngettext("Expiring in {days} day", "Expiring in {days} days", days_left)
        return badge(text.format(days=days_left), "warn")
    if days_left is None:
        return badge(_("Valid (long-term)"), "ok")
    return badge(_("Valid"), "ok")


def status_badge(status: ExpiryStatus) -> html.Span:
    """Valid / Expiring soon / Expired, without a countdown."""
    if status == ExpiryStatus.EXPIRED:
        return badge(_("Expired"), "bad")
    if status == ExpiryStatus.EXPIRING:
        return badge(_("Expiring soon"), "warn")
    return badge(_("Valid"), "ok")


def result_badge(result: InspectionResult | str) -> html.Span:
    result = InspectionResult(result)
    return badge(_(RESULT_LABELS[result]), _RESULT_TONES[result])


def test_result_badge(result: TestResult | str) -> html.Span:
    result = TestResult(result)
    return badge(_(TEST_RESULT_LABELS[result]), "ok" if result == TestResult.PASS else "bad")
