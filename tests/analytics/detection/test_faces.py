"""The packaged face detector's landmarks: the same faces with or without them, each point on its face."""

import numpy as np
import pytest

from analytics.detection.faces import FaceMasks
from analytics.detection.synthetic import SimulatedKitchen


def test_landmarks_come_with_the_same_faces_and_lie_on_them():
    finder = FaceMasks()
    frames = [SimulatedKitchen(seed=1_000_000 + i).frame(2.0)[0] for i in range(6)]
    seen = 0
    for frame in frames:
        plain, marked = finder.faces(frame), finder.faces(frame, landmarks=True)
        assert plain.shape[1] == 5 and marked.shape[1] == 15
        np.testing.assert_allclose(marked[:, :5], plain, rtol=1e-5, atol=1e-3)
        for x1, y1, x2, y2, _, *points in marked:
            w, h = x2 - x1, y2 - y1
            xs, ys = np.array(points[0::2]), np.array(points[1::2])
            assert ((xs > x1 - w / 4) & (xs < x2 + w / 4) & (ys > y1 - h / 4) & (ys < y2 + h / 4)).all()
            assert ys[0] < ys[2] < ys[3] + h / 10  # eyes above the nose, the nose above the mouth
            seen += 1
    assert seen >= 3


def test_small_faces_are_cropped_with_a_margin_and_every_crop_stays_in_the_frame():
    from analytics.detection.faces import SMALL_FACE, SMALL_FACE_MARGIN, _inside

    big = SMALL_FACE + 36
    assert _inside(np.array([100.0, 50.0, 100 + big, 50 + big]), 640, 480) == (100, 50, 100 + big, 50 + big)
    side = 40.0
    pad = side * SMALL_FACE_MARGIN
    assert _inside(np.array([100.0, 50.0, 140.0, 90.0]), 640, 480) == (
        int(100 - pad), int(50 - pad), int(140 + pad), int(90 + pad))
    assert _inside(np.array([-5.0, 470.0, 20.0, 482.0]), 640, 480) == (0, 468, 23, 480)  # at the edge
    left, top, right, bottom = _inside(np.array([639.6, 10.0, 639.8, 10.2]), 640, 480)
    assert 0 <= left < right <= 640 and 0 <= top < bottom <= 480  # never empty


class _Looks(FaceMasks):
    """FaceMasks whose face detector answers from a table: the first look, then the bordered one."""

    def __init__(self, first: list[list[float]], bordered: list[list[float]]) -> None:  # no models
        self.answers = {False: np.array(first, np.float32).reshape(-1, 5),
                        True: np.array(bordered, np.float32).reshape(-1, 5)}
        self.looks: list[tuple[int, int]] = []

    def _faces(self, frame, landmarks):
        self.looks.append(frame.shape[:2])
        found = self.answers[len(self.looks) > 1].copy()
        from analytics.detection.faces import EDGE_BORDER
        if len(self.looks) > 1:  # the table holds frame coordinates: as the bordered frame sees them
            found[:, :4] += int(round(max(self.looks[0]) * EDGE_BORDER))
        return found


def test_a_big_face_cut_by_the_edge_is_looked_for_again_inside_a_border():
    frame = np.zeros((200, 300, 3), np.uint8)
    # the first look finds the upper half of a face cut by the top edge, and a small face beside it
    finder = _Looks(first=[[20, 5, 150, 110, 0.7], [220, 80, 240, 100, 0.9]],
                    bordered=[[10, -20, 158, 199, 0.8], [221, 81, 241, 101, 0.85]])
    found = finder.faces(frame)
    from analytics.detection.faces import EDGE_BORDER

    border = round(300 * EDGE_BORDER)  # grey on each side, a share of the picture's long side
    assert len(finder.looks) == 2 and finder.looks[1] == (200 + 2 * border, 300 + 2 * border)
    # the whole face from the second look; the face inside the frame as the first look saw it
    assert found[:, :4].tolist() == [[220, 80, 240, 100], [10, -20, 158, 199]]


def test_small_faces_at_the_edge_and_empty_camera_frames_get_one_look():
    at_the_side = _Looks(first=[[0, 100, 30, 130, 0.9]], bordered=[])
    assert len(at_the_side.faces(np.zeros((480, 640, 3), np.uint8))) == 1 and len(at_the_side.looks) == 1
    empty = _Looks(first=[], bordered=[])
    empty.faces(np.zeros((480, 640, 3), np.uint8))
    assert len(empty.looks) == 1
    crop = _Looks(first=[], bordered=[[5, 5, 95, 115, 0.6]])  # a face crop where no face was found
    assert crop.faces(np.zeros((120, 100, 3), np.uint8))[:, :4].tolist() == [[5, 5, 95, 115]]
    assert len(crop.looks) == 2


def test_a_face_found_with_its_upper_half_is_one_face():
    from analytics.detection.faces import _not_inside

    boxes = np.array([[0, 0, 100, 120], [10, 10, 90, 70], [100, 0, 160, 60]], np.float32)
    assert _not_inside(boxes, np.array([0.9, 0.5, 0.8]), [0, 2, 1]) == [0, 2]


def test_tiles_cover_a_big_picture_overlapping():
    from analytics.detection.faces import MAX_FACE_SIDE, TILE_OVERLAP, _tiles

    for h, w in [(2560, 1920), (1281, 2560), (2048, 1000), (1280, 1280)]:
        tiles = _tiles(h, w)
        covered = np.zeros((h, w), bool)
        for top, left in tiles:
            assert 0 <= top <= h - min(h, MAX_FACE_SIDE) and 0 <= left <= w - min(w, MAX_FACE_SIDE)
            covered[top:top + MAX_FACE_SIDE, left:left + MAX_FACE_SIDE] = True
        assert covered.all()
        for starts in ({top for top, _ in tiles}, {left for _, left in tiles}):
            ordered = sorted(starts)
            gaps = [b - a for a, b in zip(ordered, ordered[1:], strict=False)]
            assert all(gap <= MAX_FACE_SIDE - TILE_OVERLAP for gap in gaps)
    assert _tiles(1280, 1280) == [(0, 0)]


class _Tiles(FaceMasks):
    """FaceMasks whose looks answer from the faces of the picture: a face is seen where it is
    at least `smallest` pixels in what the look was given (the whole picture scaled to 1,280 px, or
    a tile at the picture's resolution)."""

    def __init__(self, faces: list[list[float]], size: tuple[int, int], smallest: float = 20) -> None:
        self.truth, self.size, self.smallest = np.array(faces, np.float32), size, smallest
        self.looks: list[tuple[int, int]] = []

    def _look(self, frame, landmarks):
        from analytics.detection.faces import MAX_FACE_SIDE, TILED_AT_MOST

        self.looks.append(frame.shape[:2])
        h, w = self.size
        if frame.shape[:2] == (h, w):  # the whole picture, scaled down to MAX_FACE_SIDE to look
            scale, top, left = MAX_FACE_SIDE / max(h, w), 0, 0
            boxes = self.truth[:, :4] * 1.0
        else:  # a tile of the picture shrunk to TILED_AT_MOST: find where it lies
            scale = 1.0
            shrink = min(1.0, TILED_AT_MOST / max(h, w))
            top, left = self.tile_at.pop(0)
            boxes = self.truth[:, :4] * shrink - [left, top, left, top]
        th, tw = frame.shape[:2]
        seen = []
        for box in boxes:
            x1, y1, x2, y2 = np.clip(box, 0, [tw, th, tw, th])
            if x2 - x1 > 0 and y2 - y1 > 0 and (x2 - x1) * scale >= self.smallest:
                seen.append([x1, y1, x2, y2, 0.9])
        return np.array(seen, np.float32).reshape(-1, 5)


def test_a_big_picture_is_looked_at_in_tiles_for_its_small_faces():
    from analytics.detection import faces as face_models

    h, w = 3000, 4000
    small = [1000.0, 1000.0, 1040.0, 1040.0, 0.9]  # 40 px: 13 px in the picture at 1,280 px
    on_a_seam = [1960.0, 1200.0, 2020.0, 1260.0, 0.9]  # across the edge of the first tile
    finder = _Tiles([small, on_a_seam], (h, w))
    shrink = min(1.0, face_models.TILED_AT_MOST / max(h, w))
    finder.tile_at = face_models._tiles(round(h * shrink), round(w * shrink))
    tiles = len(finder.tile_at)
    found = finder.faces(np.zeros((h, w, 3), np.uint8))
    assert len(finder.looks) == 1 + tiles
    np.testing.assert_allclose(sorted(found[:, :4].tolist()), [small[:4], on_a_seam[:4]], atol=2)


def test_a_big_picture_of_big_faces_gets_one_look():
    portrait = _Tiles([[1000.0, 800.0, 2600.0, 2800.0, 0.9]], (3000, 4000))
    assert len(portrait.faces(np.zeros((3000, 4000, 3), np.uint8))) == 1 and len(portrait.looks) == 1


class _Sized(FaceMasks):
    """FaceMasks whose looks see the picture's faces (its coordinates) that are at least `smallest`
    pixels as the look enlarges what it is given (`faces._zoom`)."""

    def __init__(self, faces: list[list[float]], size: tuple[int, int], smallest: float = 20) -> None:
        self.truth, self.size, self.smallest = np.array(faces, np.float32), size, smallest
        self.looks: list[tuple[int, int]] = []
        self.closer_look = True  # a still picture

    def _look(self, frame, landmarks):
        from analytics.detection.faces import _zoom

        self.looks.append(frame.shape[:2])
        enlarged = frame.shape[0] / self.size[0]
        seen = [[*(box[:4] * enlarged), box[4]] for box in self.truth
                if (box[2] - box[0]) * enlarged * _zoom(*frame.shape[:2]) >= self.smallest]
        return np.array(seen, np.float32).reshape(-1, 5)


def test_a_small_picture_with_a_small_face_is_looked_at_again_closer(monkeypatch):
    from analytics.detection import faces as face_models

    h, w = 300, 400  # a crowd photo: looked at enlarged to 640 px, then to 1,280 px
    near, far, farther = [10, 10, 30, 30, 0.9], [100, 100, 112, 112, 0.8], [200, 50, 206, 56, 0.7]
    finder = _Sized([near, far, farther], (h, w))
    found = finder.faces(np.zeros((h, w, 3), np.uint8))
    assert finder.looks == [(h, w), (960, 1280)]
    np.testing.assert_allclose(sorted(found[:, :4].tolist()), [near[:4], far[:4]], atol=1e-4)
    for faces, size in (([[50, 50, 150, 150, 0.9]], (h, w)),  # every face big enough: one look
                        ([], (480, 640)),  # no face at all (an empty camera frame): one look
                        ([near], (720, 1280))):  # a picture of 1,280 px: nothing to enlarge
        finder = _Sized(faces, size)
        finder.faces(np.zeros((*size, 3), np.uint8))
        assert len(finder.looks) == 1
    camera = _Sized([near, far], (h, w))
    camera.closer_look = False  # a camera's frame: one of many, one look each
    assert len(camera.faces(np.zeros((h, w, 3), np.uint8))) == 1 and len(camera.looks) == 1
    monkeypatch.setattr(face_models, "CLOSER_LOOK", False)
    finder = _Sized([near, far], (h, w))
    assert len(finder.faces(np.zeros((h, w, 3), np.uint8))) == 1 and len(finder.looks) == 1


def test_the_camera_worker_loads_the_detector_for_streams(monkeypatch):
    from analytics.detection import load
    from backend.cameras import detector

    assert load("kitchen").faces.closer_look and not load("kitchen", stream=True).faces.closer_look
    monkeypatch.setattr(detector, "_loaded", None)
    assert not detector.get().faces.closer_look


SKIN, WHITE_MASK = (215, 170, 140), (235, 238, 240)


def _face(frame: np.ndarray, left: int, top: int, side: int, lower: tuple[int, int, int]) -> np.ndarray:
    """Paints a face of skin with its lower half in `lower`; returns its row with landmarks."""
    frame[top:top + side, left:left + side] = SKIN
    frame[top + side // 2:top + side, left:left + side] = lower
    s = side / 32
    points = [(10, 12), (22, 12), (16, 18), (11, 24), (21, 24)]  # eyes, nose, mouth corners
    return np.array([left, top, left + side, top + side, 0.9,
                     *[v for x, y in points for v in (left + x * s, top + y * s)]], np.float32)


class _OneFace(FaceMasks):
    """FaceMasks with one known face and a classifier that is never sure (P(mask) = 0.4)."""

    def __init__(self, face: np.ndarray) -> None:  # no models
        self.face, self.mask_threshold = face, 0.5

    def faces(self, frame, landmarks=False):
        return self.face[None] if landmarks else self.face[None, :5]

    def mask_probability(self, crops):
        return [0.4] * len(crops)

    def second_opinion(self, crops):
        return [0.4] * len(crops)


class _TwoOpinions(_OneFace):
    """The first classifier unsure (0.4), the second sure of a mask (0.9)."""

    def second_opinion(self, crops):
        return [0.9] * len(crops)


def test_a_big_face_gets_the_mean_of_two_classifiers_and_a_small_one_the_first_alone(monkeypatch):
    from analytics.detection import faces as face_models

    roomy = np.zeros((240, 320, 3), np.uint8)
    big = _face(roomy, 100, 50, face_models.SMALL_FACE + 40, SKIN)
    assert _TwoOpinions(big).face_mask_probability(roomy, big[None]) == [pytest.approx(0.65)]
    assert [d["class"] for d in _TwoOpinions(big).masks(roomy)] == ["mask"]
    frame = np.zeros((240, 320, 3), np.uint8)
    small = _face(frame, 20, 20, 32, SKIN)  # bare: the colour check keeps it bare, the second has no say
    assert [d["class"] for d in _TwoOpinions(small).masks(frame)] == ["no_mask"]
    monkeypatch.setattr(face_models, "SECOND_OPINION", False)
    assert _TwoOpinions(big).face_mask_probability(roomy, big[None]) == [pytest.approx(0.4)]


def test_the_second_classifier_folded_is_its_package_graph():
    """Batch norms folded into the convolutions give what torchvision's layers give, unfolded."""
    import torch
    from torch import nn

    from analytics.detection.faces import _BLOCKS, SecondMaskClassifier
    from analytics.detection.registry import packaged

    path = packaged("second_mask_classifier")
    state = torch.load(path, map_location="cpu", weights_only=True)

    def conv_bn(cin, cout, kernel, stride, groups, relu):
        layers = [nn.Conv2d(cin, cout, kernel, stride, kernel // 2, groups=groups, bias=False),
                  nn.BatchNorm2d(cout)]
        return nn.Sequential(*layers, *([nn.ReLU6()] if relu else []))

    class Block(nn.Module):
        def __init__(self, cin, t, cout, stride):
            super().__init__()
            hidden = cin * t
            layers = ([conv_bn(cin, hidden, 1, 1, 1, True)] if t != 1 else []) + [
                conv_bn(hidden, hidden, 3, stride, hidden, True),
                nn.Conv2d(hidden, cout, 1, bias=False), nn.BatchNorm2d(cout)]
            self.conv, self.residual = nn.Sequential(*layers), stride == 1 and cin == cout

        def forward(self, x):
            return x + self.conv(x) if self.residual else self.conv(x)

    body, cin = [conv_bn(3, 32, 3, 2, 1, True)], 32
    for t, cout, stride in _BLOCKS:
        body.append(Block(cin, t, cout, stride))
        cin = cout
    body.append(conv_bn(320, 1280, 1, 1, 1, True))
    reference = nn.ModuleDict({"bottom": nn.Sequential(*body), "top": nn.Sequential(
        nn.Linear(1280 * 4 * 4, 256), nn.ReLU(), nn.Linear(256, 2))})
    reference.load_state_dict(state)
    reference.eval()
    x = torch.rand(3, 3, 128, 128, generator=torch.Generator().manual_seed(0)) * 2 - 1
    with torch.inference_mode():
        expected = torch.softmax(reference["top"](reference["bottom"](x).flatten(1)), 1)
        got = SecondMaskClassifier(str(path)).eval()(x)
    assert torch.allclose(got, expected, atol=1e-4)


def test_the_lower_face_in_another_colour_than_the_skin_tips_a_small_face_towards_mask():
    from analytics.detection.faces import SMALL_FACE, colour_checked, colour_difference

    frame = np.zeros((240, 320, 3), np.uint8)
    bare, masked = _face(frame, 20, 20, 32, SKIN), _face(frame, 120, 20, 32, WHITE_MASK)
    ab_bare, l_bare = colour_difference(frame, bare)
    ab_masked, l_masked = colour_difference(frame, masked)
    assert ab_bare < 1 and l_bare < 1 and ab_masked > 10 and l_masked > 10
    assert colour_checked(0.4, ab_bare, l_bare) < 0.4 < colour_checked(0.4, ab_masked, l_masked)
    assert colour_checked(0.4, 0, 0) < colour_checked(0.4, 20, 0) < colour_checked(0.4, 20, 30)
    assert colour_checked(0.999, 0, 0) > 0.5 and colour_checked(0.001, 40, 40) < 0.5  # a sure classifier
    sunglasses = _face(frame, 20, 120, 32, SKIN)
    frame[120 + 10:120 + 15, 20:52] = (20, 20, 25)  # dark glasses across the eyes: the brow is the skin
    assert colour_difference(frame, sunglasses)[0] < 1 and colour_difference(frame, sunglasses)[1] < 1
    grey = np.repeat(frame.mean(2, keepdims=True).astype(np.uint8), 3, 2)  # infrared night footage
    assert colour_difference(grey, masked) is None
    off = bare.copy()
    off[5:] -= 1000  # landmarks outside the picture: no check
    assert colour_difference(frame, off) is None
    for face, expected in ((bare, "no_mask"), (masked, "mask")):
        assert [d["class"] for d in _OneFace(face).masks(frame)] == [expected]
    roomy = np.zeros((240, 320, 3), np.uint8)
    big = _face(roomy, 100, 50, SMALL_FACE + 40, WHITE_MASK)  # the classifier alone decides
    assert [d["class"] for d in _OneFace(big).masks(roomy)] == ["no_mask"]


def test_the_colour_check_can_be_turned_off(monkeypatch):
    from analytics.detection import faces as face_models

    frame = np.zeros((240, 320, 3), np.uint8)
    masked = _face(frame, 120, 20, 32, WHITE_MASK)
    monkeypatch.setattr(face_models, "COLOUR_CHECK", False)
    assert [d["class"] for d in _OneFace(masked).masks(frame)] == ["no_mask"]


def test_a_blank_or_dark_frame_shows_nothing_and_a_lit_scene_is_looked_at():
    """Our network, trained on lit scenes, saw people in an all-black frame's noise (ten boxes)."""
    from analytics.detection import load
    from analytics.detection.faces import blank

    noise = np.random.default_rng(0).normal(20, 8, (240, 320, 3))
    dark = [np.zeros((240, 320, 3), np.uint8), np.full((240, 320, 3), 200, np.uint8),
            np.clip(noise, 0, 255).astype(np.uint8)]
    scene = SimulatedKitchen(3, width=320, height=240).frame(0.0)[0]
    assert [blank(frame) for frame in [*dark, scene]] == [True, True, True, False]
    found = load().detect([*dark, scene])
    assert found[:3] == [[], [], []] and found[3]
