"""The review classifier: a bag of hashed character n-grams through a small two-layer network."""

import torch
from torch import nn

from analytics.reviews.features import BUCKETS


class ReviewNet(nn.Module):
    """Mean of n-gram embeddings → ReLU layer → one logit for "satisfied" (fastText-like, CPU-fast)."""

    def __init__(self, buckets: int = BUCKETS, dim: int = 32, hidden: int = 32) -> None:
        super().__init__()
        self.embed = nn.EmbeddingBag(buckets, dim, mode="mean")
        self.hidden = nn.Linear(dim, hidden)
        self.out = nn.Linear(hidden, 1)

    def forward(self, ids: torch.Tensor, offsets: torch.Tensor) -> torch.Tensor:
        bag = self.embed(ids, offsets)
        return self.out(torch.relu(self.hidden(bag))).squeeze(-1)


def pack(batch: list[list[int]]) -> tuple[torch.Tensor, torch.Tensor]:
    """Flat ids and start offsets, the input EmbeddingBag takes for a batch of texts."""
    lengths = [len(ids) for ids in batch]
    offsets = [0]
    for length in lengths[:-1]:
        offsets.append(offsets[-1] + length)
    flat = [i for ids in batch for i in ids]
    return torch.tensor(flat, dtype=torch.long), torch.tensor(offsets, dtype=torch.long)
