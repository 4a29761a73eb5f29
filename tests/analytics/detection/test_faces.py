"""The packaged face detector's landmarks: the same faces with or without them, each point on its face."""

import numpy as np

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
