"""Evidence files in the workspace's forms (credit repair, objections): a file picker that offers
again what a refused form stored (a browser never sends a file twice by itself), the files as
posted, stored one by one with each refusal named on its own field, and a filing's files to open."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import flask
from pydantic import ValidationError

from backend.config import get_settings
from backend.database import get_db
from backend.errors import Invalid, TooManyRequests
from backend.i18n import _, listed, translations
from backend.repair import service as repair
from backend.repair.schemas import EVIDENCE_LABELS, Evidence, EvidenceKind
from backend.users.schemas import Actor
from portal.components.forms import hidden, invalid, labelled
from portal.components.tags import dcc, html

# What the pickers offer: the types repair.service.ALLOWED_EVIDENCE_TYPES takes (it checks the bytes).
ACCEPT = ",".join(repair.ALLOWED_EVIDENCE_TYPES)


def kept_field(control: str) -> str:
    """The hidden field carrying the ids of the files a refused form stored for `control`."""
    return f"{control}-kept"


@dataclass(frozen=True)
class Posted:
    """One file as posted: the control it came in (`control`), the form field a refusal marks
    (`field`), its name and its bytes (read up to one byte over the limit, which refuses it)."""

    control: str
    field: str
    name: str
    content: bytes


def posted(controls: Mapping[str, str]) -> list[Posted]:
    """The files chosen in each control (control → the field its refusal marks)."""
    most = get_settings().evidence_max_bytes + 1
    return [Posted(control, field, upload.filename, upload.stream.read(most))
            for control, field in controls.items()
            for upload in flask.request.files.getlist(control) if upload.filename]


def kept_ids(form: Mapping[str, str], control: str) -> list[str]:
    """The ids of the files kept for `control`, as the form carries them (untrusted: the services
    take only the business's own)."""
    return [file_id for file_id in form.get(kept_field(control), "").split(",") if file_id]


def store(actor: Actor, code: str, files: list[Posted], kept: dict[str, str], *,
          adding: bool = False) -> dict[str, list[str]]:
    """Stores every file (control → the new ids); `kept` gets each control's files for the form
    to offer again: the new ones in place of those it kept before, or after them (`adding`). A
    file refused (its type, its size, too many waiting) is named on its field, as a
    ValidationError raised once the others are stored, so that only it must be chosen again."""
    db, stored, refused = get_db(), {}, []
    for upload in files:
        try:
            found = repair.attach_evidence(db, actor=actor, business_code=code, file_name=upload.name,
                                           content_type="", content=upload.content)
        except (Invalid, TooManyRequests) as exc:
            refused.append((upload.field, exc))
            continue
        stored.setdefault(upload.control, []).append(found.id)
    for control, ids in stored.items():
        before = kept_ids(flask.request.form, control) if adding else []
        kept[kept_field(control)] = ",".join(before + ids)
    if refused:
        raise ValidationError.from_exception_data("Evidence", [
            {"type": "value_error", "loc": (field,), "input": "", "ctx": {"error": exc}}
            for field, exc in refused])
    return stored


def picker(control: str, label: str, *, actor: Actor, kept: list[str], reason: str | None,
           required: bool = False, multiple: bool = False, hint: str = "") -> list[Any]:
    """A file picker, marked when its file was refused; the files a refused form kept (`kept`,
    ids, the business's own only) are named under it and sent again, so they need not be chosen
    again. `hint`: what choosing files does to the kept ones (replaces them, adds to them)."""
    names = repair.evidence_names(get_db(), actor=actor, business_code=actor.business_code or "",
                                  file_ids=kept) if kept else {}
    control_tag = dcc.Input(id=control, name=control, type="file", accept=ACCEPT,
                            required=required and not names, **({"multiple": True} if multiple else {}),
                            **invalid(control, reason))
    parts = labelled(label, control, control_tag, reason=reason)
    if names:
        parts += [hidden(kept_field(control), ",".join(names)),
                  html.Small(_("Kept from your last sending: {names}.").format(names=listed(names.values()))
                             + " " + hint, className="muted")]
    return parts


def heading(item: Evidence) -> str:
    """The kind in the reader's language, and the filer's own title where it says more than the
    kind's label in some language (the form files the label in the filer's language)."""
    if item.kind == EvidenceKind.OTHER:
        return item.title
    label = EVIDENCE_LABELS[item.kind]
    return _(label) if item.title in translations(label) else f"{_(label)}: {item.title}"


def evidence_list(record_id: str, items: list[Evidence], path: Callable[[str, str], str]) -> html.Ul:
    """Each piece of evidence with its description, and its file to open (at `path(record_id,
    file_id)`) where one was uploaded."""
    rows = []
    for n, item in enumerate(items, 1):
        parts: list[Any] = [html.Strong(heading(item))]
        if item.note:
            parts += [" ", html.Span(item.note)]
        if item.file_id:
            parts += [" · ", html.A(_("Open the file"), href=path(record_id, item.file_id),
                                    id=f"evidence-{record_id}-{n}")]
        rows.append(html.Li(parts))
    return html.Ul(rows)
