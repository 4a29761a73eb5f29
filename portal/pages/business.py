"""The QR page (/b/<code>): a business's whole public record on one phone screen."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import dash

from backend import i18n
from backend.businesses.schemas import TRADE_LABELS
from backend.database import get_db
from backend.errors import DomainError, NotFound
from backend.i18n import _
from backend.profiles import service as profiles
from backend.profiles.schemas import PublicRecord
from backend.qr import signature
from backend.qr.signature import PageKind
from portal import page_response, sticker
from portal.components.complaint_views import complaint_link
from portal.components.enforcement import inspections_section, penalties_section
from portal.components.equipment import equipment_section
from portal.components.kitchen import ai_strip
from portal.components.licences import licences_section, staff_section
from portal.components.reviews import grade_section, reviews_section, staff_stars_section
from portal.components.sections import facts, page, problem_page
from portal.components.standing import standing_section
from portal.components.supply import purchases_section, rapid_tests_section
from portal.components.tags import html
from portal.render_cache import RenderCache
from portal.serialize import Markup, to_html


def _title(code: str | None = None, **_path: str) -> str:
    """The shop's name, as the layout read it just before (also once Dash takes the page over)."""
    return page_response.chosen_title(code, _("Public record"))


dash.register_page(__name__, path_template="/b/<code>", title=_title)

VERIFIED_MARK = "business-verified"
_rendered: RenderCache[str] = RenderCache(size=2048)  # ~15 KB each


def layout(code: str | None = None, s: str | list[str] | None = None, **_query: str) -> Any:
    """`s` is the sticker's signature (?s=); one document read, nothing else."""
    record = _read(code)
    if not isinstance(record, PublicRecord):
        return record
    return _record_page(record, sticker.first(s))


def prerender(code: str | None = None, s: str | list[str] | None = None, **_query: str) -> Any:
    """The server's first response: the same page as layout(), as HTML kept while the record,
    the day, the language and the signature's verdict are unchanged (the hot path: every scan)."""
    record = _read(code)
    if not isinstance(record, PublicRecord):
        return record
    signed = sticker.first(s)
    business_code = record.business.code
    graded = record.grades.consumer.as_of if record.grades.consumer else None  # moved by a daily check
    key = (business_code, record.updated_at, record.as_of, graded, i18n.current_language(),
           signature.verify(business_code, signed), bool(signed))
    # The review form keeps csrf.PLACEHOLDER: the page's response puts this browser's token there.
    return Markup(_rendered.get_or_render(
        key, lambda: to_html(_record_page(record, signed, cached=True))))


def _read(code: str | None) -> PublicRecord | html.Article:
    if not code:
        return problem_page(_("Business not found"), _("No credit code was given."), 404, of=code)
    if "/" in code:  # /b/<code>/more: the page's template takes the rest as part of the code
        return problem_page(_("Page not found"), _("There is no page at this address."), 404, of=code)
    try:
        record = profiles.public_record(get_db(), code=code)
    except NotFound as exc:
        return problem_page(_("Business not found"), exc.translated(_), 404, of=code)
    except DomainError as exc:
        return problem_page(_("This is not a valid credit code"), exc.translated(_), exc.status_code,
                            of=code)
    page_response.set_title(record.business.name, of=code)
    return record


def review_answer(code: str, signed: str | None, result: Any, typed: Mapping[str, str],
                  errors: Mapping[str, str] | None = None) -> Any:
    """The page again after a review was posted, with what became of it (not cached); a refused
    review's text, stars and staff member (`typed`) stay in the form, its refused fields
    (`errors`, field → why) marked."""
    record = _read(code)
    if not isinstance(record, PublicRecord):
        return record
    return _record_page(record, signed, review=(result, typed, errors or {}))


def _record_page(record: PublicRecord, signed: str | None, *, cached: bool = False,
                 review: tuple[Any, Mapping[str, str], Mapping[str, str]] = (None, {}, {})
                 ) -> html.Article:
    business = record.business
    pending = frozenset(record.standing.pending if record.standing else ())
    carry = sticker.carried(business.code, signed)  # the signature, on links that come back here
    return page(
        business.name,
        _verification(business.code, signed),
        facts([(_("Address"), business.address), (_("District"), business.district),
               (_("Credit code"), business.code), (_("Established"), _day(business.established_on))]),
        standing_section(record.standing, code=business.code, carry=carry),
        ai_strip(record.kitchen, carry=carry),
        grade_section(record.grades, business.code, carry=carry),
        licences_section(record.licences),
        equipment_section(record.equipment, business.code),
        staff_section(record.staff),
        inspections_section(record.inspections, pending),
        penalties_section(record.penalties, pending),
        rapid_tests_section(record.rapid_tests),
        purchases_section(record.purchases),
        staff_stars_section(record.grades.staff),
        reviews_section(record.reviews, code=business.code, staff=record.grades.staff,
                        cached=cached, result=review[0], typed=review[1], errors=review[2],
                        signed=signed),
        complaint_link(business.code),
        html.P(_("Record as of {date}.").format(date=record.as_of.isoformat()), className="muted"),
        lead=_(TRADE_LABELS[business.trade]),
    )


def _day(day: date | None) -> str | None:
    """None (no row) where the registration does not say."""
    return day.isoformat() if day else None


def _verification(code: str, signed: str | None) -> html.Div:
    return sticker.verification(code, signed, kind=PageKind.BUSINESS, mark_id=VERIFIED_MARK, forged=_(
        "Warning: this page's signature is wrong. The QR code you scanned may be forged; check "
        "that the name and address match the shop."))
