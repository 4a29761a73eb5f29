"""Command line: detect, evaluate, train, synth (python -m analytics.detection COMMAND --help)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from PIL import Image, UnidentifiedImageError

from analytics.detection import datasets
from analytics.detection.classes import CLASSES
from analytics.detection.registry import load


def _detector(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    if args.onnx:
        return load("onnx", path=args.onnx, config=args.config)
    return load(args.model, path=args.weights)


def _model_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", default="kitchen", help="kitchen (default), kitchen-synthetic")
    parser.add_argument("--weights", help="weights file for --model (checked against the recorded SHA-256)")
    parser.add_argument("--onnx", help="a YOLO-style .onnx model instead of --model")
    parser.add_argument("--config", help="class mapping for --onnx (.json or .toml)")


def _expanded(paths: list[str]) -> list[str]:
    """Each argument as given, except a folder: the images inside it (at any depth, in name order);
    a folder with none stays itself, so that it gets its line (an error) like any other argument."""
    out = []
    for path in paths:
        folder = Path(path)
        inside = [str(image) for image in datasets.images_under(folder)] if folder.is_dir() else []
        out += inside or [path]
    return out


def _line(record: dict) -> str:
    """One JSON line. A path that is not valid UTF-8 (a name from a Windows zip) keeps its bytes as
    escaped lone surrogates, which read back as the same path, instead of breaking the line's UTF-8."""
    try:
        record["image"].encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(record)
    return json.dumps(record, ensure_ascii=False)


UNREADABLE = (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError)


def detect(args: argparse.Namespace) -> int:
    """One line per image, in order, every line with the contract's keys; an image that cannot be
    read gets no detections and an "error". Status 1 when no image at all could be read."""
    detector = _detector(args)
    if args.threshold is not None:
        detector.threshold = args.threshold
    read = 0
    for path in _expanded(args.images):
        record = {"image": path, "detections": [], "model": detector.name, "version": detector.version}
        try:
            frame = datasets.load_rgb(path)
        except UNREADABLE as error:
            reason = "a folder with no images" if Path(path).is_dir() else str(error)
            print(_line(record | {"error": f"cannot read image: {reason}"}), flush=True)
            continue
        read += 1
        record["detections"] = detector.detect([frame])[0]
        print(_line(record), flush=True)
    return 0 if read else 1


def _say_unknown_labels(items: list[datasets.Item]) -> None:
    unknown = sorted({o["class"] for i in items for o in i.objects} - set(CLASSES))
    if unknown:
        print(f"ignoring labels that are not our classes: {', '.join(unknown)}", file=sys.stderr)


def evaluate(args: argparse.Namespace) -> int:
    from analytics.detection.metrics import evaluate as score
    from analytics.detection.metrics import per_face

    items = datasets.read(args.data, args.format)
    _say_unknown_labels(items)
    detector = _detector(args)
    operating = detector.threshold
    detector.threshold = min(operating, 0.05)  # low cut for the precision-recall curve behind AP
    predictions: list[list[dict]] = []
    truths: list[list[dict]] = []
    read = 0
    for start in range(0, len(items), 8):
        frames = []
        for item in items[start : start + 8]:
            try:
                frames.append(item.load())
            except UNREADABLE as error:  # missing or broken: left out of the figures, and said so
                print(f"skipped, cannot read image {item.image}: {error}", file=sys.stderr)
                continue
            truths.append(item.objects)
        predictions += detector.detect(frames) if frames else []
        read += len(frames)
    if not read:  # figures of nothing would read as a model that finds nothing
        raise datasets.DatasetError(f"no image of {args.data} could be read: nothing was scored")
    if not any(truths):
        raise datasets.DatasetError(f"no labelled object in the {read} images read: nothing to score "
                                    f"against (is --format {args.format} the format of {args.data}?)")
    result = score(predictions, truths, iou_threshold=args.iou, confidence=operating)
    result.update(
        {
            "model": detector.name,
            "version": detector.version,
            "images": read,
            "confidence": operating,
            "iou": args.iou,
            "faces": per_face(predictions, truths, iou_threshold=args.iou, confidence=operating),
        }
    )
    if args.json:
        print(json.dumps(result))
        return 0
    print(
        f"{detector.name} {detector.version} on {read} images ({args.data}); "
        f"precision/recall at confidence ≥ {operating}, IoU ≥ {args.iou}"
    )
    print(f"{'class':<16}{'truth':>7}{'precision':>11}{'recall':>9}{'AP@0.5':>9}")
    for name, row in result["classes"].items():
        if row["ground_truth"] or row["predictions"]:
            figures = [f"{'—' if row[key] is None else format(row[key], '.3f'):>{width}}"
                       for key, width in (("precision", 11), ("recall", 9), ("ap50", 9))]
            print(f"{name:<16}{row['ground_truth']:>7}" + "".join(figures))
    print(f"mAP@0.5 {result['map50']:.3f}")
    faces = result["faces"]
    if args.faces and faces["faces"]:
        print(f"mask/no_mask per face: {faces['right']} of {faces['faces']} right ({faces['accuracy']:.3f}), "
              f"{faces['found']} found; " + ", ".join(
                  f"{name} {row['right']} of {row['faces']}" for name, row in faces["classes"].items()))
    return 0


def train(args: argparse.Namespace) -> int:
    import torch

    from analytics.detection import train as training

    torch.set_num_threads(args.threads)
    if args.data:
        items = datasets.read(args.data, args.format or datasets.guess_format(args.data))
        _say_unknown_labels(items)

        def samples() -> Iterator[training.Sample]:
            rng = np.random.default_rng(args.seed)
            while True:
                item = items[int(rng.integers(len(items)))]
                yield item.load(), [o for o in item.objects if o.get("ignore") != "crowd"]
    else:

        def samples() -> Iterator[training.Sample]:
            return training.synthetic_samples(args.seed)

    training.fit(samples, Path(args.out), steps=args.steps, batch_size=args.batch, seed=args.seed)
    return 0


def synth(args: argparse.Namespace) -> int:
    from analytics.detection.synthetic import SimulatedKitchen

    def frames() -> Iterator[tuple[np.ndarray, list[dict]]]:
        for i in range(args.n):  # one camera per 10 frames, 3.7 s apart: varied scenes, none from training
            cam = SimulatedKitchen(seed=args.seed + i // 10, width=args.width, height=args.height)
            yield cam.frame(3.7 * (i % 10) + 0.5)

    count = datasets.write(frames(), args.out, args.format)
    print(f"wrote {count} labelled frames to {args.out} ({args.format})")
    return 0


def main(argv: list[str] | None = None) -> int:
    from analytics.detection.train import HELD_OUT_SEED

    parser = argparse.ArgumentParser(prog="python -m analytics.detection")
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("detect", help="print one JSON object per image")
    p.add_argument("images", nargs="+")
    p.add_argument("--threshold", type=float)
    _model_options(p)
    p.set_defaults(run=detect)
    p = commands.add_parser(
        "evaluate", help="per-class precision, recall, AP@0.5 and mAP@0.5 on a labelled set"
    )
    p.add_argument("--data", required=True)
    p.add_argument("--format", required=True, choices=datasets.FORMATS)
    p.add_argument("--iou", type=float, default=0.5)
    p.add_argument("--json", action="store_true")
    p.add_argument("--faces", action="store_true",
                   help="also print how often each labelled mask / no_mask face gets the right class")
    _model_options(p)
    p.set_defaults(run=evaluate)
    p = commands.add_parser("train", help="train the small detector (synthetic scenes unless --data)")
    p.add_argument("--data", help="labelled set to train on (COCO JSON, YOLO txt or Pascal VOC)")
    p.add_argument("--format", choices=datasets.FORMATS, help="guessed from the folder if left out")
    p.add_argument("--out", default=str(Path("var") / "kitchen-trained.pt"))
    p.add_argument("--steps", type=int, default=1200)
    p.add_argument("--batch", type=int, default=12)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=1, help="fixed so that a rebuild gives the same weights")
    p.set_defaults(run=train)
    p = commands.add_parser("synth", help="write a labelled synthetic set from held-out cameras")
    p.add_argument("--out", required=True)
    p.add_argument("--n", type=int, default=200)
    p.add_argument("--format", choices=datasets.FORMATS, default="coco")
    p.add_argument("--seed", type=int, default=HELD_OUT_SEED)
    p.add_argument("--width", type=int, default=640)
    p.add_argument("--height", type=int, default=480)
    p.set_defaults(run=synth)
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except (datasets.DatasetError, ValueError, RuntimeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    from analytics import pipes

    sys.exit(pipes.run(main))
