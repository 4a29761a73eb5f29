"""A tiny stand-in scorer, so pipeline tests do not depend on the shipped model's opinions."""

import pytest

from backend.reviews import scoring


class WordScorer:
    """Satisfied when the text says 好 (good), not when it says 差 (bad): predictable on purpose."""

    name, version = "word-test", "1"

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def score(self, texts):
        self.calls.append(list(texts))
        results = []
        for text in texts:
            if not text.strip():
                results.append({"error": "empty"})
                continue
            p = 0.95 if "好" in text else 0.05 if "差" in text else 0.5
            results.append({"label": "positive" if p >= 0.5 else "negative", "score": p,
                            "stars": 5 if p > 0.9 else 1 if p < 0.1 else 3,
                            "aspects": {"hygiene": None, "taste": None, "service": None,
                                        "price": None, "speed": None},
                            "model": self.name, "version": self.version})
        return results


@pytest.fixture
def word_scorer():
    model = WordScorer()
    scoring.use(model)
    yield model
    scoring.use(None)

