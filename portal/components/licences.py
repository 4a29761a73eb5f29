"""QR-page sections on papers: licences and staff health certificates (健康证)."""

from __future__ import annotations

from backend.i18n import _
from backend.licences.schemas import LICENCE_LABELS, LicencePublic
from backend.staff.schemas import StaffSummary
from portal.components.badges import badge, expiry_badge, status_badge
from portal.components.sections import empty, section
from portal.components.tags import html


def licences_section(licences: list[LicencePublic]) -> html.Section:
    if not licences:
        return section(_("Licences"), empty(_("No licence is on record.")), name="licences")
    return section(_("Licences"), html.Ul([_licence(row) for row in licences], className="rows"),
                   name="licences")


def _licence(licence: LicencePublic) -> html.Li:
    expiry = (_("Expires on {date}").format(date=licence.expires_on.isoformat())
              if licence.expires_on else _("Long-term"))
    return html.Li([
        html.Div([html.Strong(_(LICENCE_LABELS[licence.kind])),
                  expiry_badge(licence.status, licence.days_left)], className="row-head"),
        html.Div([_("No. {number}").format(number=licence.number), " · ", expiry],
                 className="muted"),
    ])


def staff_section(staff: StaffSummary) -> html.Section:
    """Validity only, never certificate details; names arrive already masked (张*)."""
    title = _("Staff health certificates")
    if not staff.total:
        return section(title, empty(_("No staff member is on record.")), name="staff")
    counts = html.Ul([
        html.Li(badge(_("{n} valid").format(n=staff.valid), "ok")),
        html.Li(badge(_("{n} expiring").format(n=staff.expiring), "warn")),
        html.Li(badge(_("{n} expired").format(n=staff.expired), "bad")),
    ], className="counts", **{"aria-label": _("Certificates by status")})
    members = html.Ul([html.Li(html.Div([
        html.Span(member.masked_name), html.Span(member.position, className="muted"),
        status_badge(member.certificate_status),
    ], className="row-head")) for member in staff.members], className="rows")
    return section(title, counts, members, name="staff")
