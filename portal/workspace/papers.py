"""A business's papers (/me/papers): its staff and their health certificates (健康证) and its
licences, kept current from the workspace with plain forms."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from backend import clock
from backend.config import get_settings
from backend.database import get_db
from backend.errors import Invalid
from backend.i18n import N_, _
from backend.licences.expiry import expiry_status
from backend.licences.schemas import LICENCE_LABELS, LicenceCreate, LicenceKind, LicencePublic
from backend.profiles import service as profiles
from backend.staff import service as staff
from backend.staff.schemas import StaffCreate, StaffMember
from backend.users.schemas import Actor
from portal import once, page_response
from portal.components.badges import expiry_badge
from portal.components.forms import folded, labelled, limit, post_form, select, submit, text_input
from portal.components.sections import empty, notice, page, section
from portal.components.tags import dcc, html
from portal.workspace.views import Refusal

PAGE = "/me/papers"
ADD, LICENCE = f"{PAGE}/staff", f"{PAGE}/licences"
ADD_FORM, LICENCE_FORM = "papers-add", "papers-licence"

# What the page announces after a form went through (?done=…): fixed texts, never the query's.
DONE = {
    "added": N_("The staff member is recorded and shows on your public page."),
    "renewed": N_("The new certificate is recorded; the earlier one stays in the member's history."),
    "left": N_("The departure is recorded: the member no longer shows on your public page."),
    "licence": N_("The licence is recorded and shows on your public page."),
}
# The forms' words for the schemas' fields, so a refusal names the field the reader sees.
LABELS = {
    "health_certificate_number": N_("Certificate number"), "number": N_("Number"),
    "certificate_issued_on": N_("Issued on"), "issued_on": N_("Issued on"),
    "certificate_expires_on": N_("Expires on"), "expires_on": N_("Expires on"),
    "left_on": N_("Left on"), "position": N_("Position"), "kind": N_("Kind"),
    "issuer": N_("Issued by"), "name": N_("Full name"),
}


def renew_path(member_id: str) -> str:
    return f"{PAGE}/staff/{member_id}/certificate"


def departure_path(member_id: str) -> str:
    return f"{PAGE}/staff/{member_id}/departure"


def not_for_you() -> html.Article:
    page_response.set_status(403)
    return page(_("Staff and licences"),
                notice(_("This page is for a business's own account."), "bad"),
                html.P(dcc.Link(_("My account"), href="/me")))


def papers_page(actor: Actor, query: Mapping[str, str], refused: Refusal | None = None) -> html.Article:
    """The staff (employed first, then former members) and the licences, each with its forms;
    `refused`: a form that came back, drawn again open, as typed, with why."""
    refused = refused or Refusal()
    code = actor.business_code or ""
    db = get_db()
    members = staff.list_for(db, actor=actor, code=code).data
    licences = profiles.public_record(db, code=code).licences
    page_response.set_title(_("Staff and licences"))
    done = query.get("done", "")
    return page(_("Staff and licences"),
                notice(_(DONE[done]), "ok") if done in DONE else None,
                html.P(_("What you record here shows on your public page at once: staff with masked "
                         "names and the validity of their certificates only, never phones or "
                         "certificate numbers."), className="muted"),
                _staff_section(members, refused), _licences_section(licences, refused),
                html.P(dcc.Link(_("Back to my account"), href="/me")))


def _staff_section(members: list[StaffMember], refused: Refusal) -> html.Section:
    employed = [member for member in members if member.left_on is None]
    former = [member for member in members if member.left_on is not None]
    rows = [_member(member, refused) for member in employed]
    return section(
        _("Staff health certificates"),
        html.Ul(rows, className="rows") if rows else empty(_("No staff member is on record.")),
        html.H3(_("Former staff")) if former else None,
        html.Ul([html.Li(html.Div([html.Span(member.name), html.Span(member.position, className="muted"),
                                   html.Span(_("Left on {date}").format(date=member.left_on.isoformat()))
                                   if member.left_on else None], className="row-head"))
                 for member in former], className="rows") if former else None,
        _add_form(refused), name="papers-staff")


def _member(member: StaffMember, refused: Refusal) -> html.Li:
    today, within = clock.today(), get_settings().expiring_within_days
    expires = member.certificate_expires_on
    status = expiry_status(expires, today, within)
    return html.Li([
        html.Div([html.Strong(member.name), html.Span(member.position, className="muted"),
                  expiry_badge(status, (expires - today).days)], className="row-head"),
        html.Div([_("Certificate {number}").format(number=member.health_certificate_number), " · ",
                  _("Expires on {date}").format(date=expires.isoformat())], className="muted"),
        html.P(_("An earlier record of this person: a later certificate is recorded for them."),
               className="muted") if not member.current else None,
        _renew_form(member, refused) if member.current else None,
        _departure_form(member, refused),
    ], id=f"member-{member.id}")


def _dates(form: str, refused: Refusal, errors: Mapping[str, str], prefix: str,
           names: tuple[str, str], defaults: tuple[str, str] = ("", "")) -> list[Any]:
    issued, expires = names
    return [*text_input(issued, _("Issued on"), kind="date", required=True, errors=errors,
                        value=refused.typed_in(form, issued, defaults[0]), control_id=f"{prefix}-{issued}"),
            *text_input(expires, _("Expires on"), kind="date", required=True, errors=errors,
                        value=refused.typed_in(form, expires, defaults[1]), control_id=f"{prefix}-{expires}")]


def _refusal_notice(form: str, refused: Refusal) -> Any:
    error = refused.error_of(form)
    return notice(error, "bad") if error else None


def _renew_form(member: StaffMember, refused: Refusal) -> html.Details:
    form = f"renew-{member.id}"
    errors = refused.errors_of(form)
    return folded(_("Renew the certificate"), post_form(
        renew_path(member.id), _refusal_notice(form, refused),
        *text_input("number", _("New certificate number"), required=True, errors=errors,
                    value=refused.typed_in(form, "number"), max_length=30, control_id=f"{form}-number"),
        *_dates(form, refused, errors, form, ("issued_on", "expires_on")),
        once.field(), submit(_("Record the new certificate"), button_id=f"{form}-submit"),
        form_id=form, className="form"), open_=bool(refused.error_of(form)))


def _departure_form(member: StaffMember, refused: Refusal) -> html.Details:
    form = f"leave-{member.id}"
    return folded(_("Record a departure"), post_form(
        departure_path(member.id), _refusal_notice(form, refused),
        *text_input("left_on", _("Left on"), kind="date", required=True,
                    errors=refused.errors_of(form), control_id=f"{form}-left_on",
                    value=refused.typed_in(form, "left_on", clock.today().isoformat())),
        once.field(), submit(_("Record the departure"), button_id=f"{form}-submit"),
        form_id=form, className="form"), open_=bool(refused.error_of(form)))


def _add_form(refused: Refusal) -> html.Details:
    form, errors = ADD_FORM, refused.errors_of(ADD_FORM)

    def typed(name: str) -> str:
        return refused.typed_in(form, name)

    return folded(_("Add a staff member"), post_form(
        ADD, _refusal_notice(form, refused),
        *text_input("name", _("Full name"), required=True, value=typed("name"), errors=errors,
                    max_length=limit(StaffCreate, "name"), control_id=f"{form}-name"),
        *text_input("position", _("Position"), value=typed("position"), errors=errors,
                    max_length=limit(StaffCreate, "position"), control_id=f"{form}-position"),
        *text_input("phone", _("Phone"), value=typed("phone"), errors=errors, kind="tel",
                    hint=_("Never published."), control_id=f"{form}-phone"),
        *text_input("health_certificate_number", _("Certificate number"), required=True,
                    value=typed("health_certificate_number"), errors=errors, max_length=30,
                    control_id=f"{form}-number"),
        *_dates(form, refused, errors, form, ("certificate_issued_on", "certificate_expires_on")),
        once.field(), submit(_("Add the staff member"), button_id=f"{form}-submit"),
        form_id=form, className="form"), open_=bool(refused.error_of(form)))


def _licences_section(licences: list[LicencePublic], refused: Refusal) -> html.Section:
    rows = [html.Li([html.Div([html.Strong(_(LICENCE_LABELS[row.kind])),
                               expiry_badge(row.status, row.days_left)], className="row-head"),
                     html.Div([_("No. {number}").format(number=row.number), " · ",
                               _("Issued on {date}").format(date=row.issued_on.isoformat()), " · ",
                               _("Expires on {date}").format(date=row.expires_on.isoformat())
                               if row.expires_on else _("Long-term")], className="muted")])
            for row in licences]
    return section(_("Licences"),
                   html.Ul(rows, className="rows") if rows else empty(_("No licence is on record.")),
                   html.P(_("A renewed licence keeps its number: record it with its new issue day and "
                            "it replaces the earlier one."), className="muted"),
                   _licence_form(refused), name="papers-licences")


def _licence_form(refused: Refusal) -> html.Details:
    form, errors = LICENCE_FORM, refused.errors_of(LICENCE_FORM)
    long_term = refused.typed_in(form, "long_term") == "yes"
    kinds = [(kind.value, _(label)) for kind, label in LICENCE_LABELS.items()]
    return folded(_("Record a licence"), post_form(
        LICENCE, _refusal_notice(form, refused),
        *select("kind", _("Kind"), kinds, errors=errors, control_id=f"{form}-kind",
                value=refused.typed_in(form, "kind", LicenceKind.FOOD_BUSINESS_LICENCE.value)),
        *text_input("number", _("Number"), required=True, value=refused.typed_in(form, "number"),
                    errors=errors, max_length=limit(LicenceCreate, "number"), control_id=f"{form}-number",
                    hint=_("A business licence's number is your credit code.")),
        *text_input("issued_on", _("Issued on"), kind="date", required=True, errors=errors,
                    value=refused.typed_in(form, "issued_on"), control_id=f"{form}-issued_on"),
        *text_input("expires_on", _("Expires on"), kind="date", errors=errors,
                    value=refused.typed_in(form, "expires_on"), control_id=f"{form}-expires_on",
                    hint=_("Leave empty for a long-term licence, and tick the box below.")),
        *labelled(_("Long-term (长期), no expiry"), f"{form}-long_term",
                  dcc.Input(type="checkbox", name="long_term", value="yes", id=f"{form}-long_term",
                            checked=long_term)),
        *text_input("issuer", _("Issued by"), value=refused.typed_in(form, "issuer"), errors=errors,
                    max_length=limit(LicenceCreate, "issuer"), control_id=f"{form}-issuer"),
        once.field(), submit(_("Record the licence"), button_id=f"{form}-submit"),
        form_id=form, className="form"), open_=bool(refused.error_of(form)))


def staff_from(form: Mapping[str, str]) -> StaffCreate:
    return StaffCreate(name=form.get("name", ""), position=form.get("position", ""),
                       phone=form.get("phone", ""),
                       health_certificate_number=form.get("health_certificate_number", ""),
                       certificate_issued_on=form.get("certificate_issued_on", ""),  # type: ignore[arg-type]
                       certificate_expires_on=form.get("certificate_expires_on", ""))  # type: ignore[arg-type]


def licence_from(form: Mapping[str, str]) -> LicenceCreate:
    """An empty expiry day is long-term only when the box says so; otherwise it is refused as a
    missing date, on its field."""
    expires: str | None = form.get("expires_on", "").strip()
    if form.get("long_term") == "yes":
        if expires:
            raise Invalid("A long-term licence has no expiry day: clear the day or untick long-term.")
        expires = None
    return LicenceCreate(kind=form.get("kind", ""), number=form.get("number", ""),  # type: ignore[arg-type]
                         issued_on=form.get("issued_on", ""),  # type: ignore[arg-type]
                         expires_on=expires, issuer=form.get("issuer", ""))  # type: ignore[arg-type]

