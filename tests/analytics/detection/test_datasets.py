"""Annotation readers: the same two boxes written by hand in COCO, YOLO and VOC read back alike."""

import json

import numpy as np
import pytest
from PIL import Image

from analytics.detection import datasets

# one 200×100 image holding a person at (10, 20)-(60, 90) and a rat at (150, 70)-(190, 95)
EXPECTED = [
    {"class": "person", "box": [10.0, 20.0, 60.0, 90.0]},
    {"class": "rat", "box": [150.0, 70.0, 190.0, 95.0]},
]


def _image(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (200, 100), (90, 90, 90)).save(path)


@pytest.fixture
def coco(tmp_path):
    _image(tmp_path / "images" / "a.jpg")
    (tmp_path / "labels.json").write_text(
        json.dumps(
            {
                "images": [{"id": 7, "file_name": "a.jpg", "width": 200, "height": 100}],
                "categories": [{"id": 1, "name": "person"}, {"id": 10, "name": "rat"}],
                "annotations": [
                    {"id": 1, "image_id": 7, "category_id": 1, "bbox": [10, 20, 50, 70]},
                    {"id": 2, "image_id": 7, "category_id": 10, "bbox": [150, 70, 40, 25]},
                ],
            }
        )
    )
    return tmp_path


@pytest.fixture
def yolo(tmp_path):
    _image(tmp_path / "images" / "a.jpg")
    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "a.txt").write_text("0 0.175 0.55 0.25 0.7\n1 0.85 0.825 0.2 0.25\n")
    (tmp_path / "classes.txt").write_text("person\nrat\n")
    return tmp_path


@pytest.fixture
def voc(tmp_path):
    _image(tmp_path / "JPEGImages" / "a.jpg")
    (tmp_path / "Annotations").mkdir()
    (tmp_path / "Annotations" / "a.xml").write_text(
        "<annotation><filename>a.jpg</filename><size><width>200</width><height>100</height></size>"
        "<object><name>person</name><bndbox><xmin>10</xmin><ymin>20</ymin><xmax>60</xmax><ymax>90</ymax></bndbox></object>"
        "<object><name>rat</name><bndbox><xmin>150</xmin><ymin>70</ymin><xmax>190</xmax><ymax>95</ymax></bndbox></object>"
        "</annotation>"
    )
    return tmp_path


@pytest.mark.parametrize("fmt", ["coco", "yolo", "voc"])
def test_each_format_reads_the_same_boxes(fmt, request):
    items = datasets.read(request.getfixturevalue(fmt), fmt)
    assert len(items) == 1
    assert items[0].image.exists() and items[0].load().shape == (100, 200, 3)
    got = [{"class": o["class"], "box": pytest.approx(o["box"], abs=1e-6)} for o in items[0].objects]
    assert got == EXPECTED


@pytest.mark.parametrize("fmt", datasets.FORMATS)
def test_written_sets_read_back(tmp_path, fmt):
    frame = np.zeros((100, 200, 3), np.uint8)
    assert datasets.write([(frame, EXPECTED), (frame, [])], tmp_path / fmt, fmt) == 2
    items = datasets.read(tmp_path / fmt, fmt)
    assert [len(i.objects) for i in items] == [2, 0]
    assert [o["class"] for o in items[0].objects] == ["person", "rat"]
    assert items[0].objects[1]["box"] == pytest.approx([150, 70, 190, 95], abs=0.1)


def test_a_missing_coco_image_is_named_where_its_fellows_are(coco):
    """It was named beside the labels file, and the user looked for it in the wrong folder."""
    labels = json.loads((coco / "labels.json").read_text())
    labels["images"].append({"id": 8, "file_name": "gone.jpg", "width": 200, "height": 100})
    (coco / "labels.json").write_text(json.dumps(labels))
    items = {item.image.name: item.image for item in datasets.read(coco, "coco")}
    assert items["gone.jpg"] == coco / "images" / "gone.jpg"


def test_guessing_the_format(coco, tmp_path):
    assert datasets.guess_format(coco) == "coco"


@pytest.mark.parametrize(
    "fmt, content, message",
    [
        ("coco", '{"images": []}', "not a COCO"),
        ("voc", "<annotation><object><name>rat</name></object></annotation>", "without bndbox"),
        ("yolo", "0 0.5 0.5\n", "expected 'class cx cy w h'"),
        ("yolo", "-1 0.5 0.5 0.1 0.1\n", "class -1 is not one of"),
        ("yolo", "0 320 240 100 200\n", "fractions of the picture"),
        ("coco", '{"images": [{"id": 1, "file_name": "a.jpg"}], "categories": [{"id": 1, "name": "rat"}], '
                 '"annotations": [{"image_id": 1, "category_id": 5, "bbox": [1, 1, 2, 2]}]}',
         "annotation 1: category_id 5 is not among the file's categories"),
        ("coco", '{"images": [{"id": 1, "file_name": "a.jpg"}], "categories": [{"id": 1, "name": "rat"}], '
                 '"annotations": [{"image_id": 77, "category_id": 1, "bbox": [1, 1, 2, 2]}]}',
         "annotation 1: image_id 77 is not among the file's images"),
        ("coco", '{"images": [{"id": 1, "file_name": "a.jpg"}], "categories": [{"id": 1, "name": "rat"}], '
                 '"annotations": [{"image_id": 1, "category_id": 1, "segmentation": [[1, 1, 2, 2, 1, 2]]}]}',
         "annotation 1 has no bbox"),
        ("voc", "<annotation><object><name>rat</name><bndbox><ymin>1</ymin><xmax>5</xmax><ymax>5</ymax>"
                "</bndbox></object></annotation>", "needs xmin"),
        ("voc", "<annotation><object><name>rat</name><bndbox><xmin>9</xmin><ymin>1</ymin><xmax>5</xmax>"
                "<ymax>5</ymax></bndbox></object></annotation>", "needs xmin"),
    ],
)
def test_broken_labels_say_which_file(tmp_path, fmt, content, message):
    _image(tmp_path / "images" / "a.jpg")
    target = {"coco": tmp_path / "x.json", "voc": tmp_path / "a.xml", "yolo": tmp_path / "labels" / "a.txt"}[
        fmt
    ]
    target.parent.mkdir(exist_ok=True)
    target.write_text(content)
    with pytest.raises(datasets.DatasetError, match=message):
        datasets.read(tmp_path, fmt)


def test_missing_folder_and_unknown_format(tmp_path):
    with pytest.raises(datasets.DatasetError, match="does not exist"):
        datasets.read(tmp_path / "nope", "coco")
    with pytest.raises(datasets.DatasetError, match="unknown format"):
        datasets.read(tmp_path, "csv")


def _sideways(path, width=200, height=100):
    """A phone-style JPEG: stored as height × width pixels with EXIF orientation 6 (turn 90°
    clockwise to show), so it shows as width × height, red in the shown top-left corner."""
    shown = Image.new("RGB", (width, height), (90, 90, 90))
    shown.paste((255, 0, 0), (0, 0, 20, 20))
    stored = shown.transpose(Image.Transpose.ROTATE_90)  # undone by orientation 6
    exif = Image.Exif()
    exif[0x0112] = 6
    path.parent.mkdir(parents=True, exist_ok=True)
    stored.save(path, exif=exif, quality=95)


def test_images_are_read_the_way_up_they_are_shown(tmp_path):
    _sideways(tmp_path / "phone.jpg")
    pixels = datasets.load_rgb(tmp_path / "phone.jpg")
    assert pixels.shape == (100, 200, 3)
    assert pixels[5, 5, 0] > 200 and pixels[5, 5, 1] < 60  # the red corner is top-left as shown
    assert pixels[95, 195, 0] < 150


@pytest.mark.parametrize("mode", ["RGBA", "LA", "L", "P", "CMYK", "I;16"])
def test_any_kind_of_picture_is_read_as_8_bit_rgb(tmp_path, mode):
    """16-bit grey PNGs included: Pillow's own conversion would turn them all white."""
    grey = np.tile(np.linspace(0, 200, 64).astype(np.uint8), (32, 1))
    if mode == "I;16":
        picture = Image.fromarray(grey.astype(np.uint16) * 257)
    else:
        picture = Image.fromarray(grey).convert(mode)
    path = tmp_path / ("a.jpg" if mode == "CMYK" else "a.png")
    picture.save(path)
    pixels = datasets.load_rgb(path)
    assert pixels.shape == (32, 64, 3) and pixels.dtype == np.uint8
    assert abs(int(pixels[:, :, 1].mean()) - int(grey.mean())) <= 3 and pixels[0, 0, 1] <= 3


def test_yolo_boxes_are_relative_to_the_shown_image(tmp_path):
    _sideways(tmp_path / "images" / "a.jpg")
    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "a.txt").write_text("0 0.175 0.55 0.25 0.7\n")
    (tmp_path / "classes.txt").write_text("person\n")
    [item] = datasets.read(tmp_path, "yolo")
    assert item.objects == [{"class": "person", "box": pytest.approx([10.0, 20.0, 60.0, 90.0])}]
    assert item.load().shape == (100, 200, 3)


@pytest.mark.parametrize(
    "name, ours",
    [
        ("with_mask", "mask"),
        ("Without-Mask", "no_mask"),
        ("No Mask", "no_mask"),
        ("PERSON", "person"),
        ("bin-open", "bin_open"),
        ("mask_weared_incorrect", "mask_weared_incorrect"),  # not ours: left for the reader to ignore
    ],
)
def test_public_label_names_are_read_as_ours(voc, name, ours):
    xml = voc / "Annotations" / "a.xml"
    xml.write_text(xml.read_text().replace("<name>person</name>", f"<name>{name}</name>"))
    [item] = datasets.read(voc, "voc")
    assert item.objects[0]["class"] == ours


# Layouts of public labelled sets as they are downloaded: each must read the same two boxes.
YOLO_LINES = "0 0.175 0.55 0.25 0.7\n1 0.85 0.825 0.2 0.25\n"

def _voc_xml(filename: str) -> str:
    return (f"<annotation><filename>{filename}</filename>"
            "<object><name>person</name><bndbox><xmin>10</xmin><ymin>20</ymin><xmax>60</xmax><ymax>90</ymax>"
            "</bndbox></object><object><name>rat</name><bndbox><xmin>150</xmin><ymin>70</ymin><xmax>190</xmax>"
            "<ymax>95</ymax></bndbox></object></annotation>")


def test_voc_with_lower_case_annotations_and_images_folders(tmp_path):
    """As Kaggle's face-mask set comes: annotations/x.xml beside images/x.png, plus a Mac zip's
    junk; an XML naming x.jpg finds x.png."""
    _image(tmp_path / "images" / "a.png")
    _image(tmp_path / "images" / "b.png")
    (tmp_path / "annotations").mkdir()
    (tmp_path / "annotations" / "a.xml").write_text(_voc_xml("a.png"))
    (tmp_path / "annotations" / "b.xml").write_text(_voc_xml("b.jpg"))
    (tmp_path / "__MACOSX" / "annotations").mkdir(parents=True)
    (tmp_path / "__MACOSX" / "annotations" / "._a.xml").write_bytes(b"\x00\x05\x16\x07")
    assert datasets.guess_format(tmp_path) == "voc"
    items = datasets.read(tmp_path, "voc")
    assert [item.image for item in items] == [tmp_path / "images" / "a.png", tmp_path / "images" / "b.png"]
    assert all(item.objects == EXPECTED for item in items)
    assert items[1].load().shape == (100, 200, 3)


@pytest.mark.parametrize("names", [
    "names: ['person', 'rat']",
    "names:\n  - person\n  - rat\nnc: 2",
    "path: .\nnames:\n  0: person\n  1: 'rat'  # rodents\ntrain: train/images",
    "nc: 2\nnames: [\n  person,\n  rat]",
    "names: {0: person, 1: 'rat'}",
])
def test_yolo_split_into_train_and_valid_with_data_yaml(tmp_path, names):
    """As Roboflow and Ultralytics export: data.yaml at the top (its `names` in any of its forms),
    then train/ and valid/ each with images/ and labels/."""
    for split in ("train", "valid"):
        _image(tmp_path / split / "images" / f"{split}.jpg")
        (tmp_path / split / "labels").mkdir()
        (tmp_path / split / "labels" / f"{split}.txt").write_text(YOLO_LINES)
    (tmp_path / "data.yaml").write_text(names + "\n")
    items = datasets.read(tmp_path, "yolo")
    assert [item.image.name for item in items] == ["train.jpg", "valid.jpg"]
    for item in items:
        assert [o["class"] for o in item.objects] == ["person", "rat"]
        assert np.allclose([o["box"] for o in item.objects], [o["box"] for o in EXPECTED])


def test_coco_with_its_images_in_a_folder_of_their_own_and_other_json_beside(tmp_path):
    """As COCO itself comes: annotations/instances_val.json, the images in val2017/."""
    _image(tmp_path / "val2017" / "a.jpg")
    (tmp_path / "annotations").mkdir()
    (tmp_path / "annotations" / "instances_val.json").write_text(json.dumps({
        "images": [{"id": 7, "file_name": "a.jpg", "width": 200, "height": 100}],
        "categories": [{"id": 1, "name": "person"}, {"id": 10, "name": "rat"}],
        "annotations": [{"id": 1, "image_id": 7, "category_id": 1, "bbox": [10, 20, 50, 70]},
                        {"id": 2, "image_id": 7, "category_id": 10, "bbox": [150, 70, 40, 25]}]}))
    (tmp_path / "annotations" / "manifest.json").write_text('{"exported": "2026-12-05"}')
    items = datasets.read(tmp_path, "coco")
    assert [item.image for item in items] == [tmp_path / "val2017" / "a.jpg"]
    assert items[0].objects == EXPECTED


def test_yolo_with_splits_under_images_and_labels_and_one_split_given_alone(tmp_path):
    """Ultralytics' own layout (images/val/a.jpg, labels/val/a.txt), and Roboflow's valid/ given
    alone, its data.yaml one folder up."""
    _image(tmp_path / "ultra" / "images" / "val" / "a.jpg")
    (tmp_path / "ultra" / "labels" / "val").mkdir(parents=True)
    (tmp_path / "ultra" / "labels" / "val" / "a.txt").write_text(YOLO_LINES)
    (tmp_path / "ultra" / "data.yaml").write_text("names:\n  0: person\n  1: rat\n")
    _image(tmp_path / "robo" / "valid" / "images" / "b.jpg")
    (tmp_path / "robo" / "valid" / "labels").mkdir()
    (tmp_path / "robo" / "valid" / "labels" / "b.txt").write_text(YOLO_LINES)
    (tmp_path / "robo" / "data.yaml").write_text("names: ['person', 'rat']\n")
    for root in (tmp_path / "ultra", tmp_path / "robo" / "valid"):
        items = datasets.read(root, "yolo")
        assert len(items) == 1 and [o["class"] for o in items[0].objects] == ["person", "rat"]


def _coco_json(file_name: str) -> str:
    return json.dumps({
        "images": [{"id": 1, "file_name": file_name, "width": 200, "height": 100}],
        "categories": [{"id": 1, "name": "person"}, {"id": 10, "name": "rat"}],
        "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [10, 20, 50, 70]},
                        {"id": 2, "image_id": 1, "category_id": 10, "bbox": [150, 70, 40, 25]}]})


def test_an_image_name_that_every_split_uses_is_taken_from_the_annotations_own_split(tmp_path):
    """1.jpg in train2017/ and val2017/: instances_val2017.json means val2017's; a VOC file in
    valid/ means the one under valid/, whichever split sorts first."""
    for split in ("train2017", "val2017"):
        _image(tmp_path / "coco" / split / "1.jpg")
    (tmp_path / "coco" / "annotations").mkdir(parents=True)
    (tmp_path / "coco" / "annotations" / "instances_val2017.json").write_text(_coco_json("1.jpg"))
    assert [item.image for item in datasets.read(tmp_path / "coco", "coco")] == [
        tmp_path / "coco" / "val2017" / "1.jpg"]
    for split in ("a_train", "valid"):
        _image(tmp_path / "voc" / split / "photos" / "1.jpg")
        (tmp_path / "voc" / split / "xml").mkdir(parents=True)
        (tmp_path / "voc" / split / "xml" / "1.xml").write_text(_voc_xml("1.jpg"))
    items = datasets.read(tmp_path / "voc", "voc")
    assert sorted(str(item.image.relative_to(tmp_path / "voc")) for item in items) == [
        "a_train/photos/1.jpg", "valid/photos/1.jpg"]


def test_yolo_names_with_a_byte_order_mark_segmentation_lines_and_no_names_file(tmp_path, capsys):
    _image(tmp_path / "images" / "a.jpg")
    (tmp_path / "labels").mkdir()
    polygon = "\ufeff1 0.75 0.7 0.95 0.7 0.95 0.95 0.75 0.95\n"  # a segmentation line, after a BOM
    (tmp_path / "labels" / "a.txt").write_text(polygon, encoding="utf-8")
    (tmp_path / "classes.txt").write_text("\ufeffmask\nrat\n", encoding="utf-8")  # as Notepad saves it
    (item,) = datasets.read(tmp_path, "yolo")
    assert item.objects == [{"class": "rat", "box": pytest.approx([150, 70, 190, 95])}]  # the polygon's box
    (tmp_path / "classes.txt").unlink()
    (item,) = datasets.read(tmp_path, "yolo")
    assert item.objects[0]["class"] == "chef_hat" and "no classes.txt" in capsys.readouterr().err


def test_voc_with_a_default_namespace(tmp_path):
    _image(tmp_path / "JPEGImages" / "a.jpg")
    (tmp_path / "Annotations").mkdir()
    (tmp_path / "Annotations" / "a.xml").write_text(
        _voc_xml("a.jpg").replace("<annotation>", '<annotation xmlns="http://example.org/voc">'))
    assert datasets.read(tmp_path, "voc")[0].objects == EXPECTED


def test_difficult_and_crowd_objects_are_marked_to_be_ignored(voc, coco):
    xml = voc / "Annotations" / "a.xml"
    xml.write_text(xml.read_text().replace("<name>rat</name>", "<name>rat</name><difficult>1</difficult>")
                   .replace("<name>person</name>", "<name>person</name><difficult>0</difficult>"))
    assert [o.get("ignore") for o in datasets.read(voc, "voc")[0].objects] == [None, "difficult"]
    labels = coco / "labels.json"
    doc = json.loads(labels.read_text())
    doc["annotations"][0]["iscrowd"] = 1
    labels.write_text(json.dumps(doc))
    assert [o.get("ignore") for o in datasets.read(coco, "coco")[0].objects] == ["crowd", None]
