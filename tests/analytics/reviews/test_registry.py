"""The registry loads shipped weights only when they are the file the manifest names by SHA-256."""

import shutil

import pytest

from analytics.reviews import load
from analytics.reviews.model import ReviewNet
from analytics.reviews.registry import WEIGHTS_DIR, WeightsError, load_net, load_nets, manifest
from analytics.reviews.senta import SentaNet


def test_the_shipped_model_is_our_network_and_senta_s_loaded_once() -> None:
    scorer = load()
    bag, senta = scorer.nets
    assert isinstance(bag, ReviewNet) and not bag.training and isinstance(senta, SentaNet)
    assert load().nets == scorer.nets   # the same objects: loaded once per process
    assert (scorer.name, scorer.version) == ("review-bag+senta", manifest()["review-bag+senta"]["version"])
    assert [type(net) for net in load("review-bag").nets] == [ReviewNet]   # ours alone, by name


@pytest.mark.parametrize("member", ["review-bag", "senta"])
def test_a_tampered_weight_file_is_refused(tmp_path, member):
    copy = tmp_path / "weights"
    shutil.copytree(WEIGHTS_DIR, copy)
    weights = copy / manifest()[member]["file"]
    data = bytearray(weights.read_bytes())
    data[len(data) // 2] ^= 0x01
    weights.write_bytes(bytes(data))
    with pytest.raises(WeightsError, match="SHA-256"):
        load_net(member, weights_dir=copy)
    with pytest.raises(WeightsError, match="SHA-256"):   # and the pair that uses it
        load_nets("review-bag+senta", weights_dir=copy)


def test_unknown_or_missing_weights_are_refused(tmp_path):
    with pytest.raises(WeightsError, match="unknown"):
        load_net("no-such-model")
    copy = tmp_path / "weights"
    shutil.copytree(WEIGHTS_DIR, copy)
    (copy / manifest()["review-bag"]["file"]).unlink()
    with pytest.raises(WeightsError, match="missing"):
        load_net("review-bag", weights_dir=copy)
