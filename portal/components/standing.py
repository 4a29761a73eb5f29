"""QR-page section on standing: quantified-grade face, risk level, red/black list and objections."""

from __future__ import annotations

from typing import Any

from backend.grading.rules import FACE_LABELS, FACE_SYMBOLS, TREND_LABELS, Face, Trend
from backend.grading.schemas import BandPublic, ListingPublic, StandingPublic
from backend.i18n import _, listed, ngettext
from backend.repair.schemas import Eligibility
from portal.components.grade_parts import QUANTIFIED_ID
from portal.components.sections import facts, notice, section
from portal.components.tags import dcc, html

PENDING_MARK = "objection-pending"


def _pending(band: BandPublic) -> Any:
    return html.Span(_("Objection pending"), className="badge badge-warn " + PENDING_MARK) \
        if band.pending else None


def _trend(band: BandPublic) -> str:
    return _(TREND_LABELS[Trend(band.trend)]) if band.trend else "—"


def _grade(band: BandPublic | None) -> list[tuple[str, Any]]:
    if band is None:
        return [(_("Quantified grade"), _("Not graded yet: no inspection in the period."))]
    face = Face(band.band)
    return [(_("Quantified grade"), [html.Span(FACE_SYMBOLS[face], className="face",
                                                       **{"aria-hidden": "true"}),
                                     " ", html.Strong(_(FACE_LABELS[face])), " ", _pending(band)]),
            (_("Score behind it"), _("{score} of 100 on {date}, trend {trend}").format(
                score=f"{band.score:g}", date=band.on.isoformat(), trend=_trend(band)))]


def _risk(band: BandPublic | None) -> list[tuple[str, Any]]:
    if band is None:
        return []
    per_year = getattr(band, "per_year", [0, 0])
    often = (_("{n} inspections a year").format(n=per_year[0]) if per_year[0] == per_year[1]
             else _("{low}–{high} inspections a year").format(low=per_year[0], high=per_year[1]))
    return [(_("Risk level"), [html.Strong(band.band), " · ", often, " ", _pending(band)]),
            (_("Risk score"), _("{score} on {date}, trend {trend}").format(
                score=f"{band.score:g}", date=band.on.isoformat(), trend=_trend(band)))]


def repair_sentence(entry: ListingPublic, repair: Eligibility | None) -> str:
    """Where credit repair stands, chosen from the business's eligibility (`repair`, see
    repair.service.eligibility); without it (the QR page, which reads one precomputed document)
    only the countdown is known, so the penalties are named as a condition rather than saying "now"."""
    if repair is not None and repair.repaired:
        return _("Credit repair is approved: the business leaves the black list with the next "
                 "edition, expected on or after {date}.").format(date=str(repair.next_edition_on))
    if entry.repaired_on is not None:
        return _("Credit repair was approved on {date}: the business leaves the black list with the "
                 "next monthly edition.").format(date=entry.repaired_on.isoformat())
    days, start = ((repair.days_left, repair.eligible_from or entry.repair_from) if repair is not None
                   else (entry.repair_days_left, entry.repair_from))
    if days:
        return ngettext("Credit repair may be requested from {date} ({days} day left).",
                        "Credit repair may be requested from {date} ({days} days left).",
                        days).format(date=start.isoformat(), days=days)
    if repair is None:
        return _("Credit repair may be requested from {date}, once every penalty is recorded as "
                 "fulfilled.").format(date=start.isoformat())
    if repair.unfulfilled_penalties:
        return _("Credit repair may be requested once these penalties are recorded as fulfilled "
                 "by the district's officers: {numbers}.").format(
            numbers=listed(repair.unfulfilled_penalties))
    if repair.open_application:
        return _("A credit-repair application is waiting for a decision.")
    return _("Credit repair may be requested now (from {date}).").format(date=start.isoformat())


def _black(entry: ListingPublic, repair: Eligibility | None) -> Any:
    link = dcc.Link(_("Black list, edition {n}").format(n=entry.edition),
                    href=f"/lists/{entry.edition}")
    return html.Div(notice([link, " · ", _("Reason: {reason}").format(reason=entry.reason),
                            html.Br(), repair_sentence(entry, repair)], "bad"),
                    className="on-black-list")


def _red(entry: ListingPublic) -> Any:
    link = dcc.Link(_("Red list, edition {n}").format(n=entry.edition),
                    href=f"/lists/{entry.edition}")
    return html.Div(notice(link, "ok"), className="on-red-list")


def standing_section(standing: StandingPublic | None, repair: Eligibility | None = None, *,
                     code: str = "", carry: str = "") -> html.Section | None:
    """`repair`: where the business stands on credit repair (its own eligibility, on /me), which
    chooses the black-list banner's sentence. `code`: the business's, for a link to the page that
    shows the facts behind each score (`carry`: the sticker's signature, portal.sticker)."""
    if standing is None:
        return None
    children: list[Any] = []
    if standing.black:
        children.append(_black(standing.black, repair))
    if standing.red:
        children.append(_red(standing.red))
    children.append(facts(_grade(standing.grade) + _risk(standing.risk)))
    if standing.pending and standing.pending_until:
        children.append(html.P(_("An objection is pending; the answer is due by {date}.").format(
            date=standing.pending_until.isoformat()), className="muted " + PENDING_MARK))
    why = [dcc.Link(_("Why this grade and risk level"), href=f"/grades/{code}{carry}#{QUANTIFIED_ID}"),
           " · "] if code else []
    children.append(html.P([*why, dcc.Link(_("How grades and lists work"), href="/how-it-works")],
                           className="muted"))
    return section(_("Grade and risk"), *children, name="standing")
