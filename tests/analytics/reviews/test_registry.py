"""The registry loads shipped weights only when they are the file the manifest names by SHA-256."""

import shutil

import pytest

from analytics.reviews import load
from analytics.reviews.registry import WEIGHTS_DIR, WeightsError, load_net, manifest


def test_shipped_model_loads_once_in_eval_mode() -> None:
    scorer = load()
    assert scorer is not None and not scorer.net.training
    assert load().net is scorer.net
    assert (scorer.name, scorer.version) == ("review-bag", manifest()["review-bag"]["version"])


def test_a_tampered_weight_file_is_refused(tmp_path):
    copy = tmp_path / "weights"
    shutil.copytree(WEIGHTS_DIR, copy)
    weights = copy / manifest()["review-bag"]["file"]
    data = bytearray(weights.read_bytes())
    data[len(data) // 2] ^= 0x01
    weights.write_bytes(bytes(data))
    with pytest.raises(WeightsError, match="SHA-256"):
        load_net("review-bag", weights_dir=copy)


def test_unknown_or_missing_weights_are_refused(tmp_path):
    with pytest.raises(WeightsError, match="unknown"):
        load_net("no-such-model")
    copy = tmp_path / "weights"
    shutil.copytree(WEIGHTS_DIR, copy)
    (copy / manifest()["review-bag"]["file"]).unlink()
    with pytest.raises(WeightsError, match="missing"):
        load_net("review-bag", weights_dir=copy)
