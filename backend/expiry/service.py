"""The expiry scan: one notice per document and warning window, one officer task once expired.

Both are written under a unique key derived from the document and its expiry day, so running the
scan again (or in two workers at once) never writes a second notice or task; a renewed document
has a new expiry day, hence new keys."""

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from pymongo.database import Database

from backend import clock, i18n, paging, workdays
from backend.businesses import repository as businesses
from backend.config import get_settings
from backend.expiry import repository, senders
from backend.expiry.schemas import NoticePublic, NoticesPublic
from backend.i18n import N_, _, ngettext
from backend.licences import repository as licences
from backend.licences.schemas import LICENCE_LABELS
from backend.paging import PageMeta
from backend.phrases import Phrase
from backend.staff import repository as staff
from backend.tasks import service as tasks
from backend.tasks.schemas import TaskSource
from backend.users.schemas import Actor

log = logging.getLogger(__name__)
SCANNER = "expiry-scan"  # who the tasks' history says created them
RETRY_AFTER = timedelta(minutes=15)  # a gateway that failed is not hammered


def window_for(days_left: int, windows: list[int]) -> int | None:
    """The tightest warning window a document `days_left` from expiry is in (None: not yet, or
    already expired). A document first seen at 20 days gets the 30-day notice only."""
    inside = [window for window in windows if 0 <= days_left <= window]
    return min(inside) if inside else None


@dataclass(frozen=True)
class Expiring:
    """A licence or a health certificate, in the terms the scan needs."""

    key: str  # what makes it this document: kind, business, number and expiry day
    business_code: str
    label: Phrase  # e.g. 食品经营许可证 JY2440106…, said in each reader's language
    expires_on: date


@dataclass
class ScanReport:
    notices: int = 0
    tasks: int = 0
    delivered: int = 0
    failed: int = 0


def _licence(licence: dict[str, Any]) -> Expiring:
    expires_on = clock.from_stored(licence["expires_on"])
    assert expires_on is not None
    return Expiring(key=f"licence:{licence['business_code']}:{licence['number']}:{expires_on}",
                    business_code=licence["business_code"], expires_on=expires_on,
                    label=Phrase(N_("{licence} {number}"), licence=Phrase(LICENCE_LABELS[licence["kind"]]),
                                 number=licence["number"]))


def _certificate(member: dict[str, Any]) -> Expiring:
    expires_on = clock.from_stored(member["certificate_expires_on"])
    assert expires_on is not None
    number = member["health_certificate_number"]
    return Expiring(key=f"health:{member['business_code']}:{number}:{expires_on}",
                    business_code=member["business_code"], expires_on=expires_on,
                    label=Phrase(N_("Health certificate of {name} ({number})"),
                                 name=member["name"], number=number))


def _documents(db: Database, start: date | None, end: date) -> Iterator[Expiring]:
    """Current documents expiring in [start, end): not a licence replaced by a later issue of the
    same number, nor the certificate of a member who left or whose later one is recorded (the
    public page leaves out the same)."""
    low, high = clock.to_stored(start), clock.to_stored(end)
    assert high is not None
    for licence in licences.expiring_between(db, low, high):
        if not licences.renewed(db, licence):
            yield _licence(licence)
    for member in staff.expiring_between(db, low, high):
        if staff.is_current(db, member):
            yield _certificate(member)


def _notice(db: Database, document: Expiring, window: int, today: date) -> dict[str, Any]:
    business = businesses.get(db, document.business_code) or {}
    days = (document.expires_on - today).days
    return {
        "_id": f"{document.key}:{window}", "business_code": document.business_code,
        "district": business.get("district", ""),
        "phone": business.get("contact_phone", ""), "window_days": window,
        "expires_on": clock.to_stored(document.expires_on), "status": "pending", "attempts": 0,
        "subject": _("Expiry warning: {label}").format(label=document.label.said()),
        "text": ngettext("{business}: {label} expires on {date} ({days} day left). Please renew "
                         "it in time.", "{business}: {label} expires on {date} ({days} days left). "
                         "Please renew it in time.", days).format(
                             business=business.get("name", document.business_code),
                             label=document.label.said(), date=document.expires_on, days=days),
        "created_at": clock.now(), "lease_until": None}


def scan(db: Database, *, today: date | None = None) -> ScanReport:
    """Writes the notices and tasks due on `today`; safe to run any number of times."""
    today, settings, report = today or clock.today(), get_settings(), ScanReport()
    windows = sorted(set(settings.expiry_windows))
    with i18n.language(None):  # stored once, in the site's default language
        for document in _documents(db, today, today + timedelta(days=max(windows) + 1)):
            window = window_for((document.expires_on - today).days, windows)
            if window is not None and repository.add_notice(db, _notice(db, document, window, today)):
                report.notices += 1
        deadline = clock.end_of_day(workdays.add_working_days(today, settings.expiry_task_working_days))
        for document in _documents(db, None, today):
            report.tasks += _expired_task(db, document, deadline)
    return report


def _expired_task(db: Database, document: Expiring, deadline: datetime) -> bool:
    """Claims the document's key first: only the worker that wrote it creates the task (or, if
    that worker died before creating it, the one that takes over its stale claim)."""
    key, now = f"{document.key}:expired", clock.now()
    stale = now - timedelta(seconds=get_settings().lease_ttl_s)
    if not (repository.claim_task(db, key, now)
            or repository.reclaim_task(db, key, stale_before=stale, at=now)):
        return False
    task = tasks.create(db, source=TaskSource.LICENCE_EXPIRY, business_code=document.business_code,
                        title=Phrase(N_("Expired: {label}"), label=document.label),
                        detail=_("Expired on {date}. Check that the business has stopped the "
                                 "activity it covers or renewed it.").format(date=document.expires_on),
                        deadline=deadline, created_by=SCANNER, ref=key)
    repository.set_task(db, key, task.id)
    return True


def deliver(db: Database, *, sender: senders.Sender | None = None, ttl_s: float = 60.0,
            report: ScanReport | None = None) -> ScanReport:
    """Hands each pending notice to the sender, one claimed at a time (workers may share this)."""
    sender, report = sender or senders.configured(), report or ScanReport()
    while (notice := repository.claim_pending(db, ttl_s=ttl_s)) is not None:
        try:
            sender.deliver(notice)
        except Exception as exc:  # a gateway's failure must not lose the notice: try again later
            log.warning("notice %s not delivered: %s", notice["_id"], exc)
            repository.mark(db, notice["_id"], {"last_error": str(exc)[:500]},
                            retry_at=clock.now() + RETRY_AFTER)
            report.failed += 1
            continue
        repository.mark(db, notice["_id"], {"status": "sent", "sent_at": clock.now()})
        report.delivered += 1
    return report


def notices_for(db: Database, *, actor: Actor | None, page_number: int = 1,
                page_size: int = 20) -> NoticesPublic:
    """The same scope as the task inbox: a business its own, officers their unit's districts."""
    query = tasks.scope_query(actor)
    total = repository.total(db, query)
    rows = repository.page(db, query, skip=paging.skip(page_number, page_size), limit=page_size)
    return NoticesPublic(data=[NoticePublic.from_stored(row, renewed=_renewed(db, row)) for row in rows],
                         meta=PageMeta.of(total, page_number, page_size))


def _renewed(db: Database, notice: dict[str, Any]) -> bool:
    """Whether the document a notice warned about has been renewed since, read from the notice's
    key (`Expiring.key` and its window: kind, business, number, expiry day, window)."""
    kind, code, rest = notice["_id"].split(":", 2)
    number = rest.rsplit(":", 2)[0]
    if kind == "health":
        return staff.certificate_renewed(db, code, number)
    return kind == "licence" and licences.reissued(db, code, number, notice["expires_on"])


def withdrawn(db: Database, *, licence: dict[str, Any] | None = None,
              member: dict[str, Any] | None = None) -> int:
    """A licence or a member's certificate withdrawn as recorded by mistake: its warnings not yet
    sent are not sent (status `withdrawn`). How many."""
    if licence is not None and licence.get("expires_on") is not None:
        document = _licence(licence)
    elif member is not None:
        document = _certificate(member)
    else:
        return 0  # a long-term licence is warned about never
    return repository.withdraw_pending(db, document.business_code, f"{document.key}:")


def scan_and_deliver(db: Database) -> ScanReport:
    return deliver(db, report=scan(db))
