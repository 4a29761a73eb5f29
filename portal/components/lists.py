"""Red/black list pieces: criteria in words, an edition's header and its entries."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import islice
from typing import Any

from backend.businesses.schemas import TRADE_LABELS, Trade
from backend.database import get_db
from backend.i18n import _
from backend.lists import service as lists
from backend.lists.schemas import (
    LIST_LABELS,
    RULE_LABELS,
    Criterion,
    EditionPublic,
    Entry,
    ListKind,
)
from portal.components.sections import empty, facts, section
from portal.components.tags import dcc, html
from portal.components.times import clock_time

SHOWN_ENTRIES = 500  # longer lists are read through the CSV download


def criterion_text(criterion: Criterion) -> str:
    return _(RULE_LABELS[criterion.rule]).format(days=criterion.within_days,
                                                 threshold=f"{criterion.threshold:g}")


def edition_criteria(db: Any, version: int) -> dict[str, Criterion]:
    """The criteria an edition was computed with (its `criteria_version`), by id: an entry names
    its criterion by id, which a reader should see in words. Version 0 is the shipped default."""
    return {criterion.id: criterion for criterion in lists.criteria_of_version(db, version)}


def criteria_section(version: int, criteria: list[Criterion], note: str) -> html.Section:
    rows = [html.Li([html.Strong(f"{c.id} · {_(LIST_LABELS[c.list])}"), " ", criterion_text(c)])
            for c in criteria]
    return section(_("Criteria (version {version})").format(version=version),
                   html.Ul(rows, className="rows"),
                   html.P(note, className="muted") if version else None, name="criteria")


CHANGES_SHOWN = 50


def _changes(db: Any, keys: list[str]) -> list[Any] | None:
    """Businesses that joined or left the lists: by name, linked, under the list they joined or
    left; the first CHANGES_SHOWN, then how many more (a first edition adds every listed one)."""
    if not keys:
        return None
    by_list: dict[ListKind, list[Any]] = {}
    for change in lists.named_changes(db, keys, limit=CHANGES_SHOWN):
        names = by_list.setdefault(change.list, [])
        names += [_(", ") if names else "", dcc.Link(change.business_name, href=f"/b/{change.business_code}")]
    shown: list[Any] = [html.Div([_("{list}: ").format(list=_(LIST_LABELS[kind])), *names])
                        for kind, names in sorted(by_list.items())]
    if len(keys) > CHANGES_SHOWN:
        shown.append(html.Div(_("and {n} more").format(n=len(keys) - CHANGES_SHOWN)))
    return shown


def reason_text(reason: str) -> str:
    """An entry's stored reason (part of the edition's hash, so kept as published) in words:
    "excellent: 96 (2026-08-04)" and "non_compliant: <days>" are the rules' own shorthand."""
    if reason.startswith("excellent: ") and reason.endswith(")") and " (" in reason:
        score, day = reason.removeprefix("excellent: ").rstrip(")").split(" (", 1)
        return _("Quantified grade Excellent: {score} points on {date}").format(score=score, date=day)
    if reason.startswith("non_compliant: "):
        return _("Non-compliant inspections on {dates}").format(
            dates=reason.removeprefix("non_compliant: "))
    return reason  # decision numbers with their dates


def edition_facts(edition: EditionPublic) -> html.Dl:
    db = get_db()
    correction = None
    if edition.corrects is not None:
        correction = [dcc.Link(_("Corrects edition {n}").format(n=edition.corrects),
                               href=f"/lists/{edition.corrects}"), ": ", edition.correction_note]
    return facts([
        (_("Edition"), str(edition.number)), (_("Cut-off date"), edition.cut_off.isoformat()),
        (_("Published"), clock_time(edition.published_at)),
        (_("Criteria version"), str(edition.criteria_version)),
        (_("Correction"), correction),
        (_("Added since the previous edition"), _changes(db, edition.added)),
        (_("Removed since the previous edition"), _changes(db, edition.removed)),
        (_("SHA-256 of this edition"), html.Code(edition.hash)),
    ])


def _trade(value: str) -> str:
    return _(TRADE_LABELS[Trade(value)]) if value in Trade.__members__.values() else value


def entries_section(kind: ListKind, entries: Any, *, number: int, total: int,
                    criteria: Mapping[str, Criterion]) -> html.Section:
    shown = list(islice(entries, SHOWN_ENTRIES))
    title = f"{_(LIST_LABELS[kind])} ({total})"
    if not shown:
        return section(title, empty(_("No business is on this list in this edition.")),
                       name=f"list-{kind.value}")
    rows = [_entry(entry, criteria.get(entry.criterion_id)) for entry in shown]
    download = html.A(_("Download as CSV"),
                      href=f"/api/v1/lists/editions/{number}/entries?list={kind.value}&format=csv")
    return section(title, html.Ul(rows, className="rows"), html.P(download, className="muted"),
                   name=f"list-{kind.value}")


def _entry(entry: Entry, criterion: Criterion | None) -> html.Li:
    return html.Li([
        html.Div([dcc.Link(entry.business_name, href=f"/b/{entry.business_code}"),
                  html.Span(f"{entry.district} · {_trade(entry.trade)}", className="muted")],
                 className="row-head"),
        facts([(_("Criterion"), criterion_text(criterion) if criterion else entry.criterion_id),
               (_("Reason"), reason_text(entry.reason)),
               (_("Listed since"), entry.listed_since.isoformat())]),
    ])
