"""QR-page sections on what consumers say: the consumer grade and why, staff stars, reviews, the form."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from backend.config import get_settings
from backend.i18n import _, ngettext
from backend.reviews.grading import BAND_LABELS, REASON_LABELS, trend_change
from backend.reviews.schemas import ConsumerGrade, Grades, ReplyRole, ReviewPublic, StaffStars
from portal import csrf, sticker
from portal.components.badges import badge
from portal.components.forms import invalid, reason_beside
from portal.components.sections import empty, notice, section
from portal.components.tags import dcc, html
from portal.components.times import day

BAND_TONES = {"A": "ok", "B": "ok", "C": "warn", "D": "bad"}
REVIEW_FORM = "review-form"
REVIEW_TEXT = "review-text"
REVIEW_STARS = "review-stars"
REVIEW_STAFF = "review-staff"
REVIEW_RESULT = "review-result"


def band_text(band: str) -> str:
    return f"{band} {_(BAND_LABELS[band])}"


def grade_section(grades: Grades, code: str, carry: str = "") -> html.Section:
    """`carry`: the sticker's signature for the link to the grade's page (portal.sticker)."""
    title = _("Consumer grade")
    grade = grades.consumer
    if grade is None:
        return section(title, empty(_("No scored review yet: this business has no consumer grade.")),
                       html.P(dcc.Link(_("How grades work"), href="/grades")), name="grade")
    return section(title, html.P([badge(band_text(grade.band), BAND_TONES[grade.band]), " ",
                                  html.Strong(_("score {score} of 100").format(score=grade.score))],
                                 className="grade-band"),
                   why_this_grade(grade), trend_bars(grade),
                   html.P([dcc.Link(_("Trend chart"), href=f"/grades/{code}{carry}"), " · ",
                           dcc.Link(_("How grades work"), href="/grades")]),
                   name="grade")


def why_this_grade(grade: ConsumerGrade) -> html.Ul:
    """The reasons in words: how many reviews, from when, the trend and what was discounted."""
    counted = ngettext("{n} review counted", "{n} reviews counted", grade.reviews_counted)
    lines = [counted.format(n=grade.reviews_counted),
             _("Computed on {date}; recent reviews weigh more.").format(
                 date=day(grade.as_of)),
             trend_sentence(grade)]
    for reason, n in grade.discounted.items():
        lines.append(ngettext("{n} review discounted as suspicious: {reason}",
                              "{n} reviews discounted as suspicious: {reason}", n)
                     .format(n=n, reason=_(REASON_LABELS[reason])))
    return html.Ul([html.Li(line) for line in lines], className="why")


def trend_bars(grade: ConsumerGrade) -> html.Div | None:
    """Twelve months as plain bars drawn by CSS: no script, a few hundred bytes; the sentence
    above says the same for screen readers, the Plotly chart is one tap away."""
    if len(grade.trend) < 2:
        return None
    return html.Div([html.Span(style={"height": f"{row['score']:.0f}%"},
                               title=f"{row['month']}: {row['score']}") for row in grade.trend],
                    className="spark", **{"aria-hidden": "true"})


def trend_sentence(grade: ConsumerGrade) -> str:
    """Which way the monthly scores went, with the two figures the direction compares."""
    change = trend_change(grade.trend)
    if change is None:
        return _("Not enough months with reviews to show a trend yet.")
    direction = {"up": _("improving"), "down": _("getting worse"),
                 "flat": _("steady")}[change.direction]
    return ngettext(
        "Over 12 months: {direction} ({recent} in the last {n} month with reviews, against {earlier} "
        "in the {n} month before it).",
        "Over 12 months: {direction} ({recent} on average in the last {n} months with reviews, "
        "against {earlier} in the {n} before them).",
        change.months).format(direction=direction, n=change.months, recent=change.recent,
                              earlier=change.earlier)


def stars_text(n: int) -> str:
    return "★" * n + "☆" * (5 - n)


def stars(n: int) -> html.Span:
    """The stars as a picture with its words: a screen reader says "4 of 5 stars", not "black
    star, black star…" (aria-label alone is ignored on a plain span)."""
    return html.Span(stars_text(n), className="stars", role="img",
                     **{"aria-label": _("{n} of 5 stars").format(n=n)})


def staff_stars_section(staff: list[StaffStars]) -> html.Section:
    title = _("Staff stars")
    if not staff:
        return section(title, empty(_("No staff member is on record.")), name="staff-stars")
    rows = [html.Li(html.Div([
        html.Span(member.masked_name), html.Span(member.position, className="muted"),
        stars(member.stars),
    ], className="row-head")) for member in staff]
    return section(title, html.Ul(rows, className="rows"),
                   html.P(_("From reviews naming them and inspection findings."), className="muted"),
                   name="staff-stars")


def reviews_section(reviews: list[ReviewPublic], *, code: str, staff: list[StaffStars],
                    cached: bool, result: object = None, typed: Mapping[str, str] | None = None,
                    errors: Mapping[str, str] | None = None, signed: str | None = None) -> html.Section:
    """Newest reviews with the replies under them, then the form to write one."""
    listed = (html.Ul([review_item(review) for review in reviews], className="rows reviews")
              if reviews else empty(_("No reviews yet. Be the first.")))
    return section(_("Reviews"), listed,
                   review_form(code=code, staff=staff, cached=cached, result=result, typed=typed,
                               errors=errors, signed=signed),
                   name="reviews")


def review_item(review: ReviewPublic, *before: Any, after: Any = ()) -> html.Li:
    """One review in a list: its date, stars and badges, the text, the replies under it; pages
    that act on reviews put the business `before` it and their forms `after` it."""
    head: list[object] = [html.Span(day(review.created_at), className="muted")]
    if review.stars:
        head.append(stars(review.stars))
    if review.prediction:
        satisfied = review.prediction.score >= 0.5
        head.append(badge(_("satisfied") if satisfied else _("not satisfied"),
                          "ok" if satisfied else "bad"))
    else:
        head.append(badge(_("being scored"), "info"))
    if review.suspicious:
        head.append(badge(_("discounted"), "warn"))
    replies = [html.Blockquote([html.Strong(_("Reply from the business") if reply.role ==
                                            ReplyRole.BUSINESS else _("Answer from the regulator")),
                                " (", reply.author, "): ", reply.text], className="reply")
               for reply in review.replies]
    referred = referral_line(review)
    return html.Li([*before, html.Div(head, className="row-head"), html.P(review.text),
                    *([referred] if referred else []), *replies, *after], id=f"review-{review.id}")


def referral_line(review: ReviewPublic) -> html.P | None:
    """Said under a review an officer referred as a complaint: when, and its deadlines under the
    complaint rules (how its writer, who left no contact, can follow it)."""
    referral = review.referral
    if referral is None:
        return html.P(_("Referred to the regulator."), className="muted referral") \
            if review.escalated else None  # a page built before referrals were dated
    said = [_("Referred to the regulator on {date}.").format(date=day(referral.at))]
    if referral.decide_by and referral.verify_by:
        said.append(_("Under the complaint rules it is to be decided by {decide} and verified by "
                      "{verify}.").format(decide=day(referral.decide_by), verify=day(referral.verify_by)))
    return html.P(" ".join(said), className="muted referral")


def review_form(*, code: str, staff: list[StaffStars], cached: bool, result: object = None,
                typed: Mapping[str, str] | None = None, errors: Mapping[str, str] | None = None,
                signed: str | None = None) -> html.Form:
    """A plain form: it posts without any script, and the server answers with the page again,
    with what was `typed` (text, stars, staff_id) when the review was refused and the fields it
    refused (`errors`, field → why) marked."""
    typed, errors = typed or {}, errors or {}
    text = typed.get("text", "")
    star_options = [html.Option(_("No stars"), value="")] + [
        html.Option(f"{stars_text(n)} {_('{n} of 5 stars').format(n=n)}", value=str(n),
                    selected=typed.get("stars") == str(n))
        for n in range(5, 0, -1)]
    staff_options = [html.Option(_("Nobody in particular"), value="")] + [
        html.Option(f"{member.masked_name} {member.position}".strip(), value=member.staff_id,
                    selected=typed.get("staff_id") == member.staff_id)
        for member in staff]
    fields: list[object] = [
        html.H3(_("Write a review")),
        html.Div(result, id=REVIEW_RESULT) if result else None,
        html.Label(_("Your review"), htmlFor=REVIEW_TEXT),
        html.Textarea(text, id=REVIEW_TEXT, name="text", required=True, rows=3,
                      maxLength=get_settings().review_max_chars, **invalid(REVIEW_TEXT, errors.get("text"))),
        *reason_beside(REVIEW_TEXT, errors.get("text")),
        html.Label(_("Stars (optional)"), htmlFor=REVIEW_STARS),
        html.Select(star_options, id=REVIEW_STARS, name="stars",
                    **invalid(REVIEW_STARS, errors.get("stars"))),
        *reason_beside(REVIEW_STARS, errors.get("stars")),
    ]
    if staff:
        fields += [html.Label(_("Staff member (optional)"), htmlFor=REVIEW_STAFF),
                   html.Select(staff_options, id=REVIEW_STAFF, name="staff_id",
                               **invalid(REVIEW_STAFF, errors.get("staff_id"))),
                   *reason_beside(REVIEW_STAFF, errors.get("staff_id"))]
    if signed:  # the answer page keeps the sticker's verdict
        fields.append(dcc.Input(type="hidden", name="s", value=signed))
    fields += [csrf.field(cached=cached), html.Button(_("Send review"), type="submit")]
    return html.Form([f for f in fields if f is not None], id=REVIEW_FORM, method="post",
                     action=f"/b/{code}/reviews{sticker.carried(code, signed)}", className="form")


def result_notice(message: str, ok: bool) -> html.P:
    return notice(message, "ok" if ok else "bad")
