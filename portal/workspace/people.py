"""The administrator's "People and units" page (/admin/people): units with their districts, officer
records with unit and status, accounts with role, binding and status; the forms that add each, per
unit its edit, and per account disable/enable and a new password."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from backend.businesses import service as businesses
from backend.database import get_db
from backend.i18n import N_, _, listed, ngettext
from backend.officers import admin
from backend.officers import service as officers
from backend.officers.schemas import OfficerRecord, UnitChange, UnitPublic
from backend.paging import PageMeta
from backend.users import accounts, permissions
from backend.users.schemas import Actor, Role
from portal import once, page_response
from portal.components.forms import folded, hidden, post_form, select, submit, text_input, textarea
from portal.components.sections import empty, notice, page, section
from portal.components.tags import html
from portal.workspace import people_accounts
from portal.workspace import people_parts as parts
from portal.workspace.people_parts import PATH
from portal.workspace.views import Refusal

PAGE_SIZE = 100
# What a redirect after a successful form may announce (?done=…): fixed texts, never the query's.
DONE = {
    "unit": N_("The unit is added."),
    "unit-changed": N_("The unit is changed."),
    "officer": N_("The officer record is added."),
    "officer-changed": N_("The officer record is changed."),
    "account": N_("The account is created."),
    "disabled": N_("The account is disabled; it is signed out everywhere."),
    "enabled": N_("The account is enabled again."),
    "password": N_("The new password is set; the account is signed out everywhere."),
}
# Each form's labels, which its refusals name the fields by too (form_errors.message).
UNIT_FIELDS = {"id": N_("Unit id"), "name": N_("Name"), "districts": N_("Districts")}
OFFICER_FIELDS = {"id": N_("Officer id"), "name": N_("Name"), "badge_number": N_("Badge number"),
                  "unit_id": N_("Unit")}
CHANGE_FIELDS = {"unit_id": N_("Unit"), "in_service": N_("Status")}
# The field of a unit's change that says it was shown and confirmed (TO_CONFIRM).
CONFIRMED = "confirmed"


def districts_typed(text: str) -> list[str]:
    """Districts as an administrator types them: one a line, or separated by commas (、，too)."""
    for separator in ("，", "、", ","):
        text = text.replace(separator, "\n")
    return [line.strip() for line in text.splitlines() if line.strip()]


def people_page(actor: Actor | None, query: Mapping[str, str], refused: Refusal | None = None,
                proposed: UnitChange | None = None) -> html.Article:
    """`query`: where the administrator is (the lists' pages, the accounts' filter, state_of), and
    on a redirect what was done. `proposed`: a unit's change to confirm (what it will do), its
    edit form as typed (`refused`, with no error)."""
    actor = permissions.require_admin(actor)
    refused, db, state = refused or Refusal(), get_db(), parts.state_of(query)
    page_response.set_title(_("People and units"))
    units = admin.units(db, actor=actor, page_size=PAGE_SIZE)
    records = admin.officers(db, actor=actor, page_number=parts.page_of(query, "officers"),
                             page_size=PAGE_SIZE)
    users = accounts.listed(db, actor=actor,
                            role=Role(state["account_role"]) if "account_role" in state else None,
                            name=state.get("account_name", ""), page_number=parts.page_of(query, "accounts"),
                            page_size=PAGE_SIZE)
    drawn = {"unit", "officer", "account"} | {f"unit:{row.id}" for row in units.data} | {
        f"officer:{row.id}" for row in records.data} | {f"password:{row.username}" for row in users.data}
    return page(_("People and units"),
                _done(query),
                # said on top when the refused form has no place of its own on this page
                notice(refused.error, "bad") if refused.error and refused.form not in drawn else None,
                _units_section(units.data, refused, state, proposed),
                _officers_section(records.data, records.meta, units.data, refused, state),
                people_accounts.section(users.data, users.meta, refused, state),
                lead=_("Units with their districts, officer records and the accounts that sign in."))


# What followed a change (?returned=…, ?moved=…): a count to say, by the query's name (ngettext
# with its texts written out, so that the catalogs get both forms).
FOLLOWED: dict[str, Callable[[int], str]] = {
    "returned": lambda n: ngettext("{n} open task of theirs went back to their unit's queue.",
                                   "{n} open tasks of theirs went back to their unit's queue.", n),
    "moved": lambda n: ngettext(
        "{n} open task followed its district to the queue of the unit covering it now.",
        "{n} open tasks followed their district to the queue of the unit covering it now.", n),
    "waiting": lambda n: ngettext(
        "{n} open task is in a district no unit covers now: it goes to the unit that takes the district.",
        "{n} open tasks are in districts no unit covers now: they go to the unit that takes their "
        "district.", n),
    "unassigned": lambda n: ngettext(
        "{n} of them was assigned to an officer who no longer covers its district: nobody is assigned now.",
        "{n} of them were assigned to officers who no longer cover their district: nobody is assigned now.",
        n),
    "released": lambda n: ngettext("{n} grid area of its officers outside its districts is cleared.",
                                   "{n} grid areas of its officers outside its districts are cleared.", n),
}
# What a unit's change will do, said before it is done (the same counts as FOLLOWED).
TO_CONFIRM: dict[str, Callable[[int], str]] = {
    "tasks_moved": lambda n: ngettext(
        "{n} open task will move to the queue of the unit covering its district.",
        "{n} open tasks will move to the queue of the unit covering their district.", n),
    "tasks_waiting": lambda n: ngettext(
        "{n} open task will wait for a unit: no unit covers its district.",
        "{n} open tasks will wait for a unit: no unit covers their district.", n),
    "tasks_unassigned": lambda n: ngettext(
        "{n} task will have its assignee cleared (an officer who no longer covers its district).",
        "{n} tasks will have their assignee cleared (officers who no longer cover their district).", n),
    "grids_released": lambda n: ngettext("{n} grid assignment of the unit's officers will be cleared.",
                                         "{n} grid assignments of the unit's officers will be cleared.", n),
}


def _done(query: Mapping[str, str]) -> Any:
    key = query.get("done", "")
    if key not in DONE:
        return None
    said = [_(DONE[key])]
    for name, wording in FOLLOWED.items():
        value = query.get(name, "")
        count = int(value) if value.isdigit() and len(value) < 7 else 0
        if count:
            said.append(wording(count).format(n=count))
    return notice(" ".join(said), "ok")


def followed(change: UnitChange) -> dict[str, str]:
    """A unit change's counts, for the redirect to say (FOLLOWED)."""
    counts = {"moved": change.tasks_moved, "waiting": change.tasks_waiting,
              "unassigned": change.tasks_unassigned, "released": change.grids_released}
    return {name: str(count) for name, count in counts.items() if count}


def _units_section(units: list[UnitPublic], refused: Refusal, state: Mapping[str, str],
                   proposed: UnitChange | None) -> html.Section:
    rows = [parts.row(unit.name, [unit.id, listed(unit.districts),
                             ngettext("{n} officer in service", "{n} officers in service",
                                      unit.officers_in_service).format(n=unit.officers_in_service)],
                 _unit_change(unit, refused, state, proposed))
            for unit in units]
    return section(_("Units"),
                   folded(_("Add a unit"), _unit_form(refused, state),
                          open_=not units or refused.form == "unit"),
                   html.Ul(rows, className="rows") if rows else empty(_("No unit yet: add the first one.")),
                   name="units")


def _unit_form(refused: Refusal, state: Mapping[str, str]) -> html.Form:
    errors, typed = refused.errors_of("unit"), lambda name: refused.typed_in("unit", name)
    covered = {district for unit in officers.units(get_db()) for district in unit["districts"]}
    unplaced = [district for district in businesses.districts(get_db()) if district not in covered]
    hint = (_("Districts with registered businesses and no unit yet: {districts}.").format(
        districts=listed(unplaced)) if unplaced else _("As businesses name their district, e.g. 天河区."))
    return post_form(f"{PATH}/units", parts.error(refused, "unit"), once.field(), *parts.kept(state),
                     *text_input("id", _(UNIT_FIELDS["id"]), value=typed("id"), required=True,
                                 max_length=20, hint="U-TH", errors=errors, control_id="unit-id"),
                     *text_input("name", _(UNIT_FIELDS["name"]), value=typed("name"), required=True,
                                 max_length=80, hint="天河区市场监督管理所", errors=errors,
                                 control_id="unit-name"),
                     *textarea("districts", _("Districts (one a line)"), value=typed("districts"),
                               required=True, hint=hint, errors=errors, control_id="unit-districts"),
                     submit(_("Add the unit")), form_id="unit-form")


def _unit_change(unit: UnitPublic, refused: Refusal, state: Mapping[str, str],
                 proposed: UnitChange | None) -> Any:
    """Renaming the unit, redrawing its districts (the whole list, as when it was added); above it,
    what a change sent will do, to confirm (`proposed`, when it is this unit's)."""
    form = f"unit:{unit.id}"
    errors = refused.errors_of(form)
    confirm = _confirmation(proposed, refused.typed, state) if proposed and proposed.id == unit.id else None
    return folded(_("Edit"), confirm, post_form(
        f"{PATH}/units/{unit.id}", parts.error(refused, form), once.field(), *parts.kept(state),
        *text_input("name", _(UNIT_FIELDS["name"]), value=refused.typed_in(form, "name", unit.name),
                    required=True, max_length=80, errors=errors, control_id=f"unit-name-{unit.id}"),
        *textarea("districts", _("Districts (one a line)"),
                  value=refused.typed_in(form, "districts", "\n".join(unit.districts)), required=True,
                  errors=errors, control_id=f"unit-districts-{unit.id}",
                  hint=_("A district of another unit is taken on once that unit gives it up. The open "
                         "tasks of a district follow it to its new unit, and the officers' grid "
                         "assignments in a district given up are cleared: you see how many before "
                         "you confirm.")),
        submit(_("Save")), form_id=f"unit-change-{unit.id}"), open_=refused.form == form)


def _confirmation(change: UnitChange, typed: Mapping[str, str], state: Mapping[str, str]) -> html.Div:
    """What the change sent will do, in numbers, and the form that does it: what was typed, kept
    in hidden fields, with a one-time token of its own (the change is done once however often it
    is confirmed), and a way back that changes nothing."""
    said = [_("Not saved yet. Once confirmed, this change does what follows, and putting a district "
              "back later does not undo it:")]
    if change.districts_given_up:
        given_up = listed(change.districts_given_up)
        said.insert(0, _("Districts given up: {districts}.").format(districts=given_up))
    counts = [html.Li(wording(getattr(change, name)).format(n=getattr(change, name)))
              for name, wording in TO_CONFIRM.items()]
    return html.Div([notice(" ".join(said), "warn"), html.Ul(counts), post_form(
        f"{PATH}/units/{change.id}", hidden(once.FIELD, once.new_token()), *parts.kept(state),
        hidden("name", str(typed.get("name", ""))), hidden("districts", str(typed.get("districts", ""))),
        hidden(CONFIRMED, "yes"),
        html.P([submit(_("Confirm the change")), " ", html.A(_("Cancel"), href=parts.address(state))],
               className="actions"),
        form_id=f"unit-confirm-{change.id}")], className="confirmation")


def _unit_options(units: list[UnitPublic]) -> list[tuple[str, str]]:
    return [(unit.id, f"{unit.name} ({unit.id})") for unit in units]


def _officers_section(officers: list[OfficerRecord], meta: PageMeta, units: list[UnitPublic],
                      refused: Refusal, state: Mapping[str, str]) -> html.Section:
    rows = [parts.row(officer.name, [officer.id, _("badge {badge}").format(badge=officer.badge_number),
                                officer.unit_name or officer.unit_id, _status(officer),
                                listed(officer.accounts)],
                 _officer_change(officer, units, refused, state)) for officer in officers]
    return section(_("Officers"),
                   folded(_("Add an officer"), _officer_form(units, refused, state),
                          open_=refused.form == "officer"),
                   html.Ul(rows, className="rows") if rows else empty(_("No officer record yet.")),
                   parts.pager(meta, "officers", state), name="officers")


def _status(officer: OfficerRecord) -> str:
    if officer.in_service:
        return _("in service")
    return _("left the service on {day}").format(day=officer.left_on)


def _officer_form(units: list[UnitPublic], refused: Refusal, state: Mapping[str, str]) -> html.Form:
    errors, typed = refused.errors_of("officer"), lambda name: refused.typed_in("officer", name)
    return post_form(f"{PATH}/officers", parts.error(refused, "officer"), once.field(), *parts.kept(state),
                     *text_input("id", _(OFFICER_FIELDS["id"]), value=typed("id"), required=True,
                                 max_length=20, hint="OF-TH-07", errors=errors, control_id="officer-id"),
                     *text_input("name", _(OFFICER_FIELDS["name"]), value=typed("name"), required=True,
                                 max_length=40, errors=errors, control_id="officer-name"),
                     *text_input("badge_number", _(OFFICER_FIELDS["badge_number"]),
                                 value=typed("badge_number"), required=True, max_length=20,
                                 errors=errors, control_id="officer-badge"),
                     *select("unit_id", _(OFFICER_FIELDS["unit_id"]),
                             [("", _("Choose a unit"))] + _unit_options(units), value=typed("unit_id"),
                             errors=errors, control_id="officer-unit", required=True),
                     submit(_("Add the officer")), form_id="officer-form")


def _officer_change(officer: OfficerRecord, units: list[UnitPublic], refused: Refusal,
                    state: Mapping[str, str]) -> Any:
    form = f"officer:{officer.id}"
    errors = refused.errors_of(form)
    status = refused.typed_in(form, "in_service", "yes" if officer.in_service else "no")
    return folded(_("Change unit or status"), post_form(
        f"{PATH}/officers/{officer.id}", parts.error(refused, form), *parts.kept(state),
        *select("unit_id", _(CHANGE_FIELDS["unit_id"]), _unit_options(units),
                value=refused.typed_in(form, "unit_id", officer.unit_id), errors=errors,
                control_id=f"move-{officer.id}"),
        *select("in_service", _(CHANGE_FIELDS["in_service"]),
                [("yes", _("in service")), ("no", _("left the service (accounts disabled)"))],
                value=status, errors=errors, control_id=f"status-{officer.id}"),
        html.Small(_("Their open tasks and grids go back to their unit's queue when they leave the "
                     "service or move."), className="muted"),
        submit(_("Save")), form_id=f"officer-change-{officer.id}"), open_=refused.form == form)


