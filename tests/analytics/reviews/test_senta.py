"""Our torch code runs Senta's pretrained network as Senta does: its README's own outputs."""

import torch

from analytics.reviews import load
from analytics.reviews.registry import load_net
from analytics.reviews.senta import _tensor_desc


def test_senta_s_published_outputs_are_reproduced():
    senta, entry = load_net("senta")
    assert entry["version"] == "1.0.3"
    # Senta 1.0.3's README: [('中山大学是岭南第一学府', 1, 0.3307…, 0.66927…),
    #                        ('百度是一家高科技公司', 1, 0.3747…, 0.62528…)]
    positive = torch.sigmoid(senta.text_logits(["中山大学是岭南第一学府", "百度是一家高科技公司"]))
    assert torch.allclose(positive, torch.tensor([0.6692699790000916, 0.6252812147140503]), atol=2e-3)


def test_texts_of_any_length_are_scored_in_their_own_order():
    senta, _ = load_net("senta")
    texts = ["菜很好吃", "等了一个半小时才送到，饭都凉了，再也不点了" * 30, "好", "服务员态度很差", ""]
    together = senta.text_logits(texts)
    alone = torch.cat([senta.text_logits([text]) for text in texts])
    assert torch.allclose(together, alone, atol=1e-5)   # batching and length-sorting change nothing
    assert together[0] > 0 > together[3]


def test_the_pair_reads_word_order_better_than_our_network_alone():
    """A complaint that ends on its verdict, and a kitchen report: our bag of n-grams took both for
    satisfied; the pair does not."""
    texts = ["公司附近的店，外卖迟到一个小时，后厨是明厨亮灶，看得很放心，差评。", "看到后厨有老鼠"]
    assert [result["label"] for result in load("review-bag").score(texts)] == ["positive", "positive"]
    assert [result["label"] for result in load().score(texts)] == ["negative", "negative"]


def test_a_paddle_tensor_description_is_read():
    assert _tensor_desc(bytes([0x08, 0x05, 0x10, 0x60, 0x10, 0x02])) == ([96, 2], 5)
