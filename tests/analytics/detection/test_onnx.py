"""The ONNX backend: a tiny YOLOv5-style model exported from torch, mapped onto our classes by config."""

import json
import warnings

import numpy as np
import pytest
import torch

from analytics.detection import load

# rows at a 64×64 input: [cx, cy, w, h, objectness, p(class 0), p(class 1), p(class 2)]
ROWS = [
    [32, 32, 20, 20, 0.9, 0.9, 0.1, 0.0],  # class 0 → person
    [33, 32, 20, 20, 0.8, 0.9, 0.1, 0.0],  # same person, lower score: suppressed
    [10, 10, 8, 8, 0.9, 0.0, 0.0, 0.95],  # class 2 → not mapped: dropped
    [50, 50, 6, 6, 0.9, 0.1, 0.85, 0.0],  # class 1 → rat
    [50, 10, 6, 6, 0.2, 0.1, 0.9, 0.0],  # below the confidence threshold
]


class Fixed(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("rows", torch.tensor(ROWS, dtype=torch.float32))

    def forward(self, x):
        return self.rows.unsqueeze(0).expand(x.shape[0], -1, -1) + 0 * x.mean()


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    path = tmp_path_factory.mktemp("onnx") / "tiny.onnx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            Fixed(),
            torch.zeros(1, 3, 64, 64),
            str(path),
            dynamo=False,
            input_names=["images"],
            dynamic_axes={"images": {0: "batch"}},
        )
    config = path.with_suffix(".json")
    config.write_text(
        json.dumps(
            {
                "name": "tiny-yolo",
                "version": "7",
                "input_size": 64,
                "confidence": 0.5,
                "classes": {"0": "person", "1": "rat"},
            }
        )
    )
    return path, config


def test_mapped_classes_in_frame_pixels(model):
    path, config = model
    detector = load("onnx", path=path, config=config)
    assert (detector.name, detector.version) == ("tiny-yolo", "7")
    # a 128×128 frame is halved into the 64×64 input, so boxes come back doubled
    found = detector.detect([np.zeros((128, 128, 3), np.uint8)] * 2)
    assert len(found) == 2 and found[0] == found[1]
    assert [(d["class"], d["box"]) for d in found[0]] == [
        ("person", [44.0, 44.0, 84.0, 84.0]),
        ("rat", [94.0, 94.0, 106.0, 106.0]),
    ]
    assert found[0][0]["confidence"] == pytest.approx(0.81, abs=1e-3)


def test_letterboxed_frame(model):
    path, config = model
    # a 128×64 frame: scale 0.5, padded 16 px top and bottom in the square input
    found = load("onnx", path=path, config=config).detect([np.zeros((64, 128, 3), np.uint8)])[0]
    assert found[0]["box"] == [44.0, 12.0, 84.0, 52.0]  # (22 - 16) / 0.5 = 12, (42 - 16) / 0.5 = 52


@pytest.mark.parametrize(
    "config, message",
    [
        ({"classes": {"0": "dragon"}}, "unknown class names"),
        ({}, "needs 'classes'"),
    ],
)
def test_bad_config(model, config, message):
    with pytest.raises(ValueError, match=message):
        load("onnx", path=model[0], config=config)
