"""The complaint form and the tracking page: plain HTML forms that need no script."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from backend.complaints.schemas import (
    CATEGORY_LABELS,
    DEADLINE_LABELS,
    STEP_LABELS,
    ComplaintDeadline,
    ComplaintPublic,
)
from backend.i18n import _, ngettext
from backend.tasks.schemas import STATUS_LABELS, TaskStatus
from portal import csrf, once
from portal.components.badges import badge
from portal.components.forms import invalid, reason_beside
from portal.components.sections import facts, notice, page, section
from portal.components.tags import dcc, html
from portal.components.times import day, time_tag

COMPLAINT_FORM = "complaint-form"
TRACKING_CODE = "tracking-code"
TRACK_STATUS = "track-status"


def complaint_link(code: str) -> html.Section:
    """On the QR page: one line and a link, so the page stays light for every scan."""
    return section(_("Complain or report"), html.P([
        _("Expired food, poor hygiene, illegal additives…? Tell the regulator in under a minute; "
          "no account needed."), " ",
        html.A(_("Make a complaint"), href=f"/complain/{code}", className="complain-link")]),
        name="complain")


def complaint_form(code: str, name: str, *, values: dict[str, str] | None = None,
                   error: str = "", max_photos: int = 3, photos_dropped: int = 0,
                   errors: Mapping[str, str] | None = None) -> html.Article:
    """`values` refill the form after an error, so nothing typed is lost, and `errors` (field →
    why, form_errors.refused_fields) mark the fields refused; photos must be chosen again (browsers
    never let a page refill a file field), so when the refused form held some (`photos_dropped`),
    the form says so beside the field."""
    values, errors = values or {}, errors or {}
    dropped = [notice(ngettext(
        "The {count} photo you chose was not kept: please choose it again.",
        "The {count} photos you chose were not kept: please choose them again.",
        photos_dropped).format(count=photos_dropped), "warn")] if photos_dropped else []
    chosen = values.get("category", "")
    options = [html.Option(_(label), value=value.value, selected=value.value == chosen)
               for value, label in CATEGORY_LABELS.items()]
    message = [notice(error, "bad")] if error else []
    return page(_("Complain about {name}").format(name=name), *message, html.Form([
        html.Label(_("What is wrong?"), htmlFor="complaint-category"),
        html.Select([html.Option(_("Choose a category"), value=""), *options],
                    id="complaint-category", name="category", required=True,
                    **invalid("complaint-category", errors.get("category"))),
        *reason_beside("complaint-category", errors.get("category")),
        html.Label(_("What happened? (when, what you saw)"), htmlFor="complaint-text"),
        html.Textarea(values.get("text", ""), id="complaint-text", name="text", required=True,
                      minLength=5, maxLength=2000, rows=5, **invalid("complaint-text", errors.get("text"))),
        *reason_beside("complaint-text", errors.get("text")),
        *_photos(max_photos),
        *dropped,
        html.Label(_("Phone (optional, so the officer can tell you the result)"),
                   htmlFor="complaint-phone"),
        dcc.Input(id="complaint-phone", name="phone", type="tel", value=values.get("phone", ""),
                  maxLength=30, autoComplete="tel", **invalid("complaint-phone", errors.get("phone"))),
        *reason_beside("complaint-phone", errors.get("phone")),
        html.P(_("Your phone number is never shown in public; the business does not see it."),
               className="muted"),
        csrf.field(),
        once.field(),
        html.Button(_("Send complaint"), type="submit"),
    ], id=COMPLAINT_FORM, method="post", action=f"/complain/{code}",
        encType="multipart/form-data", className="form card"),
        lead=_("Credit code {code}").format(code=code))


def _photos(max_photos: int) -> list[Any]:
    """The photo field, unless complaints may carry none (COMPLAINT_MAX_PHOTOS 0)."""
    if max_photos <= 0:
        return []
    return [html.Label(_("Photos (optional, up to {count}, JPEG/PNG/WebP)").format(count=max_photos),
                       htmlFor="complaint-photos"),
            dcc.Input(id="complaint-photos", name="photos", type="file", multiple=True,
                      accept="image/jpeg,image/png,image/webp")]


def tracker(shown: ComplaintPublic, *, error: str = "", received: bool = False,
            reason: str = "") -> html.Article:
    """The complaint as its complainant follows it; `reason`: a refused reopening's, kept."""
    closed = shown.status == TaskStatus.CLOSED
    message = [notice(error, "bad")] if error else []
    if received:  # just sent: the code is all the complainant has, so say so first
        message += [notice(_("Thank you. The regulator has your complaint."), "ok"),
                    html.P([_("Your tracking code:"), " ",
                            html.Strong(shown.tracking_code, id=TRACKING_CODE)]),
                    html.P(_("Keep it: it is the only way to follow this complaint, and it says "
                             "nothing about you."), className="muted")]
    return page(_("Complaint {code}").format(code=shown.tracking_code), *message,
                html.P(badge(_(STATUS_LABELS[TaskStatus(shown.status)]), "ok" if closed else "info"),
                       id=TRACK_STATUS),
                facts([(_("Business"), html.A(shown.business_name, href=f"/b/{shown.business_code}")),
                       (_("Category"), _(CATEGORY_LABELS[shown.category])),
                       (_("Received"), day(shown.received_at)),
                       (_("Phone"), shown.phone), (_("Result"), shown.result),
                       (_("Your rating"), _feedback_label(shown.feedback))]),
                section(_("Deadlines"), html.Ul([_deadline(row) for row in shown.deadlines],
                                                className="rows"), name="deadlines"),
                section(_("Steps"), html.Ol([_step(step) for step in shown.steps], className="rows"),
                        name="steps"),
                *_forms(shown, reason),
                lead=_("Working days exclude weekends and public holidays, and include make-up "
                       "working days (调休)."))


def _feedback_label(value: str | None) -> str | None:
    return {"satisfied": _("Satisfied"), "unsatisfied": _("Not satisfied")}.get(value or "")


def _deadline(row: ComplaintDeadline) -> html.Li:
    if row.met_on:
        state = badge(_("Done on {date}").format(date=row.met_on.isoformat()), "ok")
    elif row.overdue:
        state = badge(_("Overdue"), "bad")
    else:
        days = max(row.working_days_left, 0)
        state = badge(ngettext("{days} working day left", "{days} working days left", days)
                      .format(days=days), "info")
    return html.Li(html.Div([html.Span(_(DEADLINE_LABELS[row.name])),
                             html.Time(row.due.isoformat(), dateTime=row.due.isoformat()), state],
                            className="row-head"))


def _step(step: Any) -> html.Li:
    text = [time_tag(step.at, with_time=False), " ",
            _(STEP_LABELS.get(step.step, step.step))]
    return html.Li([html.Div(text, className="row-head"),
                    *([html.P(step.note, className="muted")] if step.note else [])])


def _forms(shown: ComplaintPublic, reason: str = "") -> list[Any]:
    action = f"/track/{shown.tracking_code}"
    forms = []
    if shown.can_give_feedback:
        forms.append(section(_("Was the problem fixed?"), html.Form([
            csrf.field(),
            html.Button(_("Satisfied"), type="submit", name="satisfied", value="yes"),
            html.Button(_("Not satisfied"), type="submit", name="satisfied", value="no"),
        ], method="post", action=f"{action}/feedback", className="form"), name="feedback"))
    if shown.can_reopen:
        forms.append(section(_("Reopen this complaint"), html.Form([
            html.Label(_("Why is it not resolved? (you can reopen once)"), htmlFor="reopen-reason"),
            html.Textarea(reason, id="reopen-reason", name="reason", required=True, minLength=5,
                          maxLength=1000, rows=3),
            csrf.field(),
            html.Button(_("Reopen"), type="submit"),
        ], method="post", action=f"{action}/reopen", className="form"), name="reopen"))
    return forms


def lookup_form(typed: str = "", problem: str = "") -> html.Article:
    """The tracking-code box; after a code that found nothing, why (`problem`), and the box again
    holding what was typed, to correct it rather than type it all anew."""
    form = html.Form([
        html.Label(_("Tracking code"), htmlFor="lookup-code"),
        dcc.Input(id="lookup-code", name="code", required=True, maxLength=20,
                  autoComplete="off", value=typed[:20]),
        html.Button(_("Show"), type="submit"),
    ], method="get", action="/track", className="form card")
    if not problem:
        return page(_("Follow a complaint"), form)
    return page(_("Complaint not found"), notice(problem, "warn"), form,
                html.P(dcc.Link(_("Search for a business"), href="/")))
