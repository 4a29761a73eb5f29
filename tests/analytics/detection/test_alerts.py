"""Alert rules as tables: persistence N of M, cooldown, zones, per-class configuration."""

import pytest

from analytics.detection.alerts import DEFAULT_RULES, CameraState, Rule, Zone, rules_from, step

W, H = 640, 480
NO_HAT = {"class": "no_chef_hat", "confidence": 0.8, "box": [100, 100, 140, 140]}  # centre (0.19, 0.25)
FAINT = {"class": "no_chef_hat", "confidence": 0.3, "box": [100, 100, 140, 140]}
RULES = {"no_chef_hat": Rule(persist=3, window=5, cooldown_s=60)}


def run(frames, *, rules=RULES, zones=(), dt=1.0):
    """Feed frames one second apart; returns the times at which alerts were raised."""
    state, raised = CameraState(), []
    for i, detections in enumerate(frames):
        state, alerts = step(state, detections, time=i * dt, width=W, height=H, rules=rules, zones=zones)
        raised += [a.time for a in alerts]
    return raised


X, _ = [NO_HAT], []


@pytest.mark.parametrize(
    "frames, expected",
    [
        ([X, X], []),  # two frames: not yet 3 of 5
        ([X, X, X], [2.0]),  # third consecutive frame raises
        ([X, _, X, _, X], [4.0]),  # 3 of the last 5, not consecutive, still persistent
        ([X, _, _, _, X, _, X], []),  # the first sighting left the window of 5
        ([X, X, _, _], []),  # raised only on a frame that has the violation
        ([X, X, X, X, X, X], [2.0]),  # cooldown: one alert, not one per frame
        ([[FAINT]] * 5, []),  # below the rule's confidence floor
    ],
)
def test_persistence_and_cooldown(frames, expected):
    assert run(frames) == expected


def test_cooldown_expires():
    frames = [X] * 70
    assert run(frames) == [2.0, 62.0]


DINING = Zone.rect(0.0, 0.0, 0.5, 0.5)  # top-left quarter, where NO_HAT's centre lies


@pytest.mark.parametrize(
    "zones, expected",
    [
        ((), [2.0]),
        ((DINING,), []),  # ignored area
        ((Zone.rect(0.0, 0.0, 0.5, 0.5, classes=["rat"]),), [2.0]),  # zone for another class only
        ((Zone.rect(0.5, 0.5, 1.0, 1.0),), [2.0]),  # zone elsewhere
        ((Zone(((0.0, 0.0), (0.6, 0.0), (0.0, 0.6))),), []),  # triangle covering the centre
    ],
)
def test_zones(zones, expected):
    assert run([X, X, X], zones=zones) == expected


def test_classes_are_independent_and_alert_carries_evidence():
    rat = {"class": "rat", "confidence": 0.9, "box": [300, 400, 340, 420]}
    state = CameraState()
    raised = []
    for t, dets in enumerate([[rat], [rat, NO_HAT], [NO_HAT], [NO_HAT]]):
        state, alerts = step(state, dets, time=float(t), width=W, height=H)
        raised += [(a.cls, a.time, a.box, a.frames) for a in alerts]
    assert raised == [("rat", 1.0, rat["box"], 2), ("no_chef_hat", 3.0, NO_HAT["box"], 3)]


def test_state_survives_a_round_trip():
    state, _ = step(CameraState(), [NO_HAT], time=0.0, width=W, height=H, rules=RULES)
    state, _ = step(
        CameraState.from_dict(state.to_dict()), [NO_HAT], time=1.0, width=W, height=H, rules=RULES
    )
    state, alerts = step(
        CameraState.from_dict(state.to_dict()), [NO_HAT], time=2.0, width=W, height=H, rules=RULES
    )
    assert [a.cls for a in alerts] == ["no_chef_hat"]


def test_configuration():
    rules = rules_from({"rat": {"persist": 1, "window": 1}, "phone": None})
    assert rules["rat"].persist == 1 and "phone" not in rules
    assert rules["no_mask"] == DEFAULT_RULES["no_mask"]
    with pytest.raises(ValueError):
        rules_from({"dragon": {}})
    with pytest.raises(ValueError):
        Rule(persist=6, window=5)
    with pytest.raises(ValueError):
        Zone(((0, 0), (1, 1)))
