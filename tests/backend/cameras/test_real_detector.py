"""The shipped detector through the whole camera pipeline on a simulated stream: the alerts it
raises are violations that really were in the scene (checked against the scene's ground truth)."""

import pytest

from backend.cameras import detector, watch
from backend.cameras.sources import open_source
from tests import factories, kitchen
from tests.backend.cameras.fakes import GroundTruth

START = 1_800_000_000.0
FRAMES = 30


@pytest.fixture
def shipped(monkeypatch):
    from analytics.detection import WeightsRefused, load

    try:
        model = load("kitchen-synthetic")
    except WeightsRefused as exc:  # weights are built by `make train-detection`
        pytest.skip(str(exc))
    truth = GroundTruth()  # only records the truth; the shipped model does the detecting
    monkeypatch.setattr(watch, "open_source", lambda url, **how: truth.recording(open_source(url, **how)))
    detector.use(model)
    yield truth
    detector.use(None)


def test_shipped_model_alerts_are_in_the_ground_truth(db, shipped):
    camera_id = kitchen.camera(db, factories.business(db), source_url="sim://11")
    worker, frames_truth, raised = watch.Watcher(holder="real"), [], []
    for index in range(FRAMES):
        before = db.alerts.count_documents({"camera_id": camera_id})
        worker.cycle(db, now=START + index)
        frames_truth.append({item["class"] for item in shipped.truth.popitem()[1]})
        new = list(db.alerts.find({"camera_id": camera_id}).sort("at", 1))[before:]
        raised += [(alert["kind"], index, alert["confidence"]) for alert in new]
    assert raised, "a simulated kitchen shows violations within 30 s; the model should catch some"
    # An alert is right when its class was in the scene in one of the frames of its window (5).
    right = [kind for kind, index, _ in raised
             if any(kind in frames_truth[i] for i in range(max(0, index - 4), index + 1))]
    print(f"{len(right)} of {len(raised)} alerts in the ground truth: {raised}")
    assert len(right) / len(raised) >= 0.8, raised
