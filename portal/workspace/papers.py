"""A business's papers (/me/papers): its staff and their health certificates (健康证) and its
licences, kept current with plain forms by its own account, or by an officer of its district or an
administrator (?business=<credit code>; the staff and licence services decide who may)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from backend import clock
from backend.businesses import credit_code
from backend.config import get_settings
from backend.database import get_db
from backend.errors import DomainError, Invalid, NotFound
from backend.i18n import N_, _
from backend.licences import service as licences
from backend.licences.expiry import expiry_status
from backend.licences.schemas import LICENCE_LABELS, LicenceCreate, LicenceKept, LicenceKind
from backend.profiles import service as profiles
from backend.staff import service as staff
from backend.staff.schemas import StaffCreate, StaffMember
from backend.users.permissions import BUSINESS_WITHDRAWS_WITHIN
from backend.users.schemas import Actor, Role
from portal import once, page_response
from portal.components.badges import expiry_badge
from portal.components.forms import folded, hidden, labelled, limit, post_form, select, submit, text_input
from portal.components.sections import empty, notice, page, section
from portal.components.tags import dcc, html
from portal.workspace import views
from portal.workspace.paper_withdrawal import withdrawal_form
from portal.workspace.views import Refusal

PAGE = "/me/papers"
ADD, LICENCE = f"{PAGE}/staff", f"{PAGE}/licences"
ADD_FORM, LICENCE_FORM = "papers-add", "papers-licence"
BUSINESS = "business"  # the field (and query parameter) naming the business an officer acts for
BUSINESSES = "/me/businesses"  # the officer's desk of their unit's businesses

# What the page announces after a form went through (?done=…): fixed texts, never the query's.
DONE = {
    "added": N_("The staff member is recorded and shows on your public page."),
    "renewed": N_("The new certificate is recorded; the earlier one stays in the member's history."),
    "left": N_("The departure is recorded: the member no longer shows on your public page."),
    "licence": N_("The licence is recorded and shows on your public page."),
    "withdrawn": N_("The record is withdrawn: it no longer shows on your public page."),
}
# The same, said to an officer or administrator keeping another business's papers.
DONE_FOR_BUSINESS = DONE | {
    "added": N_("The staff member is recorded and shows on the business's public page."),
    "left": N_("The departure is recorded: the member no longer shows on the business's public page."),
    "licence": N_("The licence is recorded and shows on the business's public page."),
    "withdrawn": N_("The record is withdrawn: it no longer shows on the business's public page."),
}
# The forms' words for the schemas' fields, so a refusal names the field the reader sees.
LABELS = {
    "health_certificate_number": N_("Certificate number"), "number": N_("Number"),
    "certificate_issued_on": N_("Issued on"), "issued_on": N_("Issued on"),
    "certificate_expires_on": N_("Expires on"), "expires_on": N_("Expires on"),
    "left_on": N_("Left on"), "position": N_("Position"), "kind": N_("Kind"),
    "issuer": N_("Issued by"), "name": N_("Full name"), "reason": N_("Why it is withdrawn"),
}


def renew_path(member_id: str) -> str:
    return f"{PAGE}/staff/{member_id}/certificate"


def departure_path(member_id: str) -> str:
    return f"{PAGE}/staff/{member_id}/departure"


def not_for_you() -> html.Article:
    return views.not_for_you(_("Staff and licences"), _("This page is for a business's own account."))


def acts_for_itself(actor: Actor) -> bool:
    """An enterprise account keeps its own business's papers, whatever business a form names."""
    return actor.role == Role.ENTERPRISE


def papers_page(actor: Actor, query: Mapping[str, str], refused: Refusal | None = None, *,
                code: str = "") -> html.Article:
    """The staff (employed first, then former members) and the licences, each with its forms;
    `refused`: a form that came back, drawn again open, as typed, with why. `code`: the business
    an officer or administrator keeps (Invalid, NotFound or Forbidden from the services)."""
    refused = refused or Refusal()
    own = acts_for_itself(actor)
    code = (actor.business_code or "") if own else code
    db = get_db()
    members = staff.list_for(db, actor=actor, code=code).data  # who may: the service decides
    kept = licences.list_for(db, actor=actor, code=code).data
    record = profiles.public_record(db, code=code)
    code = record.business.code
    page_response.set_title(_("Staff and licences"))
    done, said = query.get("done", ""), DONE if own else DONE_FOR_BUSINESS
    return page(_("Staff and licences") if own else _("Staff and licences of {name} ({code})").format(
                    name=record.business.name, code=code),
                notice(_(said[done]), "ok") if done in said else None,
                html.P(_("What you record here shows on your public page at once: staff with masked "
                         "names and the validity of their certificates only, never phones or "
                         "certificate numbers.") if own else
                       _("What you record here shows on the business's public page at once: staff "
                         "with masked names and the validity of their certificates only, never phones "
                         "or certificate numbers."), className="muted"),
                html.P(_("A record entered by mistake can be withdrawn for {hours} hours after you "
                         "record it; after that, an officer of your district withdraws it.").format(
                             hours=int(BUSINESS_WITHDRAWS_WITHIN.total_seconds() // 3600)),
                       className="muted") if own else None,
                _staff_section(members, refused, code),
                _licences_section(kept, refused, code, own),
                html.P(dcc.Link(_("Back to my account"), href="/me") if own else _back_to_businesses()),
                lead=None if own else html.Span([dcc.Link(_("Public page"), href=f"/b/{code}"), " · ",
                                                 _back_to_businesses()]))


def _back_to_businesses() -> Any:
    return dcc.Link(_("Back to businesses"), href=BUSINESSES)


def choose(error: DomainError | None = None, typed: str = "") -> html.Article:
    """For an officer or administrator: which business's papers to keep, by its credit code (a
    plain GET form); `error`: why the code typed (`typed`) opened nothing."""
    page_response.set_title(_("Staff and licences"))
    message = error.translated(_) if error else ""
    if error is not None:
        page_response.set_status(error.status_code)
    marked = {BUSINESS: message} if isinstance(error, Invalid | NotFound) else None
    return page(_("Staff and licences"), notice(message, "bad") if message else None, html.Form([
        *text_input(BUSINESS, _("Credit code"), value=typed, required=True, errors=marked,
                    max_length=40, control_id="papers-business",
                    hint=_("The 18-character unified social credit code (统一社会信用代码).")),
        submit(_("Open its staff and licences"), button_id="papers-business-open")],
        method="get", action=PAGE, className="form card"),
        html.P(dcc.Link(_("Find it among the businesses"), href=BUSINESSES)),
        lead=_("Keep a business's staff, their health certificates and its licences current: an "
               "officer for the businesses of their unit's districts, an administrator for any."))


def kept_business(actor: Actor, asked: str) -> str:
    """The credit code, canonical, of the business whose papers an officer or administrator asked
    for, once the staff service lets them keep it (Invalid, NotFound or Forbidden otherwise)."""
    code = credit_code.normalize(asked)
    staff.list_for(get_db(), actor=actor, code=code)
    return code


def _staff_section(members: list[StaffMember], refused: Refusal, code: str) -> html.Section:
    employed = [member for member in members if member.left_on is None]
    former = [member for member in members if member.left_on is not None]
    rows = [_member(member, refused, code) for member in employed]
    return section(
        _("Staff health certificates"),
        html.Ul(rows, className="rows") if rows else empty(_("No staff member is on record.")),
        html.H3(_("Former staff")) if former else None,
        html.Ul([_former(member, refused, code) for member in former], className="rows") if former else None,
        _add_form(refused, code), name="papers-staff")


def _former(member: StaffMember, refused: Refusal, code: str) -> html.Li:
    return html.Li([html.Div([html.Span(member.name), html.Span(member.position, className="muted"),
                              html.Span(_("Left on {date}").format(date=member.left_on.isoformat()))
                              if member.left_on else None], className="row-head"),
                    withdrawal_form("staff", member, refused, (BUSINESS, code))], id=f"member-{member.id}")


def _member(member: StaffMember, refused: Refusal, code: str) -> html.Li:
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
        _renew_form(member, refused, code) if member.current else None,
        _departure_form(member, refused, code),
        withdrawal_form("staff", member, refused, (BUSINESS, code)),
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


def _renew_form(member: StaffMember, refused: Refusal, code: str) -> html.Details:
    form = f"renew-{member.id}"
    errors = refused.errors_of(form)
    return folded(_("Renew the certificate"), post_form(
        renew_path(member.id), hidden(BUSINESS, code), _refusal_notice(form, refused),
        *text_input("number", _("New certificate number"), required=True, errors=errors,
                    value=refused.typed_in(form, "number"), max_length=30, control_id=f"{form}-number"),
        *_dates(form, refused, errors, form, ("issued_on", "expires_on")),
        once.field(), submit(_("Record the new certificate"), button_id=f"{form}-submit"),
        form_id=form, className="form"), open_=bool(refused.error_of(form)))


def _departure_form(member: StaffMember, refused: Refusal, code: str) -> html.Details:
    form = f"leave-{member.id}"
    return folded(_("Record a departure"), post_form(
        departure_path(member.id), hidden(BUSINESS, code), _refusal_notice(form, refused),
        *text_input("left_on", _("Left on"), kind="date", required=True,
                    errors=refused.errors_of(form), control_id=f"{form}-left_on",
                    value=refused.typed_in(form, "left_on", clock.today().isoformat())),
        once.field(), submit(_("Record the departure"), button_id=f"{form}-submit"),
        form_id=form, className="form"), open_=bool(refused.error_of(form)))


def _add_form(refused: Refusal, code: str) -> html.Details:
    form, errors = ADD_FORM, refused.errors_of(ADD_FORM)

    def typed(name: str) -> str:
        return refused.typed_in(form, name)

    return folded(_("Add a staff member"), post_form(
        ADD, hidden(BUSINESS, code), _refusal_notice(form, refused),
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


def _licence(row: LicenceKept, refused: Refusal, code: str) -> html.Li:
    today = clock.today()
    days_left = (row.expires_on - today).days if row.expires_on else None
    status = expiry_status(row.expires_on, today, get_settings().expiring_within_days)
    return html.Li([html.Div([html.Strong(_(LICENCE_LABELS[row.kind])), expiry_badge(status, days_left)],
                             className="row-head"),
                    html.Div([_("No. {number}").format(number=row.number), " · ",
                              _("Issued on {date}").format(date=row.issued_on.isoformat()), " · ",
                              _("Expires on {date}").format(date=row.expires_on.isoformat())
                              if row.expires_on else _("Long-term")], className="muted"),
                    withdrawal_form("licences", row, refused, (BUSINESS, code))], id=f"licence-{row.id}")


def _licences_section(licences: list[LicenceKept], refused: Refusal, code: str,
                      own: bool) -> html.Section:
    """The licences the public page lists: not those a later issue replaced."""
    rows = [_licence(row, refused, code) for row in licences if row.current]
    return section(_("Licences"),
                   html.Ul(rows, className="rows") if rows else empty(_("No licence is on record.")),
                   html.P(_("A renewed licence keeps its number: record it with its new issue day and "
                            "it replaces the earlier one."), className="muted"),
                   _licence_form(refused, code, own), name="papers-licences")


def _licence_form(refused: Refusal, code: str, own: bool) -> html.Details:
    form, errors = LICENCE_FORM, refused.errors_of(LICENCE_FORM)
    long_term = refused.typed_in(form, "long_term") == "yes"
    kinds = [(kind.value, _(label)) for kind, label in LICENCE_LABELS.items()]
    return folded(_("Record a licence"), post_form(
        LICENCE, hidden(BUSINESS, code), _refusal_notice(form, refused),
        *select("kind", _("Kind"), kinds, errors=errors, control_id=f"{form}-kind",
                value=refused.typed_in(form, "kind", LicenceKind.FOOD_BUSINESS_LICENCE.value)),
        *text_input("number", _("Number"), required=True, value=refused.typed_in(form, "number"),
                    errors=errors, max_length=limit(LicenceCreate, "number"), control_id=f"{form}-number",
                    hint=_("A business licence's number is your credit code.") if own else
                    _("A business licence's number is the business's credit code.")),
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

