"""An alert's evidence sequence: the frames of the rule's window, seen by whoever sees the alert,
kept as long as the snapshot and then deleted with it."""

from datetime import timedelta

import pytest
from bson import ObjectId

from backend import clock
from backend.alerts import service as alerts
from backend.config import get_settings
from tests import factories, kitchen
from tests.kitchen import ROLES

READERS = (401, 403, 403, 200, 200, 403, 200)


@pytest.fixture(scope="module")
def world(db, api):
    code = factories.business(db, district="天河区", name="证据餐厅")
    return code, kitchen.camera(db, code), kitchen.headers_by_role(api, db, code)


@pytest.mark.parametrize("role, status", list(zip(ROLES, READERS, strict=True)))
def test_who_sees_the_frames(db, api, world, role, status):
    _code, camera_id, headers = world
    alert_id = kitchen.alert(db, camera_id, clip=3)
    response = api.get(f"/api/v1/alerts/{alert_id}/clip/1.jpg", headers=headers[role])
    assert response.status_code == status
    if status == 200:
        assert response.headers["content-type"] == "image/jpeg"
        assert response.content == b"\xff\xd8frame-1\xff\xd9"


def test_the_frames_come_oldest_first_and_no_further(db, api, world):
    _code, camera_id, headers = world
    alert_id = kitchen.alert(db, camera_id, clip=5)
    admin = headers["admin"]
    assert api.get(f"/api/v1/alerts/{alert_id}", headers=admin).json()["clip_frames"] == 5
    frames = [api.get(f"/api/v1/alerts/{alert_id}/clip/{i}.jpg", headers=admin).content for i in range(5)]
    assert frames == [f"\xff\xd8frame-{i}\xff\xd9".encode("latin-1") for i in range(5)]
    assert api.get(f"/api/v1/alerts/{alert_id}/clip/5.jpg", headers=admin).status_code == 404


def test_an_alert_keeps_at_most_ten_frames(db, world):
    _code, camera_id, _headers = world
    alert_id = kitchen.alert(db, camera_id, clip=14)
    stored = db.alerts.find_one({"_id": ObjectId(alert_id)})
    assert stored["clip_frames"] == 10


def test_the_frames_go_with_the_snapshot_after_the_retention_period(db, api, world):
    _code, camera_id, headers = world
    old, recent = kitchen.alert(db, camera_id, clip=3), kitchen.alert(db, camera_id, clip=3)
    past = clock.now() - timedelta(days=get_settings().snapshot_retention_days + 1)
    db.alerts.update_one({"_id": ObjectId(old)}, {"$set": {"at": past}})
    alerts.purge_snapshots(db)
    admin = headers["admin"]
    gone = api.get(f"/api/v1/alerts/{old}", headers=admin).json()
    assert (gone["clip_frames"], gone["has_snapshot"]) == (0, False)
    assert api.get(f"/api/v1/alerts/{old}/clip/0.jpg", headers=admin).status_code == 404
    assert api.get(f"/api/v1/alerts/{recent}/clip/0.jpg", headers=admin).status_code == 200
