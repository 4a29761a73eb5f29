"""Labelled image sets in COCO JSON, YOLO txt or Pascal VOC XML: reading them and writing them."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

from analytics.detection.classes import CLASSES

FORMATS = ("coco", "yolo", "voc")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp", ".webp")
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
        return np.asarray(ImageOps.exif_transpose(im).convert("RGB"))


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
    if (root / "Annotations").is_dir() or list(root.glob("*.xml")):
        return "voc"
    return "yolo"


def read_coco(root: Path) -> list[Item]:
    files = (
        [root] if root.is_file() else sorted(root.glob("*.json")) + sorted(root.glob("annotations/*.json"))
    )
    if not files:
        raise DatasetError(f"no COCO .json file in {root}")
    items: list[Item] = []
    for file in files:
        try:
            doc = json.loads(file.read_text())
            names = {c["id"]: c["name"] for c in doc["categories"]}
            images = {im["id"]: Item(_image_path(file.parent, im["file_name"])) for im in doc["images"]}
            for ann in doc.get("annotations", []):
                x, y, w, h = (float(v) for v in ann["bbox"])
                images[ann["image_id"]].objects.append(
                    {"class": names[ann["category_id"]], "box": [x, y, x + w, y + h]}
                )
        except (KeyError, TypeError, ValueError) as error:
            raise DatasetError(f"{file}: not a COCO detection file ({error})") from error
        items += images.values()
    return items


def _image_path(base: Path, name: str) -> Path:
    for candidate in (base / name, base / "images" / name, base.parent / "images" / name):
        if candidate.exists():
            return candidate
    return base / name


def read_yolo(root: Path) -> list[Item]:
    names = _yolo_names(root)
    images = _images(root / "images" if (root / "images").is_dir() else root)
    if not images:
        raise DatasetError(f"no images in {root}")
    items = []
    for image in images:
        label = _yolo_label(root, image)
        item = Item(image)
        if label.exists():
            w, h = _shown_size(image)
            for n, line in enumerate(label.read_text().splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    cls, cx, cy, bw, bh = line.split()[:5]
                    name = names[int(cls)]
                    x, y, ww, hh = float(cx) * w, float(cy) * h, float(bw) * w, float(bh) * h
                except (ValueError, IndexError) as error:
                    raise DatasetError(f"{label}:{n}: expected 'class cx cy w h' ({error})") from error
                item.objects.append({"class": name, "box": [x - ww / 2, y - hh / 2, x + ww / 2, y + hh / 2]})
        items.append(item)
    return items


def _yolo_names(root: Path) -> list[str]:
    listing = root / "classes.txt"
    if listing.exists():
        return [line.strip() for line in listing.read_text().splitlines() if line.strip()]
    for yaml in (root / "data.yaml", root / "dataset.yaml"):
        if yaml.exists():  # only the flow-list form `names: [a, b]` is read; no YAML dependency for one key
            for line in yaml.read_text().splitlines():
                if line.strip().startswith("names:") and "[" in line:
                    return [n.strip(" '\"") for n in line.split("[", 1)[1].rstrip("] ").split(",")]
    return list(CLASSES)


def _yolo_label(root: Path, image: Path) -> Path:
    if image.parent.name == "images":
        return image.parent.parent / "labels" / (image.stem + ".txt")
    return image.with_suffix(".txt")


def _images(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)


def read_voc(root: Path) -> list[Item]:
    folder = root / "Annotations" if (root / "Annotations").is_dir() else root
    files = sorted(folder.glob("*.xml"))
    if not files:
        raise DatasetError(f"no VOC .xml file in {root}")
    items = []
    for file in files:
        try:
            doc = ET.parse(file).getroot()
            name = doc.findtext("filename") or file.stem + ".jpg"
            image = next(
                (p for p in (root / "JPEGImages" / name, file.parent / name, root / name) if p.exists()),
                root / "JPEGImages" / name,
            )
            item = Item(image)
            for obj in doc.iter("object"):
                bb = obj.find("bndbox")
                if bb is None:
                    raise ValueError("object without bndbox")
                box = [float(bb.findtext(k) or "nan") for k in ("xmin", "ymin", "xmax", "ymax")]
                item.objects.append({"class": (obj.findtext("name") or "").strip(), "box": box})
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
