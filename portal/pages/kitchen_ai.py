"""How the AI is checked (/kitchen/ai): each class's precision as officers judged it, and the model."""

from __future__ import annotations

from typing import Any

import dash

from backend.alerts import rules as alert_rules
from backend.alerts import service as alerts
from backend.alerts.schemas import KIND_LABELS
from backend.config import get_settings
from backend.database import get_db
from backend.i18n import _
from portal.components.kitchen import rules_table
from portal.components.sections import page, section
from portal.components.tags import html

# Registered before the camera page (/kitchen/<camera_id>), so this address is not read as a camera.
dash.register_page(__name__, path="/kitchen/ai", title=lambda **_path: _("How the AI is checked"))

PRECISION_TABLE = "kitchen-precision"
RULES_TABLE = "kitchen-rules"


def layout(**_query: str) -> html.Article:
    db = get_db()
    result = alerts.precision(db)
    rows = [html.Tr([html.Td(_(KIND_LABELS[row.kind])), html.Td(str(row.confirmed)),
                     html.Td(str(row.dismissed)),
                     html.Td(f"{row.precision:.0%}" if row.precision is not None else "—")])
            for row in result.classes]
    table = html.Table([html.Thead(html.Tr([html.Th(_("Alert")), html.Th(_("Confirmed")),
                                            html.Th(_("Dismissed")), html.Th(_("Precision"))])),
                        html.Tbody(rows)], id=PRECISION_TABLE, className="table")
    model_text = _("No alert has been raised yet, so no model version is on record.")
    if result.model:
        model_text = _("Model in use: {name}, version {version}.").format(
            name=result.model, version=result.version)
    # ALERT_AUTO_CONFIRM: with it, some alerts count before any officer has seen them, and the
    # page must not say otherwise
    auto = bool(get_settings().alert_auto_confirm)
    return page(
        _("How the AI is checked"),
        section(_("Precision, as officers judged it"), html.P(_(
            "Alerts wait for an officer, who confirms each or dismisses it as a false alarm, except "
            "the kinds listed under \u201cWhen a camera raises an alert\u201d, which count at once "
            "from the confidence given there. Precision is the share of the alerts officers decided "
            "that were confirmed. Only confirmed alerts count in a business's record.") if auto else _(
            "Every alert waits for an officer, who confirms it or dismisses it as a false alarm. "
            "Precision is the share of decided alerts that were confirmed. Only confirmed alerts "
            "count in a business's record.")), table, name="precision"),
        section(_("When a camera raises an alert"), html.P(_(
            "An alert is raised when the AI sees a violation in enough of the last sampled frames "
            "(about one a second), and not again on the same camera until the quiet time has passed. "
            "Officers may set other rules for a single camera; its page then lists them.")),
            rules_table(alert_rules.table(), table_id=RULES_TABLE),
            *_counted_without_officer(),
            html.P(_("A business may give a camera staffed hours: outside them, anyone in view raises "
                     "a \"person in the kitchen\" alert, such as someone in the storage room at night. "
                     "The AI recognises no one; it only knows the hours.")), name="rules"),
        section(_("The model"), html.P(model_text), html.P(_(
            "Faces and masks are found by pretrained detectors shipped inside open-source packages; "
            "hats, work clothes, smoking, phones, rats and rubbish bins by a small network we train "
            "on simulated kitchen scenes. Its accuracy on real footage is lower than on those scenes: "
            "this is why alerts are checked by an officer, and only the kinds listed above count "
            "before one has, from the confidence given. A regulator can retrain it on its own labelled "
            "footage (COCO, YOLO or Pascal VOC annotations).") if auto else _(
            "Faces and masks are found by pretrained detectors shipped inside open-source packages; "
            "hats, work clothes, smoking, phones, rats and rubbish bins by a small network we train "
            "on simulated kitchen scenes. Its accuracy on real footage is lower than on those scenes: "
            "this is why every alert is checked by an officer before it counts. A regulator can "
            "retrain it on its own labelled footage (COCO, YOLO or Pascal VOC annotations).")),
            name="model"),
        lead=_("Cameras raise alerts; people decide. Here is how often the alerts were right."))


def _counted_without_officer() -> list[Any]:
    """ALERT_AUTO_CONFIRM, published: the alerts that count before any officer has seen them."""
    thresholds = get_settings().alert_auto_confirm
    if not thresholds:
        return []
    return [html.Div([
        html.P(_("These alerts count without waiting for an officer, from the confidence given (a "
                 "rectification task for the business at once); they are left out of the precision "
                 "above, since no officer judged them:")),
        html.Ul([html.Li(_("{kind} from {threshold:.0%}").format(kind=_(KIND_LABELS[kind]), threshold=value))
                 for kind, value in thresholds.items()]),
        html.P(_("An officer who finds one false dismisses it: it stops counting, its task is "
                 "withdrawn, and it counts as a false alarm above."))], id="counted-without-officer")]
