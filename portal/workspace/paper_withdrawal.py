"""The form on /me/papers that withdraws a licence or a staff record entered by mistake (撤回): a
reason, a box that confirms it, sent once; drawn only where the services let the reader withdraw
it (`withdrawable`: an officer of the district any time, the business for a day after recording)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from backend.business_records import Withdrawal
from backend.errors import Invalid
from backend.i18n import N_, _
from portal import once
from portal.components.forms import folded, hidden, invalid, labelled, limit, post_form, submit, textarea
from portal.components.sections import notice
from portal.components.tags import dcc, html
from portal.workspace.views import Refusal

PAGE = "/me/papers"
CONFIRM = "confirm"  # the box that says the withdrawal is meant
NOT_CONFIRMED = N_("Tick the box to confirm that the record is withdrawn.")


def path(kind: str, record_id: str) -> str:
    """`kind`: "licences" or "staff", as in the page's other forms' paths."""
    return f"{PAGE}/{kind}/{record_id}/withdrawal"


def form_id(kind: str, record_id: str) -> str:
    return f"withdraw-{kind}-{record_id}"


class Withdrawable(Protocol):
    id: str
    withdrawable: bool  # as the services decide for the reader


def withdrawal_form(kind: str, record: Withdrawable, refused: Refusal,
                    business: tuple[str, str]) -> html.Details | None:
    """The form of a record the reader may withdraw (None for another); `business`: the field
    naming the business, and its credit code."""
    if not record.withdrawable:
        return None
    record_id, form = record.id, form_id(kind, record.id)
    errors, reason = refused.errors_of(form), refused.errors_of(form).get(CONFIRM)
    error = refused.error_of(form)
    return folded(_("Withdraw: recorded by mistake"), post_form(
        path(kind, record_id), hidden(*business),
        notice(error, "bad") if error else None,
        html.P(_("A withdrawn record leaves the public page, the expiry warnings and the lists' "
                 "criteria. It is kept, marked withdrawn, with your reason in the audit trail."),
               className="muted"),
        *textarea("reason", _("Why it is withdrawn"), value=refused.typed_in(form, "reason"), required=True,
                  max_length=limit(Withdrawal, "reason"), errors=errors, control_id=f"{form}-reason",
                  hint=_("e.g. the number was mistyped; it is recorded again correctly.")),
        *labelled(_("Yes, withdraw this record"), f"{form}-{CONFIRM}",
                  dcc.Input(type="checkbox", name=CONFIRM, value="yes", id=f"{form}-{CONFIRM}", required=True,
                            **invalid(f"{form}-{CONFIRM}", reason)), reason=reason),
        once.field(), submit(_("Withdraw the record"), button_id=f"{form}-submit"),
        form_id=form, className="form"), open_=bool(error))


def withdrawal_from(form: Mapping[str, str]) -> Withdrawal:
    """The reason, once the box confirms it (a form sent without it withdraws nothing)."""
    withdrawal = Withdrawal(reason=form.get("reason", ""))
    if form.get(CONFIRM) != "yes":
        raise Invalid(NOT_CONFIRMED)
    return withdrawal
