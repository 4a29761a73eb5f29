"""The registry: shipped detectors load by name, verified by SHA-256, and answer in the one output shape."""

import numpy as np
import pytest

from analytics.detection import CLASSES, WeightsRefused, load
from analytics.detection.registry import KITCHEN, PACKAGED, check, packaged


def test_classes_are_exactly_the_agreed_names():
    assert CLASSES == (
        "person",
        "chef_hat",
        "no_chef_hat",
        "mask",
        "no_mask",
        "work_clothes",
        "no_work_clothes",
        "smoking",
        "phone",
        "rat",
        "bin_open",
        "bin_closed",
    )


def test_tampered_weights_are_refused(tmp_path):
    tampered = tmp_path / "kitchen.pt"
    data = bytearray(KITCHEN["file"].read_bytes())
    data[-10] ^= 0xFF
    tampered.write_bytes(bytes(data))
    with pytest.raises(WeightsRefused, match="SHA-256"):
        load("kitchen-synthetic", path=tampered)
    with pytest.raises(WeightsRefused, match="missing"):
        load("kitchen-synthetic", path=tmp_path / "absent.pt")


def test_packaged_files_are_verified(monkeypatch):
    monkeypatch.setitem(PACKAGED, "centerface", {**PACKAGED["centerface"], "sha256": "0" * 64})
    with pytest.raises(WeightsRefused):
        packaged("centerface")


def test_every_shipped_file_matches_its_record(capsys):
    assert check() == 0, capsys.readouterr().out


def test_unknown_detector():
    with pytest.raises(ValueError, match="unknown detector"):
        load("yolo-from-the-internet")


@pytest.mark.parametrize("name", ["kitchen", "kitchen-synthetic"])
def test_output_shape(name):
    detector = load(name)
    assert detector.name == name and detector.version
    frames = [np.zeros((480, 640, 3), np.uint8), np.full((240, 320, 3), 200, np.uint8)]
    out = detector.detect(frames)
    assert len(out) == 2 and detector.detect([]) == []
    for found in out:
        for det in found:
            assert set(det) == {"class", "confidence", "box"} and det["class"] in CLASSES
            assert 0.0 <= det["confidence"] <= 1.0 and len(det["box"]) == 4


def test_bad_frames_are_refused():
    with pytest.raises(ValueError, match="uint8 RGB"):
        load("kitchen-synthetic").detect([np.zeros((10, 10), np.uint8)])
