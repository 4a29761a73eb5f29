"""An officer's decision on an alert is filed under the alert (and still found from its business);
the rectification order it opens reads in each reader's language, not the confirming officer's."""

import pytest

from backend import i18n
from backend.alerts import service
from backend.alerts.schemas import AlertConfirm, AlertDismiss
from backend.audit import service as audit
from backend.tasks import service as tasks
from backend.users.schemas import Actor, Role
from tests import factories, kitchen
from tests.factories import ADMIN

OFFICER = Actor(username="officer.en", role=Role.OFFICER, officer_id="OF-EN", unit_id="U-TH",
                unit_districts=["天河区"])


@pytest.fixture(scope="module")
def scene(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    code = factories.business(db, district="天河区")
    camera_id = kitchen.camera(db, code, name="后厨操作间")
    confirmed, dismissed = kitchen.alert(db, camera_id), kitchen.alert(db, camera_id, kind="smoking")
    with i18n.language("en"):  # the officer reads the portal in English
        task_id = service.confirm(db, actor=OFFICER, alert_id=confirmed, data=AlertConfirm()).task_id
        service.dismiss(db, actor=OFFICER, alert_id=dismissed, data=AlertDismiss(reason="是厨师的围裙"))
    return {"code": code, "confirmed": confirmed, "dismissed": dismissed, "task_id": task_id}


@pytest.mark.parametrize(("language", "order"), [("zh_Hans", "整改：未戴口罩（后厨操作间）"),
                                                 ("en", "Rectify: No mask (后厨操作间)")])
def test_the_order_reads_in_the_readers_language(db, scene, language, order):
    with i18n.language(language):
        task = tasks.get(db, actor=ADMIN, task_id=scene["task_id"])
    [ordered] = [event for event in task.history if event.action == "rectification_required"]
    assert ordered.note == order


def test_the_order_is_stored_in_the_sites_language(db, scene):
    stored = db.task_events.find_one({"task_id": scene["task_id"], "action": "rectification_required"})
    assert stored["note"] == "整改：未戴口罩（后厨操作间）"   # what exports and search read


def test_each_decision_is_filed_under_its_alert(db, scene):
    def actions(target):
        return [entry.action for entry in audit.listed(db, actor=ADMIN, target=target, action="alert.").data]

    assert actions(scene["confirmed"]) == ["alert.confirm", "alert.raise"]
    assert actions(scene["dismissed"]) == ["alert.dismiss", "alert.raise"]
    assert actions(scene["code"]) == ["alert.dismiss", "alert.confirm", "alert.raise", "alert.raise"]
