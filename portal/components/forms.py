"""Plain form controls for the signed-in workspaces: native inputs a form posts without scripts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from annotated_types import MaxLen
from pydantic import BaseModel

from portal import csrf
from portal.components.tags import dcc, html


def limit(model: type[BaseModel], name: str) -> int:
    """The most characters `model` takes in field `name`: a form's maxlength is the service's own
    limit, so the browser stops where the server would refuse, and the two never drift apart."""
    return next(rule.max_length for rule in model.model_fields[name].metadata if isinstance(rule, MaxLen))


def post_form(action: str, *children: Any, form_id: str | None = None,
              className: str = "form", files: bool = False) -> html.Form:
    """Every state-changing form: posted to the server, with this browser's CSRF token."""
    return html.Form([*children, csrf.field()], method="post", action=action, id=form_id,
                     className=className, encType="multipart/form-data" if files else None)


def folded(summary: str, *content: Any, open_: bool = False) -> html.Details:
    """Forms under one line, so a list of many records stays short (native, no script); `open_`
    when a form came back refused or half filled."""
    return html.Details([html.Summary(summary), *content], open=open_)


def invalid(control_id: str, reason: str | None) -> dict[str, str]:
    """A refused control's attributes: marked invalid and described by its reason (`reason_beside`),
    so a screen reader says which field was refused and why, not only the summary on top. Dash's
    own dcc.Input takes no aria attributes: a refused form is built as light elements (tags.light)."""
    return {"aria-invalid": "true", "aria-describedby": f"{control_id}-error"} if reason else {}


def reason_beside(control_id: str, reason: str | None) -> list[Any]:
    """Why the control was refused, in a few words next to it (form_errors.refused_fields)."""
    return [html.Small(reason, id=f"{control_id}-error", className="field-error")] if reason else []


def labelled(label: str, control_id: str, control: Any, hint: str | None = None,
             reason: str | None = None) -> list[Any]:
    parts: list[Any] = [html.Label(label, htmlFor=control_id), control, *reason_beside(control_id, reason)]
    return parts + ([html.Small(hint, className="muted")] if hint else [])


# Each helper takes `errors`: the refused fields of the form as posted, name → why
# (form_errors.refused_fields); the control named there is marked and its reason shown beside it.

def text_input(name: str, label: str, *, value: str = "", control_id: str | None = None,
               required: bool = False, kind: str = "text", max_length: int = 200,
               hint: str | None = None, step: str | None = None,
               errors: Mapping[str, str] | None = None) -> list[Any]:
    control_id, reason = control_id or f"field-{name}", (errors or {}).get(name)
    extra: dict[str, Any] = {"maxLength": max_length} if kind == "text" else {}
    if step is not None:  # a number field takes whole numbers only unless told its step
        extra |= {"step": step, "min": "0"}
    return labelled(label, control_id, dcc.Input(id=control_id, name=name, type=kind, value=value,
                                                 required=required, **extra,
                                                 **invalid(control_id, reason)), hint, reason)


def textarea(name: str, label: str, *, value: str = "", control_id: str | None = None,
             required: bool = False, max_length: int = 1000, hint: str | None = None,
             errors: Mapping[str, str] | None = None) -> list[Any]:
    control_id, reason = control_id or f"field-{name}", (errors or {}).get(name)
    return labelled(label, control_id, html.Textarea(value, id=control_id, name=name, rows=3,
                                                     required=required, maxLength=max_length,
                                                     **invalid(control_id, reason)), hint, reason)


def select(name: str, label: str, options: list[tuple[str, str]], *, value: str = "",
           control_id: str | None = None, errors: Mapping[str, str] | None = None,
           required: bool = False) -> list[Any]:
    control_id, reason = control_id or f"field-{name}", (errors or {}).get(name)
    extra = {"required": True} if required else {}
    return labelled(label, control_id, html.Select(
        [html.Option(text, value=key, selected=key == value) for key, text in options],
        id=control_id, name=name, **extra, **invalid(control_id, reason)), reason=reason)


def choices(name: str, legend: str, options: list[tuple[str, str]], *, chosen: set[str],
            kind: str = "checkbox", group_id: str | None = None,
            errors: Mapping[str, str] | None = None, required: bool = False) -> html.Fieldset:
    """Checkboxes (several) or radio buttons (one) with their labels, in a fieldset; refused, each
    box is marked and the reason follows the legend. `required` (radio buttons): the browser asks
    for a choice before sending; the server refuses a form without one all the same."""
    reason = (errors or {}).get(name)
    marks = invalid(group_id or name, reason) | ({"required": True} if required else {})
    items = []
    for key, text in options:
        control_id = f"{group_id or name}-{key}"
        items.append(html.Label([dcc.Input(type=kind, name=name, value=key, id=control_id,
                                           checked=key in chosen, **marks), " ", text],
                                htmlFor=control_id, className="choice"))
    return html.Fieldset([html.Legend(legend), *reason_beside(group_id or name, reason), *items],
                         id=group_id, className="choices")


def hidden(name: str, value: str) -> Any:
    return dcc.Input(type="hidden", name=name, value=value)


def submit(text: str, *, button_id: str | None = None) -> html.Button:
    return html.Button(text, type="submit", id=button_id)
