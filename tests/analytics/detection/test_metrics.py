"""Evaluation math on a case worked out by hand."""

import pytest

from analytics.detection.metrics import average_precision, evaluate, iou, per_face


def test_iou():
    assert iou([0, 0, 10, 10], [5, 0, 15, 10]) == pytest.approx(50 / 150)
    assert iou([0, 0, 10, 10], [20, 20, 30, 30]) == 0.0


def test_hand_checked_case():
    # two images, three people in the truth; four predictions:
    #   0.9 hits A, 0.8 misses (nothing there), 0.7 hits B, 0.6 is a second box on A (a duplicate → false)
    # ranked: TP, FP, TP, FP → recall 1/3, 1/3, 2/3, 2/3; precision 1, 1/2, 2/3, 1/2
    # AP = 1/3 × 1 + 1/3 × 2/3 (envelope) + 1/3 × 0 (C never found) = 5/9
    truths = [
        [{"class": "person", "box": [0, 0, 10, 10]}, {"class": "person", "box": [50, 50, 60, 60]}],
        [{"class": "person", "box": [0, 0, 20, 20]}],
    ]
    predictions = [
        [
            {"class": "person", "confidence": 0.9, "box": [0, 0, 10, 10]},
            {"class": "person", "confidence": 0.8, "box": [100, 100, 110, 110]},
            {"class": "person", "confidence": 0.6, "box": [1, 0, 11, 10]},
            {"class": "rat", "confidence": 0.99, "box": [50, 50, 60, 60]},
        ],
        [{"class": "person", "confidence": 0.7, "box": [0, 0, 20, 19]}],
    ]
    result = evaluate(predictions, truths, confidence=0.75)
    person = result["classes"]["person"]
    assert person["ap50"] == pytest.approx(5 / 9)
    # at confidence ≥ 0.75 only the 0.9 (hit) and 0.8 (miss) count
    assert person["precision"] == pytest.approx(1 / 2)
    assert person["recall"] == pytest.approx(1 / 3)
    assert result["classes"]["rat"]["ground_truth"] == 0
    assert result["map50"] == pytest.approx(5 / 9)  # rat has no truth, so it is not in the mean
    # nothing to measure is no figure, not a score of 0 (a JSON reader took it for one)
    assert (result["classes"]["rat"]["recall"], result["classes"]["rat"]["ap50"]) == (None, None)
    assert result["classes"]["rat"]["precision"] == 0.0   # its one prediction was wrong
    assert result["classes"]["smoking"] | {} == {"precision": None, "recall": None, "ap50": None,
                                                 "ground_truth": 0, "predictions": 0}


def test_all_point_interpolation():
    assert average_precision([0.5, 1.0], [1.0, 0.5]) == pytest.approx(0.75)  # type: ignore[arg-type]


def test_mismatched_lengths_refused():
    with pytest.raises(ValueError):
        evaluate([[]], [])


def test_per_face_counts_right_wrong_and_missed_faces_by_hand():
    from analytics.detection.metrics import per_face

    truths = [[{"class": "mask", "box": [0, 0, 10, 10]}, {"class": "no_mask", "box": [20, 0, 30, 10]},
               {"class": "mask", "box": [40, 0, 50, 10]}, {"class": "person", "box": [0, 0, 50, 50]}]]
    predictions = [[
        {"class": "mask", "confidence": 0.9, "box": [0, 0, 10, 10]},      # right
        {"class": "mask", "confidence": 0.8, "box": [21, 0, 31, 10]},     # found, wrong class
        {"class": "mask", "confidence": 0.2, "box": [40, 0, 50, 10]},     # under the confidence: missed
        {"class": "no_mask", "confidence": 0.9, "box": [60, 0, 70, 10]},  # on no labelled face
    ]]
    result = per_face(predictions, truths, iou_threshold=0.5, confidence=0.35)
    assert (result["faces"], result["found"], result["right"]) == (3, 2, 1)
    assert result["accuracy"] == 1 / 3
    assert result["classes"] == {"mask": {"faces": 2, "found": 1, "right": 1},
                                 "no_mask": {"faces": 1, "found": 1, "right": 0}}


def test_ignored_truths_neither_count_nor_punish():
    """VOC's `difficult` and COCO's `iscrowd`: not objects to find, and finding one is no error."""
    truths = [[{"class": "person", "box": [0, 0, 10, 10]},
               {"class": "person", "box": [50, 50, 60, 60], "ignore": "difficult"},
               {"class": "mask", "box": [20, 20, 30, 30], "ignore": "crowd"}]]
    predictions = [[{"class": "person", "confidence": 0.9, "box": [0, 0, 10, 10]},
                    {"class": "person", "confidence": 0.8, "box": [50, 50, 60, 60]},   # the difficult one
                    {"class": "person", "confidence": 0.7, "box": [80, 80, 90, 90]},   # nothing there
                    {"class": "no_mask", "confidence": 0.9, "box": [20, 20, 30, 30]}]]
    person = evaluate(predictions, truths)["classes"]["person"]
    assert (person["ground_truth"], person["predictions"]) == (1, 2)
    assert person["precision"] == pytest.approx(1 / 2) and person["recall"] == 1.0
    assert person["ap50"] == pytest.approx(1.0)
    assert per_face(predictions, truths)["faces"] == 0
