"""Labelled image sets in COCO JSON, YOLO txt or Pascal VOC XML: reading them and writing them."""

from __future__ import annotations

import json
import math
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageOps

from analytics.detection.classes import CLASSES

FORMATS = ("coco", "yolo", "voc")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff", ".gif")
# Names public sets give our classes (compared in lower case, with '-' and ' ' read as '_').
ALIASES = {
    "with_mask": "mask",
    "face_mask": "mask",
    "masked": "mask",
    "without_mask": "no_mask",
    "nomask": "no_mask",
    "face_no_mask": "no_mask",
    "no_face_mask": "no_mask",
    "unmasked": "no_mask",
}


class DatasetError(ValueError):
    """A labelled set that cannot be read: says which file and why."""


@dataclass
class Item:
    image: Path
    objects: list[dict] = field(default_factory=list)  # [{"class": name, "box": [x1, y1, x2, y2]}]

    def load(self) -> np.ndarray:
        return load_rgb(self.image)


def load_rgb(path: str | Path) -> np.ndarray:
    """An image as RGB pixels the way viewers, browsers and OpenCV show it: a phone photo's EXIF
    orientation applied, so boxes drawn on it (and faces in it) stand the right way up."""
    with Image.open(path) as im:
        shown = ImageOps.exif_transpose(im)
        if shown.mode in _WIDE_GREY:  # Pillow's convert("RGB") clips these at 255: all white
            grey = np.asarray(shown, dtype=np.float64)
            grey = grey / 257 if grey.max() > 255 else grey   # 16-bit samples to 8
            return np.repeat(np.clip(grey, 0, 255).round().astype(np.uint8)[:, :, None], 3, axis=2)
        return np.asarray(shown.convert("RGB"))


_WIDE_GREY = ("I", "I;16", "I;16B", "I;16L", "I;16N", "F")  # 16-bit grey PNG and TIFF, 32-bit


def _shown_size(path: Path) -> tuple[int, int]:
    """Width and height as shown (after the EXIF orientation), which YOLO labels are relative to."""
    with Image.open(path) as im:
        w, h = im.size
        orientation = im.getexif().get(0x0112, 1)
    return (h, w) if orientation in (5, 6, 7, 8) else (w, h)


def canonical_class(name: str) -> str:
    """Our name for a label: ours as they are in any case or separator (`No-Mask` is `no_mask`),
    and the common public names of ours (`with_mask`, `without_mask`, …); others unchanged."""
    key = re.sub(r"[\s-]+", "_", name.strip().lower())
    if key in CLASSES:
        return key
    return ALIASES.get(key, name.strip())


def read(path: str | Path, fmt: str) -> list[Item]:
    readers = {"coco": read_coco, "yolo": read_yolo, "voc": read_voc}
    if fmt not in readers:
        raise DatasetError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    root = Path(path)
    if not root.exists():
        raise DatasetError(f"{root} does not exist")
    items = readers[fmt](root)
    for item in items:
        for obj in item.objects:
            obj["class"] = canonical_class(obj["class"])
    return items


def guess_format(path: str | Path) -> str:
    root = Path(path)
    if root.suffix == ".json" or list(root.glob("*.json")):
        return "coco"
    if _voc_folder(root) is not None or list(root.glob("*.xml")):
        return "voc"
    return "yolo"


def _skipped(path: Path) -> bool:
    """Files a zip made on a Mac or a hidden folder carries beside the real ones."""
    return any(part.startswith(".") or part == "__MACOSX" for part in path.parts)


def images_under(folder: Path) -> list[Path]:
    """The image files anywhere under `folder`, in path order."""
    return [path for path in sorted(folder.rglob("*")) if path.suffix.lower() in IMAGE_SUFFIXES
            and path.is_file() and not _skipped(path.relative_to(folder))]


class _Images:
    """Every image under a set's folder by file name and by stem, for annotations whose image is
    not where the format usually puts it (`images/` beside `annotations/`, `val2017/`, …) or whose
    named file has another extension. Where splits hold files of the same name (`train/1.jpg`,
    `valid/1.jpg`), the one nearest the annotation file wins, then one in a folder the annotation
    file names (`instances_val2017.json` → `val2017/`)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._by_name: dict[str, list[Path]] = {}
        self._by_stem: dict[str, list[Path]] = {}
        self._built = False

    def find(self, name: str, candidates: Iterable[Path], *, near: Path | None = None) -> Path:
        tried = list(candidates)
        for candidate in tried:
            if candidate.is_file():
                return candidate
        if not self._built:
            for path in images_under(self.root if self.root.is_dir() else self.root.parent):
                self._by_name.setdefault(path.name, []).append(path)
                self._by_stem.setdefault(path.stem, []).append(path)
            self._built = True
        base = Path(name.replace("\\", "/")).name
        found = self._by_name.get(base) or self._by_stem.get(Path(base).stem)
        if not found:  # missing: named where its fellow images are, so the user looks there
            folders = {path.parent for paths in self._by_name.values() for path in paths}
            return next((candidate for candidate in tried if candidate.parent in folders), tried[0])
        if near is None or len(found) == 1:
            return found[0]
        return max(found, key=lambda path: _nearness(path, near))


def _nearness(image: Path, annotations: Path) -> tuple[int, int]:
    """How many leading folders the image shares with the annotation file, then whether one of the
    image's folders is named in the annotation file's name; `max` keeps the first of equals."""
    shared = 0
    for ours, theirs in zip(image.parent.parts, annotations.parent.parts, strict=False):
        if ours != theirs:
            break
        shared += 1
    named = any(len(part) > 2 and part.lower() in annotations.stem.lower()
                for part in image.parent.parts[shared:])
    return shared, int(named)


def read_coco(root: Path) -> list[Item]:
    files = (
        [root] if root.is_file() else sorted(root.glob("*.json")) + sorted(root.glob("annotations/*.json"))
    )
    if not files and root.is_dir():  # a set split into train/, valid/, test/, each with its own file
        files = sorted(p for p in root.rglob("*.json") if not _skipped(p.relative_to(root)))
    if not files:
        raise DatasetError(f"no COCO .json file in {root}")
    docs = [(file, _parsed(file)) for file in files]  # each file read once: a COCO file can be large
    if len(docs) > 1:  # other JSON beside the labels (a manifest, a config): only COCO files count
        docs = [(file, doc) for file, doc in docs if _looks_like_coco(doc)] or docs
    items: list[Item] = []
    found = _Images(root)
    for file, doc in docs:
        try:
            if isinstance(doc, ValueError):
                raise doc
            names = {c["id"]: c["name"] for c in doc["categories"]}
            images = {im["id"]: Item(_image_path(file, im["file_name"], found))
                      for im in doc["images"]}
        except (KeyError, TypeError, ValueError) as error:
            raise DatasetError(f"{file}: not a COCO detection file ({error})") from error
        for n, ann in enumerate(doc.get("annotations", []), 1):
            labelled = {"class": names[_coco_ref(file, n, ann, "category_id", names)],
                        "box": _coco_box(file, n, ann)}
            if ann.get("iscrowd"):  # one box over a crowd of objects: scored as COCO does, never taught
                labelled["ignore"] = "crowd"
            images[_coco_ref(file, n, ann, "image_id", images)].objects.append(labelled)
        items += images.values()
    return items


def _coco_ref(file: Path, n: int, ann: Any, key: str, known: dict) -> Any:
    """What annotation `n` names by `key` (its image, its category), or why it names nothing."""
    value = ann.get(key) if isinstance(ann, dict) else None
    if value not in known:
        raise DatasetError(f"{file}: annotation {n}: {key} {value!r} is not among the file's "
                           f"{'images' if key == 'image_id' else 'categories'}")
    return value


def _coco_box(file: Path, n: int, ann: dict) -> list[float]:
    try:
        x, y, w, h = (float(v) for v in ann["bbox"])
    except (KeyError, TypeError, ValueError) as error:
        raise DatasetError(f"{file}: annotation {n} has no bbox [x, y, width, height] "
                           f"(a segmentation alone is not a detection label)") from error
    if w < 0 or h < 0:
        raise DatasetError(f"{file}: annotation {n}: bbox width and height cannot be negative")
    return [x, y, x + w, y + h]


def _parsed(file: Path) -> Any:
    """The file's JSON, or the ValueError that says why it is not JSON."""
    try:
        return json.loads(file.read_text(encoding="utf-8-sig"))  # a byte-order mark is allowed
    except ValueError as error:
        return error


def _looks_like_coco(doc: Any) -> bool:
    return isinstance(doc, dict) and "images" in doc and "categories" in doc


def _image_path(annotations: Path, name: str, found: _Images) -> Path:
    base = annotations.parent
    return found.find(name, (base / name, base / "images" / name, base.parent / "images" / name),
                      near=annotations)


def read_yolo(root: Path) -> list[Item]:
    names = _yolo_names(root)
    images = _images(root / "images" if (root / "images").is_dir() else root)
    if not images:  # a set split into train/, valid/, test/ (each with images/ and labels/), or deeper
        images = images_under(root)
    if not images:
        raise DatasetError(f"no images in {root}")
    items = []
    for image in images:
        label = _yolo_label(root, image)
        item = Item(image)
        if label.exists():
            w, h = _shown_size(image)
            for n, line in enumerate(label.read_text(encoding="utf-8-sig").splitlines(), 1):
                if line.strip():
                    item.objects.append(_yolo_object(f"{label}:{n}", line, names, w, h))
        items.append(item)
    return items


def _yolo_object(where: str, line: str, names: list[str], w: int, h: int) -> dict:
    """One label line: `class cx cy w h`, normalised to 0–1; or a segmentation's `class x1 y1 x2 y2
    …` (its polygon's bounding box)."""
    try:
        cls, *numbers = line.split()
        values = [float(v) for v in numbers]
        index = int(cls)
        if not 0 <= index < len(names):
            raise ValueError(f"class {index} is not one of the {len(names)} names")
        if len(values) < 4 or (len(values) > 4 and len(values) % 2):
            raise ValueError("too few numbers")
    except ValueError as error:
        raise DatasetError(f"{where}: expected 'class cx cy w h' ({error})") from error
    if not all(-0.01 <= v <= 1.01 for v in values):
        raise DatasetError(f"{where}: coordinates are fractions of the picture, 0 to 1 "
                           f"(these look like pixels: {line.strip()[:60]})")
    if len(values) == 4:
        cx, cy, bw, bh = values
        box = [cx - bw / 2, cy - bh / 2, cx + bw / 2, cy + bh / 2]
    else:
        xs, ys = values[0::2], values[1::2]
        box = [min(xs), min(ys), max(xs), max(ys)]
    return {"class": names[index], "box": [box[0] * w, box[1] * h, box[2] * w, box[3] * h]}


def _yolo_names(root: Path) -> list[str]:
    """Class names by index: `classes.txt`, else `names` in `data.yaml` / `dataset.yaml` (a list
    `[a, b]`, a block of `- a` lines, or `0: a` lines), in the set's folder or the one above it;
    else ours in their order."""
    for folder in (root, root.parent):  # the parent: one split (train/) of a set given alone
        listing = folder / "classes.txt"
        if listing.exists():  # (Notepad saves a byte-order mark before the first name)
            return [line.strip() for line in listing.read_text(encoding="utf-8-sig").splitlines()
                    if line.strip()]
        for yaml in (folder / "data.yaml", folder / "dataset.yaml", *sorted(folder.glob("*.yaml"))):
            if yaml.exists() and (names := _yaml_names(yaml.read_text(encoding="utf-8-sig"))):
                return names
    print(f"{root}: no classes.txt or data.yaml names: class numbers are read as ours, "
          f"0 {CLASSES[0]}, 1 {CLASSES[1]}, … {len(CLASSES) - 1} {CLASSES[-1]}", file=sys.stderr)
    return list(CLASSES)


def _yaml_names(text: str) -> list[str]:
    """The `names` key of a YOLO data file, in the three forms such files use (no YAML library
    for one key)."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if not re.match(r"names\s*:", line):
            continue
        rest = line.split(":", 1)[1].split(" #")[0].strip()
        if rest.startswith("{"):  # a flow mapping, {0: mask, 1: no_mask}
            flow = " ".join([rest, *lines[i + 1:]])
            pairs = (pair.split(":", 1) for pair in flow[1:flow.index("}")].split(",") if ":" in pair)
            mapped = {int(_unquoted(k)): _unquoted(v) for k, v in pairs}
            return [mapped[k] for k in sorted(mapped)]
        if rest.startswith("["):
            flow = " ".join([rest, *lines[i + 1:]])  # a flow list may run over several lines
            return [_unquoted(n) for n in flow[1:flow.index("]")].split(",") if n.strip()]
        indexed: dict[int, str] = {}
        listed: list[str] = []
        for entry in lines[i + 1:]:
            if entry.strip() and not entry[0].isspace() and not entry.startswith("-"):
                break  # the next top-level key
            item = entry.split(" #")[0].strip()
            if item.startswith("- "):
                listed.append(_unquoted(item[2:]))
            elif (pair := re.match(r"(\d+)\s*:\s*(.+)", item)) is not None:
                indexed[int(pair.group(1))] = _unquoted(pair.group(2))
        return listed or [indexed[k] for k in sorted(indexed)]
    return []


def _unquoted(value: str) -> str:
    return value.strip().strip("'\"").strip()


def _yolo_label(root: Path, image: Path) -> Path:
    """`labels/` mirrors `images/` (at whatever depth: `train/images/a.jpg` → `train/labels/a.txt`);
    else the .txt beside the image."""
    parts = image.relative_to(root).parts
    if "images" in parts[:-1]:
        at = len(parts) - 2 - parts[:-1][::-1].index("images")
        mirrored = root.joinpath(*parts[:at], "labels", *parts[at + 1:-1], image.stem + ".txt")
        if mirrored.exists() or not image.with_suffix(".txt").exists():
            return mirrored
    return image.with_suffix(".txt")


def _images(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)


def _voc_folder(root: Path) -> Path | None:
    for name in ("Annotations", "annotations", "Annotation", "annotation", "xml", "labels"):
        if (root / name).is_dir() and any((root / name).glob("*.xml")):
            return root / name
    return None


def read_voc(root: Path) -> list[Item]:
    folder = _voc_folder(root)
    files = sorted((folder or root).glob("*.xml")) or sorted(
        p for p in root.rglob("*.xml") if not _skipped(p.relative_to(root)))
    if not files:
        raise DatasetError(f"no VOC .xml file in {root}")
    items = []
    found = _Images(root)
    for file in files:
        try:
            doc = ET.parse(file).getroot()
            for element in doc.iter():  # a default namespace (xmlns=…) on every tag: read past it
                element.tag = element.tag.rpartition("}")[2]
            name = (doc.findtext("filename") or "").strip() or file.stem + ".jpg"
            image = found.find(name, (root / "JPEGImages" / name, file.parent / name, root / name,
                                      root / "images" / name, file.parent.parent / "images" / name,
                                      file.parent.parent / "JPEGImages" / name), near=file)
            item = Item(image)
            for obj in doc.iter("object"):
                bb = obj.find("bndbox")
                if bb is None:
                    raise ValueError("object without bndbox")
                box = [float(bb.findtext(k) or "nan") for k in ("xmin", "ymin", "xmax", "ymax")]
                if any(math.isnan(v) for v in box) or box[2] < box[0] or box[3] < box[1]:
                    raise ValueError(f"bndbox {box} needs xmin ≤ xmax and ymin ≤ ymax")
                labelled = {"class": (obj.findtext("name") or "").strip(), "box": box}
                if (obj.findtext("difficult") or "0").strip() == "1":
                    labelled["ignore"] = "difficult"
                item.objects.append(labelled)
        except (ET.ParseError, ValueError) as error:
            raise DatasetError(f"{file}: not a Pascal VOC annotation ({error})") from error
        items.append(item)
    return items


def write(samples: Iterable[tuple[np.ndarray, list[dict]]], out: str | Path, fmt: str) -> int:
    """Write (image, objects) pairs as JPEGs with labels in the given format; returns how many."""
    if fmt not in FORMATS:
        raise DatasetError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    root = Path(out)
    images_dir = root / ("JPEGImages" if fmt == "voc" else "images")
    images_dir.mkdir(parents=True, exist_ok=True)
    coco: dict = {
        "images": [],
        "annotations": [],
        "categories": [{"id": i + 1, "name": n} for i, n in enumerate(CLASSES)],
    }
    count = 0
    for count, (frame, objects) in enumerate(samples, 1):
        name = f"{count:06d}.jpg"
        Image.fromarray(frame).save(images_dir / name, quality=92)
        h, w = frame.shape[:2]
        if fmt == "coco":
            coco["images"].append({"id": count, "file_name": name, "width": w, "height": h})
            for obj in objects:
                x1, y1, x2, y2 = obj["box"]
                coco["annotations"].append(
                    {
                        "id": len(coco["annotations"]) + 1,
                        "image_id": count,
                        "iscrowd": 0,
                        "category_id": CLASSES.index(obj["class"]) + 1,
                        "bbox": [x1, y1, x2 - x1, y2 - y1],
                        "area": (x2 - x1) * (y2 - y1),
                    }
                )
        elif fmt == "yolo":
            (root / "labels").mkdir(exist_ok=True)
            lines = [
                f"{CLASSES.index(o['class'])} {(o['box'][0] + o['box'][2]) / 2 / w:.6f} "
                f"{(o['box'][1] + o['box'][3]) / 2 / h:.6f} {(o['box'][2] - o['box'][0]) / w:.6f} "
                f"{(o['box'][3] - o['box'][1]) / h:.6f}"
                for o in objects
            ]
            (root / "labels" / f"{count:06d}.txt").write_text("\n".join(lines) + "\n" if lines else "")
        else:
            _write_voc(root / "Annotations" / f"{count:06d}.xml", name, w, h, objects)
    if fmt == "coco":
        (root / "annotations.json").write_text(json.dumps(coco))
    if fmt == "yolo":
        (root / "classes.txt").write_text("\n".join(CLASSES) + "\n")
    return count


def _write_voc(path: Path, name: str, w: int, h: int, objects: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = ET.Element("annotation")
    ET.SubElement(doc, "filename").text = name
    size = ET.SubElement(doc, "size")
    for key, value in (("width", w), ("height", h), ("depth", 3)):
        ET.SubElement(size, key).text = str(value)
    for obj in objects:
        node = ET.SubElement(doc, "object")
        ET.SubElement(node, "name").text = obj["class"]
        ET.SubElement(node, "difficult").text = "0"
        bb = ET.SubElement(node, "bndbox")
        for key, value in zip(("xmin", "ymin", "xmax", "ymax"), obj["box"], strict=True):
            ET.SubElement(bb, key).text = f"{value:.1f}"
    ET.ElementTree(doc).write(path)
