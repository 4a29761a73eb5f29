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
