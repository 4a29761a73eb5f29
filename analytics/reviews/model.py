"""The review classifier: a bag of hashed character n-grams through a small two-layer network."""

from collections.abc import Sequence

import torch
from torch import nn

from analytics.reviews.features import BUCKETS, batch_ngrams


class ReviewNet(nn.Module):
    """Mean of n-gram embeddings → ReLU layer → one logit for "satisfied" (fastText-like, CPU-fast)."""

    def __init__(self, buckets: int = BUCKETS, dim: int = 32, hidden: int = 32, sparse: bool = False) -> None:
        super().__init__()
        # sparse gradients touch only the n-grams of a batch: training is fast with a large table
        self.embed = nn.EmbeddingBag(buckets, dim, mode="mean", sparse=sparse)
        self.hidden = nn.Linear(dim, hidden)
        self.out = nn.Linear(hidden, 1)

    def forward(self, ids: torch.Tensor, offsets: torch.Tensor) -> torch.Tensor:
        bag = self.embed(ids, offsets)
        return self.out(torch.relu(self.hidden(bag))).squeeze(-1)

    @torch.inference_mode()
    def text_logits(self, texts: Sequence[str]) -> torch.Tensor:
        """logit P(satisfied) per (normalised, non-empty) text."""
        return self(*batch_ngrams(texts))
