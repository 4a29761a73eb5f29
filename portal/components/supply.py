"""QR-page sections on food supply: recent ingredient purchases (进货查验) and rapid tests (快检)."""

from __future__ import annotations

from backend.i18n import _
from backend.purchases.schemas import PurchasePublic, RapidTestPublic
from portal.components.badges import test_result_badge
from portal.components.sections import empty, section
from portal.components.tags import html


def purchases_section(purchases: list[PurchasePublic]) -> html.Section:
    title = _("Recent ingredient purchases")
    if not purchases:
        return section(title, empty(_("No purchase record yet.")), name="purchases")
    rows = [html.Li([
        html.Div([html.Strong(row.item), html.Span(row.purchased_on.isoformat(), className="muted")],
                 className="row-head"),
        html.Div(" · ".join(part for part in (
            _("Supplier: {supplier}").format(supplier=row.supplier),
            _("Batch: {batch}").format(batch=row.batch) if row.batch else "",
            row.quantity) if part), className="muted"),
    ]) for row in purchases]
    return section(title, html.Ul(rows, className="rows"), name="purchases")


def rapid_tests_section(tests: list[RapidTestPublic]) -> html.Section:
    title = _("Rapid test results")
    if not tests:
        return section(title, empty(_("No rapid test yet.")), name="rapid-tests")
    rows = [html.Li(html.Div([
        html.Strong(row.item), html.Span(row.test), test_result_badge(row.result),
        html.Span(row.tested_on.isoformat(), className="muted"),
    ], className="row-head")) for row in tests]
    return section(title, html.Ul(rows, className="rows"), name="rapid-tests")
