"""The command-line contract others depend on: detect prints one JSON object per image; evaluate
prints per-class precision, recall, AP@0.5 and mAP@0.5; synth writes sets evaluate can read."""

import json
import os
import subprocess
import sys

import pytest
from PIL import Image

from analytics.detection import CLASSES
from analytics.detection.__main__ import main
from analytics.detection.synthetic import SimulatedKitchen


@pytest.fixture(scope="module")
def images(tmp_path_factory):
    folder = tmp_path_factory.mktemp("images")
    good = folder / "kitchen.png"
    Image.fromarray(SimulatedKitchen(seed=1_000_321).frame(3.0)[0]).save(good)
    bad = folder / "notes.jpg"
    bad.write_text("not an image")
    return str(good), str(bad), str(folder / "missing.png")


def test_detect_prints_one_json_object_per_image(images, tmp_path):
    good, bad, missing = images
    # the same picture stored sideways with EXIF orientation 6, as phones save photos
    sideways, exif = str(tmp_path / "phone.png"), Image.Exif()
    exif[0x0112] = 6
    Image.open(good).transpose(Image.Transpose.ROTATE_90).save(sideways, exif=exif)
    run = subprocess.run(
        [sys.executable, "-m", "analytics.detection", "detect", good, bad, missing, sideways],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    assert [line["image"] for line in lines] == [good, bad, missing, sideways]
    first = lines[0]
    assert set(first) == {"image", "detections", "model", "version"}
    assert first["model"] == "kitchen" and first["detections"]
    for det in first["detections"]:
        assert set(det) == {"class", "confidence", "box"} and det["class"] in CLASSES
        x1, y1, x2, y2 = det["box"]
        assert 0 <= x1 <= x2 <= 640 and 0 <= y1 <= y2 <= 480 and 0 <= det["confidence"] <= 1
    for unreadable in lines[1:3]:  # the contract's keys too, so a reader of "detections" never trips
        assert unreadable["error"].startswith("cannot read image") and unreadable["detections"] == []
        assert (unreadable["model"], unreadable["version"]) == (first["model"], first["version"])
    assert lines[3]["detections"] == first["detections"]  # read the way up it is shown
    nothing = subprocess.run([sys.executable, "-m", "analytics.detection", "detect", bad, missing],
                             capture_output=True, text=True, timeout=300)
    assert nothing.returncode == 1 and len(nothing.stdout.splitlines()) == 2  # no image read at all


def test_detect_of_a_folder_is_one_object_per_image_inside_it(images, tmp_path):
    good, _, _ = images
    (tmp_path / "sub").mkdir()
    for name in ("b.png", "sub/a.jpg"):
        Image.open(good).convert("RGB").save(tmp_path / name)
    (tmp_path / "notes.txt").write_text("not an image")
    (tmp_path / "__MACOSX").mkdir()
    (tmp_path / "__MACOSX" / "._b.png").write_bytes(b"\x00\x05\x16\x07")
    run = subprocess.run([sys.executable, "-m", "analytics.detection", "detect", str(tmp_path)],
                         capture_output=True, text=True, timeout=300, check=True)
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    assert [line["image"] for line in lines] == [str(tmp_path / "b.png"), str(tmp_path / "sub" / "a.jpg")]
    assert all(line["detections"] for line in lines)
    (tmp_path / "empty").mkdir()
    Image.open(good).convert("RGB").save(tmp_path / "sub" / "c.gif")
    run = subprocess.run([sys.executable, "-m", "analytics.detection", "detect", str(tmp_path / "empty"),
                          str(tmp_path / "sub")], capture_output=True, text=True, timeout=300)
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    assert [line["image"] for line in lines] == [str(tmp_path / "empty"), str(tmp_path / "sub" / "a.jpg"),
                                                 str(tmp_path / "sub" / "c.gif")]
    assert "no images" in lines[0]["error"] and lines[2]["detections"]


def test_a_path_that_is_not_utf8_reads_back_as_given(images, tmp_path):
    good, _, _ = images
    name = os.fsencode(str(tmp_path)) + b"/\xba\xf3\xb3\xf8.png"  # 后厨 in GBK, from a Windows zip
    Image.open(good).save(name.decode("utf-8", "surrogateescape"))
    run = subprocess.run([sys.executable.encode(), b"-m", b"analytics.detection", b"detect", name],
                         capture_output=True, timeout=300, check=True)
    line = json.loads(run.stdout.decode("utf-8"))  # valid UTF-8 throughout
    assert os.fsencode(line["image"]) == name and line["detections"]


@pytest.mark.parametrize("fmt", ["coco", "yolo", "voc"])
def test_synth_then_evaluate(tmp_path, capsys, fmt):
    assert main(["synth", "--out", str(tmp_path), "--n", "6", "--format", fmt]) == 0
    capsys.readouterr()
    assert main(["evaluate", "--data", str(tmp_path), "--format", fmt, "--model", "kitchen-synthetic"]) == 0
    out = capsys.readouterr().out
    assert "precision" in out and "recall" in out and "AP@0.5" in out and "mAP@0.5" in out
    assert "person" in out


def test_evaluate_json(tmp_path, capsys):
    main(["synth", "--out", str(tmp_path), "--n", "3", "--format", "coco"])
    capsys.readouterr()
    main(["evaluate", "--data", str(tmp_path), "--format", "coco", "--model", "kitchen-synthetic", "--json"])
    result = json.loads(capsys.readouterr().out)
    assert 0 <= result["map50"] <= 1 and result["images"] == 3
    assert set(result["classes"]["person"]) >= {"precision", "recall", "ap50"}
    assert set(result["faces"]) >= {"faces", "found", "right", "accuracy", "classes"}


def test_evaluate_prints_mask_per_face_only_when_asked(tmp_path, capsys):
    main(["synth", "--out", str(tmp_path), "--n", "3", "--format", "coco"])
    capsys.readouterr()
    args = ["evaluate", "--data", str(tmp_path), "--format", "coco", "--model", "kitchen-synthetic"]
    main(args)
    assert "per face" not in capsys.readouterr().out  # the table as before, for tools that read it
    main([*args, "--faces"])
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith("mask/no_mask per face: ") and " right (" in last and "found" in last


def test_bad_data_is_a_clear_error(tmp_path, capsys):
    assert main(["evaluate", "--data", str(tmp_path / "nope"), "--format", "voc"]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_evaluate_leaves_out_an_image_it_cannot_read_and_says_so(tmp_path, capsys):
    main(["synth", "--out", str(tmp_path), "--n", "3", "--format", "coco"])
    capsys.readouterr()
    annotations = next(tmp_path.rglob("*.json"))
    first, second = sorted(path for path in tmp_path.rglob("*") if path.suffix in (".jpg", ".png"))[:2]
    first.unlink()
    second.write_bytes(second.read_bytes()[:200])  # cut short
    annotations.write_bytes(b"\xef\xbb\xbf" + annotations.read_bytes())  # saved with a byte-order mark
    args = ["evaluate", "--data", str(tmp_path), "--format", "coco", "--model", "kitchen-synthetic", "--json"]
    assert main(args) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["images"] == 1
    assert captured.err.count("skipped, cannot read image") == 2


def test_evaluate_that_scores_nothing_fails(tmp_path, capsys):
    """No image read, or no label found (a COCO set read as YOLO), printed mAP 0.000 with status 0."""
    main(["synth", "--out", str(tmp_path), "--n", "2", "--format", "coco"])
    capsys.readouterr()
    args = ["evaluate", "--data", str(tmp_path), "--model", "kitchen-synthetic"]
    assert main([*args, "--format", "yolo"]) == 2
    assert "no labelled object" in capsys.readouterr().err
    for image in (path for path in tmp_path.rglob("*") if path.suffix in (".jpg", ".png")):
        image.unlink()
    assert main([*args, "--format", "coco"]) == 2
    assert "no image of" in capsys.readouterr().err
