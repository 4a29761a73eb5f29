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
