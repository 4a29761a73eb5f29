"""The businesses desk (/me/businesses) of officers and administrators: find a business of the
unit, register a newly licensed one and print its sticker, correct a registered one's details."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from backend.businesses import credit_code
from backend.businesses import service as businesses
from backend.businesses.schemas import TRADE_LABELS, BusinessCreate, BusinessListed, BusinessUpdate
from backend.database import get_db
from backend.i18n import N_, _, ngettext
from backend.qr import signature
from backend.users.schemas import Actor, Role
from portal import once, page_response
from portal.components.forms import invalid, labelled, limit, post_form, select, submit, text_input
from portal.components.records import pager
from portal.components.sections import empty, facts, notice, page, section
from portal.components.tags import dcc, html
from portal.workspace import business_forms, views
from portal.workspace.views import Refusal

PATH = "/me/businesses"
NEW = f"{PATH}/new"
REGISTER_FORM, EDIT_FORM = "business-register", "business-edit"
SHOWN = 20  # rows of a page
# What a redirect after a successful form may announce (?done=…): fixed texts, never the query's.
DONE = {
    "registered": N_("The business is registered: its public page and its sticker are ready."),
    "changed": N_("The business's details are corrected; its public page shows them."),
}
# The forms' labels, which their refusals name the fields by too (form_errors.message).
LABELS = {
    "code": N_("Credit code"), "name": N_("Name"), "trade": N_("Trade"), "address": N_("Address"),
    "district": N_("District"), "grid": N_("Grid area"), "contact_name": N_("Contact name"),
    "contact_phone": N_("Contact phone"), "established_on": N_("Established on"),
    "location": N_("Location"), "lat": N_("Latitude"), "lng": N_("Longitude"),
}


def edit_path(code: str) -> str:
    return f"{PATH}/{code}/edit"


def papers_path(code: str) -> str:
    """The business's staff and licences, as an officer keeps them."""
    return f"/me/papers?{urlencode({'business': code})}"


def public_path(code: str) -> str:
    """Its public page as its sticker opens it (signed)."""
    return f"/b/{code}?s={signature.sign(code)}"


def sticker_path(code: str) -> str:
    return f"/qr/{code}/sticker.pdf"


def not_for_you() -> html.Article:
    return views.not_for_you(_("Businesses"), _("This page is for enforcement officers and administrators."))


def desk_page(actor: Actor, query: Mapping[str, str]) -> html.Article:
    """The search (the unit's districts; every district for an administrator) and its results,
    each with what the desk does with it; on a redirect, what was done."""
    text = str(query.get("q", "")).strip()[:100]
    districts = _districts(actor)
    district = str(query.get("district", ""))
    district = district if district in districts else ("" if actor.role == Role.ADMIN else districts[0])
    number = _page_number(query)
    found = businesses.desk_search(get_db(), actor=actor, text=text, district=district,
                                   page_number=number, page_size=SHOWN)
    page_response.set_title(_("Businesses"))
    scope = (_("Every district.") if actor.role == Role.ADMIN
             else _("Businesses in your unit's districts."))
    choice = [("", _("Every district"))] if actor.role == Role.ADMIN else []
    search_fields = [*text_input("q", _("Name or credit code"), value=text, max_length=100,
                                 control_id="businesses-search")]
    if len(choice) + len(districts) > 1:
        search_fields += select("district", _(LABELS["district"]), choice + [(d, d) for d in districts],
                                value=district, control_id="businesses-district")
    meta, kept = found.meta, {"q": text, "district": district}
    return page(_("Businesses"), _done(query),
                html.Ul([html.Li(html.A(_("Register a business"), href=NEW))], className="actions"),
                html.Form([*search_fields, submit(_("Search"))], method="get", action=PATH,
                          className="form card filters", id="businesses-search-form"),
                section(_("Matching businesses") if text else _("Businesses"),
                        html.P(_count(meta.totalCount, meta.totalIsEstimate, len(found.data)),
                               className="muted") if found.data else None,
                        html.Ul([_row(row) for row in found.data], className="rows", id="businesses-found")
                        if found.data else empty(_nothing(text, meta.totalCount, actor)),
                        pager(PATH, kept, meta.pageNumber, meta.totalPages) if meta.totalPages > 1 else None,
                        name="businesses"),
                lead=scope)


def _districts(actor: Actor) -> list[str]:
    """Where the desk looks: the unit's districts, or every district with a business."""
    return list(actor.unit_districts) if actor.role != Role.ADMIN else businesses.districts(get_db())


def _page_number(query: Mapping[str, str]) -> int:
    value = str(query.get("page", "1"))
    return int(value) if value.isdigit() and 0 < int(value) <= 500 else 1


def _count(total: int, estimate: bool, shown: int) -> str:
    if estimate:
        return _("{shown} shown of about {total}.").format(shown=shown, total=total)
    return ngettext("{total} business.", "{total} businesses.", total).format(total=total)


def _nothing(text: str, total: int, actor: Actor) -> str:
    if total:
        return _("This page is past the last one.")
    if text:
        return _("No business matches.")
    return _("No business is registered yet.") if actor.role == Role.ADMIN else _(
        "No business is registered in this district yet.")


def _done(query: Mapping[str, str]) -> Any:
    key, code = query.get("done", ""), query.get("code", "")
    if key not in DONE:
        return None
    if credit_code.problem(code):  # the code comes from the query: only a well-formed one is linked
        return notice(_(DONE[key]), "ok")
    return notice([_(DONE[key]), " ", html.A(_("Public page"), href=public_path(code)), " · ",
                   html.A(_("Sticker (PDF, to print)"), href=sticker_path(code)), " · ",
                   html.A(_("Edit details"), href=edit_path(code))], "ok")


def _row(row: BusinessListed) -> html.Li:
    links = [(_("Public page"), public_path(row.code)),
             (_("Sticker (PDF, to print)"), sticker_path(row.code)), (_("Edit details"), edit_path(row.code)),
             (_("Staff and licences"), papers_path(row.code))]
    return html.Li([
        html.Div([html.Strong(row.name), html.Span(row.code, className="muted"),
                  html.Span(_(TRADE_LABELS[row.trade]), className="muted")], className="row-head"),
        html.Div(f"{row.district} · {row.address}", className="muted"),
        html.Ul([html.Li(html.A(text, href=href)) for text, href in links], className="actions"),
    ], id=f"business-{row.code}")


def register_page(actor: Actor, refused: Refusal | None = None) -> html.Article:
    """The form of a newly licensed business; `refused`: it came back, as typed, with why."""
    refused = refused or Refusal()
    errors = refused.errors_of(REGISTER_FORM)

    def typed(name: str, default: str = "") -> str:
        return refused.typed_in(REGISTER_FORM, name, default)

    def field(name: str, **options: Any) -> list[Any]:
        return text_input(name, _(LABELS[name]), value=typed(name), errors=errors,
                          max_length=limit(BusinessCreate, name), control_id=f"{REGISTER_FORM}-{name}",
                          **options)

    page_response.set_title(_("Register a business"))
    trades = [("", _("Choose a trade"))] + [(trade.value, _(label)) for trade, label in TRADE_LABELS.items()]
    error = refused.error_of(REGISTER_FORM)
    return page(_("Register a business"),
                notice(error, "bad") if error else None,
                post_form(NEW, once.field(),
                          *text_input("code", _(LABELS["code"]), value=typed("code"), required=True,
                                      max_length=credit_code.LENGTH, errors=errors,
                                      control_id=f"{REGISTER_FORM}-code",
                                      hint=_("The unified social credit code: 18 characters, from the "
                                             "business licence.")),
                          *field("name", required=True),
                          *select("trade", _(LABELS["trade"]), trades, value=typed("trade"), required=True,
                                  errors=errors, control_id=f"{REGISTER_FORM}-trade"),
                          *field("address", required=True),
                          *_district(actor, typed("district"), errors),
                          *field("grid", hint=_("Optional: the grid area (网格) that looks after it.")),
                          *field("contact_name", hint=_("Optional; never published.")),
                          *field("contact_phone", kind="tel", hint=_("Optional; never published.")),
                          *text_input("established_on", _(LABELS["established_on"]), kind="date",
                                      value=typed("established_on"), errors=errors,
                                      control_id=f"{REGISTER_FORM}-established_on",
                                      hint=_("Optional: from the business licence.")),
                          *_place(REGISTER_FORM, typed("lat"), typed("lng"), errors),
                          submit(_("Register the business"), button_id=f"{REGISTER_FORM}-submit"),
                          form_id=REGISTER_FORM, className="form card"),
                html.P(dcc.Link(_("Back to the businesses"), href=PATH)),
                lead=_("A newly licensed business: once registered, its public page is open and its "
                       "QR sticker can be printed."))


def _district(actor: Actor, value: str, errors: Mapping[str, str]) -> list[Any]:
    districts = business_forms.registrable(actor)
    if not districts:
        return [notice([_("No unit covers a district yet: add a unit with its districts first."), " ",
                        html.A(_("People and units"), href="/admin/people")], "bad")]
    options = ([] if len(districts) == 1 else [("", _("Choose a district"))]) + [
        (district, district) for district in districts]
    return select("district", _(LABELS["district"]), options, value=value, errors=errors,
                  control_id=f"{REGISTER_FORM}-district", required=True)


def _place(form: str, lat: str, lng: str, errors: Mapping[str, str]) -> list[Any]:
    hint = _("Optional, both or neither: decimal degrees, e.g. 23.1291 and 113.2644.")
    return [*_coordinate(form, "lat", lat, 90, errors),
            *_coordinate(form, "lng", lng, 180, errors, hint)]


def _coordinate(form: str, name: str, value: str, bound: int, errors: Mapping[str, str],
                hint: str | None = None) -> list[Any]:
    control_id, reason = f"{form}-{name}", errors.get(name)
    return labelled(_(LABELS[name]), control_id, dcc.Input(
        id=control_id, name=name, type="number", step="any", min=str(-bound), max=str(bound), value=value,
        **invalid(control_id, reason)), hint, reason)


def edit_page(actor: Actor, code: str, refused: Refusal | None = None) -> html.Article:
    """The details a registered business may have corrected (its code, trade and district stay)."""
    business = businesses.editable(get_db(), actor=actor, code=code)
    refused = refused or Refusal()
    errors, place = refused.errors_of(EDIT_FORM), business.get("location") or {}

    def typed(name: str, stored: Any) -> str:
        return refused.typed_in(EDIT_FORM, name, "" if stored is None else str(stored))

    def field(name: str, **options: Any) -> list[Any]:
        return text_input(name, _(LABELS[name]), value=typed(name, business.get(name, "")),
                          max_length=limit(BusinessUpdate, name), errors=errors,
                          control_id=f"{EDIT_FORM}-{name}", **options)

    page_response.set_title(_("Edit details"))
    error = refused.error_of(EDIT_FORM)
    return page(_("Edit details"),
                notice(error, "bad") if error else None,
                facts([(_("Business"), html.A(business["name"], href=public_path(business["code"]))),
                       (_("Credit code"), business["code"]),
                       (_("Trade"), _(TRADE_LABELS[business["trade"]])),
                       (_("District"), business["district"])]),
                post_form(edit_path(business["code"]), once.field(),
                          *field("name", required=True), *field("address", required=True),
                          *field("grid"),
                          *_place(EDIT_FORM, typed("lat", place.get("lat")), typed("lng", place.get("lng")),
                                  errors),
                          *field("contact_name", hint=_("Expiry notices name them; never published.")),
                          *field("contact_phone", kind="tel",
                                 hint=_("Expiry notices go to this phone; never published.")),
                          submit(_("Save the details"), button_id=f"{EDIT_FORM}-submit"),
                          form_id=EDIT_FORM, className="form card"),
                html.Ul([html.Li(html.A(_("Staff and licences"), href=papers_path(business["code"]))),
                         html.Li(html.A(_("Sticker (PDF, to print)"), href=sticker_path(business["code"]))),
                         html.Li(html.A(_("Back to the businesses"), href=PATH))], className="actions"),
                lead=_("The credit code, trade and district stay as registered."))


