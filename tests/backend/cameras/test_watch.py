"""The camera worker end to end on simulated cameras: alerts match the scene's ground truth,
the live frame is published, and a silent camera raises one "camera offline" alert."""

import io

import pytest
from PIL import Image

from analytics.detection.alerts import DEFAULT_RULES
from backend.alerts import service as alerts
from backend.alerts.schemas import RULED_KINDS
from backend.cameras import detector, watch
from backend.cameras.sources import open_source
from backend.config import get_settings
from tests import factories, kitchen
from tests.backend.cameras.fakes import GroundTruth
from tests.factories import ADMIN

START = 1_800_000_000.0  # simulated seconds: the scene is a pure function of time
FRAMES = 40


def _width(jpeg: bytes) -> int:
    return Image.open(io.BytesIO(jpeg)).width


def expected_alerts(truth: list[list[dict]]) -> set[tuple[str, int]]:
    """Worked out from the scene alone: the first frame where a violation was present in
    `persist` of the last `window` frames (the cooldown outlasts the run: once per class)."""
    expected = set()
    for kind, rule in DEFAULT_RULES.items():
        present = [any(item["class"] == kind for item in frame) for frame in truth]
        for index in range(len(present)):
            recent = present[max(0, index + 1 - rule.window):index + 1]
            if present[index] and sum(recent) >= rule.persist:
                expected.add((kind, index))
                break
    return expected


@pytest.fixture
def ground_truth(monkeypatch):
    fake = GroundTruth()
    detector.use(fake)
    monkeypatch.setattr(watch, "open_source", lambda url, **how: fake.recording(open_source(url, **how)))
    yield fake
    detector.use(None)


def test_simulated_stream_raises_the_alerts_its_ground_truth_calls_for(db, ground_truth):
    code = factories.business(db)
    camera_id = kitchen.camera(db, code, source_url="sim://11")
    worker, raised = watch.Watcher(holder="worker-a"), set()
    for index in range(FRAMES):
        before = {str(a["_id"]) for a in db.alerts.find({"camera_id": camera_id}, {"_id": 1})}
        assert worker.cycle(db, now=START + index) == 1
        for alert in db.alerts.find({"camera_id": camera_id}):
            if str(alert["_id"]) not in before:
                raised.add((alert["kind"], index))
                truth_boxes = [list(item["box"]) for item in ground_truth.seen[index]
                               if item["class"] == alert["kind"]]
                assert [round(v, 1) for v in alert["box"]] in [[round(v, 1) for v in b] for b in truth_boxes]
                assert alert["has_snapshot"] and alert["model"] == "ground-truth"
                # The evidence sequence: the rule's window of frames, ending with this one.
                window = DEFAULT_RULES[alert["kind"]].window
                assert alert["clip_frames"] == min(index + 1, window)
                widths = {_width(alerts.clip_frame(db, actor=ADMIN, alert_id=str(alert["_id"]), index=i))
                          for i in range(alert["clip_frames"])}
                assert widths == {watch.CLIP_WIDTH}
    expected = expected_alerts(ground_truth.seen)
    assert expected, "the simulated scene should show some violation within 40 s"
    assert raised == expected
    camera = db.cameras.find_one({"_id": camera_id})
    assert camera["status"] == "online" and camera["watched_by"] == "worker-a"
    assert bytes(db.camera_frames.find_one({"camera_id": camera_id})["jpeg"])[:2] == b"\xff\xd8"


def test_a_silent_camera_raises_one_offline_alert(db, monkeypatch, ground_truth):
    monkeypatch.setattr(get_settings(), "camera_offline_after_s", 30.0)
    code = factories.business(db)
    camera_id = kitchen.camera(db, code, source_url="file:///nonexistent/kitchen.mp4")
    assert ADMIN  # a file source: only an administrator may register one (the factory is one)
    worker = watch.Watcher(holder="worker-b")
    for seconds in (0, 10, 29):
        worker.cycle(db, now=START + seconds)
    assert db.alerts.count_documents({"camera_id": camera_id}) == 0
    for seconds in (31, 40, 90):
        worker.cycle(db, now=START + seconds)
    offline = list(db.alerts.find({"camera_id": camera_id}))
    assert [alert["kind"] for alert in offline] == ["camera_offline"]
    assert db.cameras.find_one({"_id": camera_id})["status"] == "offline"


def test_nothing_is_raised_inside_an_ignored_zone(db, ground_truth):
    code = factories.business(db)
    camera_id = kitchen.camera(db, code, source_url="sim://11",
                               zones=[{"x1": 0, "y1": 0, "x2": 1, "y2": 1, "classes": []}])
    worker = watch.Watcher(holder="worker-c")
    for index in range(FRAMES):
        worker.cycle(db, now=START + index)
    assert expected_alerts(ground_truth.seen)  # the same scene that raised alerts above
    assert db.alerts.count_documents({"camera_id": camera_id}) == 0


def test_a_camera_is_judged_by_its_own_rules(db, ground_truth):
    code = factories.business(db)
    only_at_once = dict.fromkeys(RULED_KINDS) | {"no_chef_hat": {"persist": 1, "window": 1}}
    camera_id = kitchen.camera(db, code, source_url="sim://11")
    db.cameras.update_one({"_id": camera_id}, {"$set": {"rules": only_at_once}})
    worker = watch.Watcher(holder="worker-d")
    for index in range(FRAMES):
        worker.cycle(db, now=START + index)
    raised = list(db.alerts.find({"camera_id": camera_id}))
    assert [alert["kind"] for alert in raised] == ["no_chef_hat"]  # every other class is off here
    assert raised[0]["frames"] == 1 and raised[0]["clip_frames"] == 1


@pytest.mark.parametrize(("staffed", "raised"), [
    ("06:00-12:00", True),    # START is 16:00 in Beijing: out of hours
    ("06:00-22:00", False),
    ("22:00-17:00", False),   # a night shift into the afternoon
    ("", False),              # no staffed hours: people in a kitchen are no news
])
def test_anyone_in_view_outside_staffed_hours_raises_an_alert(db, ground_truth, monkeypatch, staffed, raised):
    monkeypatch.setattr(get_settings(), "timezone", "Asia/Shanghai")
    code = factories.business(db)
    camera_id = kitchen.camera(db, code, source_url="sim://11", staffed_hours=staffed)
    worker = watch.Watcher(holder=f"worker-hours-{staffed}")
    for index in range(FRAMES):
        worker.cycle(db, now=START + index)
    assert any(item["class"] == "person" for frame in ground_truth.seen for item in frame)
    kinds = {alert["kind"] for alert in db.alerts.find({"camera_id": camera_id})}
    assert ("person" in kinds) is raised


def test_the_frames_seen_out_of_hours_are_forgotten_once_the_staff_are_back(db, ground_truth, monkeypatch):
    monkeypatch.setattr(get_settings(), "timezone", "Asia/Shanghai")
    camera_id = kitchen.camera(db, factories.business(db), source_url="sim://11", staffed_hours="06:00-12:00")
    worker = watch.Watcher(holder="worker-night")
    for index in range(5):
        worker.cycle(db, now=START + index)  # 16:00 in Beijing: watched for anyone
    assert "person" in worker.watched[camera_id].state.history
    worker.cycle(db, now=START + 16 * 3600)  # 08:00 the next morning: staffed
    assert "person" not in worker.watched[camera_id].state.history  # tonight starts afresh
