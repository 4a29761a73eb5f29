"""Pieces of the bright-kitchen pages: camera cards, the QR page's "AI checked" strip, alert rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import flask

from backend.alerts.rules import AlertRule
from backend.alerts.schemas import KIND_LABELS, STATUS_LABELS, AlertPublic, KitchenSummary
from backend.cameras import hours, mosaic
from backend.cameras.schemas import LOCATION_LABELS, CameraPublic
from backend.cameras.schemas import STATUS_LABELS as CAMERA_STATUS
from backend.i18n import N_, _, ngettext
from portal import csrf
from portal.components.sections import notice
from portal.components.tags import dcc, html, server_only
from portal.components.times import clock_time, day


def when(moment: datetime | None) -> str:
    """A stored time on the municipality's clock, its zone said so nobody guesses."""
    return clock_time(moment) if moment else _("never")


def flashed() -> list[Any]:
    """The result of the last form posted (a plain redirect carries it in the session)."""
    if not flask.has_request_context():
        return []
    return [notice(text, tone) for tone, text in flask.get_flashed_messages(with_categories=True)]


CLOSED = N_("outside staffed hours")


@dataclass(frozen=True)
class Draft:
    """A refused form (by its action), shown again as it was typed, with the reason."""

    action: str
    values: dict[str, str]
    error: str


def draft_of(draft: Draft | None, action: str) -> Draft | None:
    """`draft` if it is the form posting to `action`, the one to draw as typed."""
    return draft if draft is not None and draft.action == action else None


def stray(draft: Draft | None, actions: set[str]) -> list[Any]:
    """The reason of a refused form the page does not draw (another business's camera, an alert
    decided since), on top, so it is not lost."""
    return [notice(draft.error, "bad")] if draft is not None and draft.action not in actions else []


def live_wall(shown: list[CameraPublic]) -> html.Div:
    """A page of the wall: one live picture of all its tiles (one stream, see
    backend.cameras.mosaic), with a link laid over each tile; without the picture, a plain list."""
    ids = ",".join(camera.id for camera in shown)
    width, height = mosaic.size(len(shown))
    return html.Div([
        html.Img(src=f"/kitchen/wall.mjpg?ids={ids}", width=width, height=height, className="wall-picture",
                 alt=_("Live views of the {count} kitchens listed below").format(count=len(shown))),
        html.Ol([_tile_link(number, camera) for number, camera in enumerate(shown, 1)],
                className="wall-tiles"),
    ], className="kitchen-wall")


def _tile_link(number: int, camera: CameraPublic) -> html.Li:
    label = [html.Strong(f"{number}. {camera.business_name or camera.business_code}"),
             html.Span(f" · {_(LOCATION_LABELS[camera.location])}")]
    if camera.status != "online":
        label.append(html.Span(f" · {_(CAMERA_STATUS[camera.status])}"))
    if hours.closed_now(camera.staffed_hours):   # an empty kitchen at night is no fault
        label.append(html.Span(" · " + _(CLOSED)))
    return html.Li(dcc.Link(html.Span(label, className="tile-label"), href=f"/kitchen/{camera.id}",
                            className=f"tile-link camera-{camera.status}"))


def ai_strip(kitchen: KitchenSummary | None, carry: str = "") -> html.Section | None:
    """Light on purpose: text and a link, no video, so the QR page stays fast on a phone.
    `carry`: the sticker's signature for the link to the camera (portal.sticker)."""
    if kitchen is None:
        return None
    parts: list[Any] = [
        html.Strong(_("AI checked")), " · ",
        _("last check {time}").format(time=when(kitchen.last_check_at)), " · ",
        ngettext("{count} alert confirmed in 30 days", "{count} alerts confirmed in 30 days",
                 kitchen.confirmed_30d).format(count=kitchen.confirmed_30d)]
    if kitchen.public_camera_id:
        parts += [" · ", html.A(_("Watch the kitchen live"),
                                href=f"/kitchen/{kitchen.public_camera_id}{carry}")]
    parts += [" · ", html.A(_("How the AI is checked"), href="/kitchen/ai")]
    return html.Section(html.P(parts), className="card card-kitchen")


def alert_row(alert: AlertPublic, *, actions: list[Any]) -> html.Li:
    facts = [_(KIND_LABELS.get(alert.kind, alert.kind))]
    if alert.confidence is not None:
        facts.append(_("confidence {value:.0%}").format(value=alert.confidence))
    facts += [alert.camera_name, when(alert.at), _(STATUS_LABELS[alert.status])]
    if alert.overturned:
        facts.append(_("counted without an officer, then dismissed by one"))
    elif alert.auto_confirmed and alert.auto_threshold is not None:
        facts.append(_("counted without an officer: confidence {threshold:.0%} or more").format(
            threshold=alert.auto_threshold))
    image = (html.A(html.Img(src=f"/alerts/{alert.id}/snapshot.jpg", alt=_("Evidence snapshot"),
                             width=320, className="alert-snapshot"),
                    href=f"/alerts/{alert.id}/snapshot.jpg") if alert.has_snapshot else None)
    details: list[Any] = [dcc.Link(_("Live view"), href=f"/kitchen/{alert.camera_id}")]
    if alert.business_name:
        details.append(dcc.Link(alert.business_name, href=f"/b/{alert.business_code}"))
    if alert.rectify_by:
        details.append(html.Span(_("Rectify by {date}").format(date=day(alert.rectify_by))))
    if alert.rectification:
        details.append(html.Span(_("Rectification: {note}").format(note=alert.rectification)))
    if alert.reason:
        details.append(html.Span(_("Reason: {reason}").format(reason=alert.reason)))
    return html.Li([image, clip_strip(alert), html.P(" · ".join(facts), className="alert-facts"),
                    html.P([item for d in details for item in (d, " ")]), *actions],
                   className=f"alert alert-{alert.status}", id=f"alert-{alert.id}")


def clip_strip(alert: AlertPublic) -> html.Div | None:
    """The frames that made the rule fire, oldest first, as a row of small images (each opens
    full size): the persistence an officer judges, readable without scripts."""
    if not alert.clip_frames:
        return None
    total = alert.clip_frames
    frames = [html.Li(html.A(html.Img(
        src=f"/alerts/{alert.id}/clip/{index}.jpg", width=96, height=72, **server_only(loading="lazy"),
        alt=_("Frame {number} of {total}").format(number=index + 1, total=total)),
        href=f"/alerts/{alert.id}/clip/{index}.jpg")) for index in range(total)]
    return html.Div([html.P(_("The last {count} frames before the alert, oldest first:").format(count=total),
                            className="muted"),
                     html.Ol(frames, className="clip")])


def rules_table(rows: list[AlertRule], *, table_id: str | None = None) -> html.Table:
    """Each class's alert rule in words a reader checks an alert against."""
    body = [html.Tr([html.Td(_(KIND_LABELS.get(row.kind, row.kind))),
                     html.Td(_("{persist} of {window}").format(persist=row.persist, window=row.window)),
                     html.Td(_("{minutes} min").format(minutes=f"{row.cooldown_s / 60:g}")),
                     html.Td(f"{row.min_confidence:.0%}")]) for row in rows]
    head = html.Tr([html.Th(_("Alert")), html.Th(_("Frames needed")), html.Th(_("Quiet time after an alert")),
                    html.Th(_("Confidence at least"))])
    return html.Table([html.Thead(head), html.Tbody(body)], id=table_id, className="table")


def post_form(action: str, label: str, *fields: Any) -> html.Form:
    return html.Form([*fields, csrf.field(), html.Button(label, type="submit")],
                     method="post", action=action, className="form inline-form")
