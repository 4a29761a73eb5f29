"""Recording an inspection in four steps: choose the business → tick the checklist → the result
shows → opinion and rectification deadline (一选主体、二查事项、三显结果、四定意见)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from backend import clock, workdays
from backend.businesses import service as businesses
from backend.businesses.schemas import TRADE_LABELS
from backend.database import get_db
from backend.errors import Invalid
from backend.i18n import _, listed
from backend.inspections import answers, checklists, follow_up
from backend.inspections import service as inspections
from backend.inspections.checklists import FINDING_LABELS, Finding, ItemCheck
from backend.inspections.schemas import SOURCE_LABELS, InspectionCreate, InspectionSource
from backend.officers import service as officers
from backend.tasks import service as tasks
from backend.tasks.schemas import TaskPublic, TaskSource
from backend.users.schemas import Actor
from portal import once, page_response
from portal.components.badges import result_badge
from portal.components.enforcement import officer_named
from portal.components.forms import choices, hidden, limit, post_form, select, submit, text_input, textarea
from portal.components.sections import empty, facts, notice, page, section
from portal.components.tags import html
from portal.workspace import views

FLOW = "/me/inspect"
CHECK_FORM, RECORD_FORM = "inspect-check-form", "inspect-record-form"
RECTIFY_WORKING_DAYS = 15  # the deadline the form proposes; the officer may change it
_FOUND_FIRST = [Finding.NO_PROBLEM, Finding.MINOR, Finding.SERIOUS, Finding.NOT_CHECKED]
_ANSWERS = {finding.value for finding in Finding}
# Step 4's fields by the record's names where the form's differ, to mark the one a refusal names.
FIELDS = {"officer_ids": "co", "rectification_deadline": "deadline"}


def _steps(current: int) -> html.Ol:
    names = [_("Choose the business"), _("Check the items"), _("The result shows"),
             _("Opinion and deadline")]
    return html.Ol([html.Li(name, **({"aria-current": "step"} if n == current else {}))
                    for n, name in enumerate(names, 1)], className="steps")


def choose(actor: Actor, text: str = "") -> html.Article:
    """Step 1: a search over the unit's districts."""
    page_response.set_title(_("Record an inspection"))
    found = (businesses.search_in_districts(get_db(), text=text, districts=actor.unit_districts)
             if text else [])
    rows = [html.Li(html.Div([html.A(row.name, href=f"{FLOW}?code={row.code}"),
                              html.Span(f"{row.district} · {row.address}", className="muted")],
                             className="row-head")) for row in found]
    results = (html.Ul(rows, className="rows", id="inspect-choices") if rows
               else empty(_("No business of your unit matches.")) if text else None)
    return page(_("Record an inspection"), _steps(1), html.Form([
        *text_input("q", _("Name, address or credit code"), value=text, required=True,
                    control_id="inspect-search"),
        submit(_("Search"))], method="get", action=FLOW, className="form card"),
        results, lead=_("Only businesses in your unit's districts are listed."))


def answering(actor: Actor, task_id: str) -> TaskPublic | None:
    """The task the inspection is recorded for (?task= from the task's page), as the officer may
    read it; the service checks again that it fits when the inspection is recorded."""
    return tasks.get(get_db(), actor=actor, task_id=task_id) if task_id else None


def _business_facts(business: dict[str, Any], task: TaskPublic | None = None) -> html.Dl:
    return facts([(_("Business"), business["name"]), (_("Credit code"), business["code"]),
                  (_("Trade"), _(TRADE_LABELS[business["trade"]])),
                  (_("Address"), business["address"]),
                  (_("For the task"), html.A(task.title, href=f"/tasks/{task.id}") if task else None)])


def _source_of(task: TaskPublic | None) -> str:
    """The source a task's inspection is recorded with (a drawn task's: random draw)."""
    source = answers.ANSWERED_BY.get(TaskSource(task.source)) if task else None
    return (source or InspectionSource.ROUTINE).value


def checklist_page(actor: Actor, code: str, checks: list[ItemCheck] | None = None,
                   error: str = "", unanswered: Collection[int] = (), task_id: str = "") -> html.Article:
    """Step 2: each item of the trade's checklist, ticked as no problem, minor or serious. No
    answer is preselected: every item is answered on purpose (`unanswered`: the items a refused
    form left without one, marked). `task_id`: the task it is recorded for, carried on."""
    _actor, business = inspections.subject(get_db(), actor=actor, code=code)
    task = answering(actor, task_id)
    page_response.set_title(_("Record an inspection"))
    items = checklists.checklist(business["trade"])
    given = {check.item: check for check in checks or []}
    options = [(finding.value, _(FINDING_LABELS[finding])) for finding in _FOUND_FIRST]
    rows = []
    for n, item in enumerate(items):
        check, label = given.get(item), checklists.item_label(item)
        missing = n in unanswered
        rows.append(html.Div([
            choices(f"item-{n}", label, options, kind="radio", group_id=f"item-{n}", required=True,
                    chosen={check.finding.value} if check and not missing else set(),
                    errors={f"item-{n}": _("Choose an answer for this item.")} if missing else None),
            # named by its item: a screen reader reaching the note hears which item it is about
            *text_input(f"note-{n}", _("{item}: what was found (if anything)").format(item=label),
                        value=check.note if check else "", control_id=f"note-{n}")],
            className="check-item"))
    return page(_("Record an inspection"), _steps(2), _business_facts(business, task),
                notice(error, "bad") if error else None,
                post_form(f"{FLOW}/check", hidden("code", business["code"]),
                          *([hidden("task", task.id)] if task else []), *rows,
                          submit(_("Show the result"), button_id="inspect-show-result"),
                          form_id=CHECK_FORM, className="form card"))


def ticked(form: Any, trade: str) -> list[ItemCheck]:
    """The ticks and notes of step 2 as posted (again, hidden, with step 4): never a posted
    result. An answer the form does not offer reads as not checked (read_checks refuses it)."""
    return [ItemCheck(item, _finding(form.get(f"item-{n}", "")), form.get(f"note-{n}", "")[:200].strip())
            for n, item in enumerate(checklists.checklist(trade))]


def _finding(answer: str) -> Finding:
    return Finding(answer) if answer in _ANSWERS else Finding.NOT_CHECKED


def unanswered(form: Any, trade: str) -> list[int]:
    """The checklist items the posted form left without an answer."""
    return [n for n in range(len(checklists.checklist(trade))) if not form.get(f"item-{n}")]


def read_checks(form: Any, trade: str) -> list[ItemCheck]:
    """The ticks, refused unless every item is answered with an answer offered and at least one
    item was checked; an item left unanswered is named (it is never taken as "no problem")."""
    items = checklists.checklist(trade)
    missing = unanswered(form, trade)
    if missing:
        raise Invalid("Choose an answer for each checklist item. Not answered: {items}.",
                      items=listed(checklists.item_label(items[n]) for n in missing))
    if any(form.get(f"item-{n}") not in _ANSWERS for n in range(len(items))):
        raise Invalid("Choose one of the given answers for each checklist item.")
    checks = ticked(form, trade)
    if not checklists.checked_items(checks):
        raise Invalid("Check at least one item of the checklist.")
    return checks


def result_page(actor: Actor, code: str, checks: list[ItemCheck], values: dict[str, Any] | None = None,
                error: str = "", errors: Mapping[str, str] | None = None) -> html.Article:
    """Steps 3 and 4: the result the ticks give, then the opinion, deadline and co-inspectors;
    `errors` (step 4's field → why) mark the fields a refused record got wrong."""
    db = get_db()
    actor, business = inspections.subject(db, actor=actor, code=code)
    page_response.set_title(_("Record an inspection"))
    result = checklists.result_for(check.finding for check in checks)
    found = checklists.items_found(checks)
    values = values or {}
    task = answering(actor, values.get("task", ""))
    today = clock.today()
    deadline = values.get("deadline", "" if result == "compliant"
                          else workdays.add_working_days(today, RECTIFY_WORKING_DAYS).isoformat())
    colleagues = [(row["_id"], officer_named(row["name"], row["badge_number"]))
                  for row in officers.colleagues(db, unit_id=actor.unit_id or "")
                  if row["_id"] != actor.officer_id]
    carried = [hidden("code", business["code"]), *([hidden("task", task.id)] if task else [])]
    for n, check in enumerate(checks):
        carried += [hidden(f"item-{n}", check.finding.value), hidden(f"note-{n}", check.note)]
    shown = section(_("The result"), html.P([result_badge(result)], id="inspect-result"),
                    html.Ul([html.Li(checklists.found_label(item)) for item in found]) if found
                    else html.P(_("No problem found."), className="muted"), name="result")
    return page(_("Record an inspection"), _steps(3), _business_facts(business, task), shown,
                notice(error, "bad") if error else None,
                post_form(FLOW, *carried,
                          *text_input("date", _("Inspection date"), kind="date", required=True,
                                      value=values.get("date", today.isoformat()), errors=errors),
                          *select("source", _("Source"),
                                  [(s.value, _(label)) for s, label in SOURCE_LABELS.items()],
                                  value=values.get("source") or _source_of(task), errors=errors),
                          choices("co", _("Co-inspectors (at least one)"), colleagues,
                                  chosen=set(values.get("co", [])), group_id="inspect-co", errors=errors),
                          *textarea("opinion", _("Opinion"), value=values.get("opinion", ""),
                                    max_length=limit(InspectionCreate, "opinion"), errors=errors),
                          *text_input("deadline", _("Rectify by"), kind="date", value=deadline,
                                      hint=_("Required unless the result is compliant. The business gets "
                                             "a rectification task due that day; your unit checks and "
                                             "closes it."),
                                      errors=errors),
                          once.field(), submit(_("Record the inspection"), button_id="inspect-record"),
                          form_id=RECORD_FORM, className="form card"))


def to_record(actor: Actor, code: str, checks: list[ItemCheck], values: dict[str, Any]) -> InspectionCreate:
    """The record as the service takes it; pydantic and the service say what is wrong."""
    if not values.get("co"):
        raise Invalid("An inspection needs at least two different officers: "
                      "choose a co-inspector from your unit.")
    deadline = values.get("deadline") or None
    return InspectionCreate(
        business_code=code, date=values.get("date") or clock.today(), source=values.get("source"),
        officer_ids=[actor.officer_id or "", *values.get("co", [])],
        checked_items=checklists.checked_items(checks), items_found=checklists.items_found(checks),
        result=checklists.result_for(check.finding for check in checks),
        opinion=values.get("opinion", ""), rectification_deadline=deadline,
        task_id=values.get("task") or None)


def record(actor: Actor, code: str, checks: list[ItemCheck], values: dict[str, Any]) -> str:
    """Records it; returns what the workspace then says (`views.DONE`): whether the business got a
    rectification task from it."""
    recorded = inspections.record(get_db(), actor=actor, data=to_record(actor, code, checks, values))
    opened = follow_up.opens_task(recorded.result, recorded.rectification_deadline, clock.today())
    done = "inspected_rectify" if opened else "inspected"
    return f"{done}_off_draw" if recorded.off_draw else done


def not_for_you() -> html.Article:
    return views.not_for_you(_("Record an inspection"), _("Only enforcement officers record inspections."))
