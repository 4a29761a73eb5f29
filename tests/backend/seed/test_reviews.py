"""Seeded reviews: varied Chinese texts, scored at seed time, so the demo's pages have grades."""

import pytest

from backend.profiles import service as profiles
from backend.seed import demo


@pytest.fixture(scope="module")
def seeded(db):
    demo.seed(db, businesses=30, seed=7, chunk_size=12)
    return db


def test_food_businesses_have_scored_reviews_and_grades(seeded):
    reviews = list(seeded.reviews.find({}, {"text": 1, "status": 1, "prediction": 1}))
    assert len(reviews) >= 30 * 3
    assert len({row["text"] for row in reviews}) > len(reviews) * 0.8  # varied, not one template
    assert all(row["status"] == "scored" and row["prediction"]["model"] for row in reviews)
    assert seeded.review_predictions.count_documents({}) == len(reviews)
    graded = [p for p in seeded.public_profiles.find({}) if p["grades"]["consumer"]]
    assert len(graded) >= 20
    assert len({p["grades"]["consumer"]["band"] for p in graded}) >= 2


def test_the_public_record_reads_seeded_reviews(seeded):
    code = seeded.reviews.find_one({})["business_code"]
    record = profiles.public_record(seeded, code=code)
    assert record.reviews and record.reviews[0].prediction is not None
    assert record.grades.consumer is not None


def test_the_same_seed_writes_the_same_reviews(seeded, db):
    first = sorted((str(r["_id"]), r["text"]) for r in seeded.reviews.find({}, {"text": 1}))
    demo.reset(db)
    demo.seed(db, businesses=30, seed=7, chunk_size=12)
    assert sorted((str(r["_id"]), r["text"]) for r in db.reviews.find({}, {"text": 1})) == first


def test_a_mixed_review_says_where_it_turns():
    """One aspect at most goes against the review's mood, and a turn word introduces it: a string
    of opposite phrases before 五星好评 read as nonsense on the demo's QR pages."""
    from random import Random

    from backend.seed.reviews import PHRASES, TURNS, _text

    rng = Random(7)
    mixed = 0
    for _ in range(400):
        good = rng.random() < 0.6
        text = _text(rng, good, None)
        against = [p for phrases in PHRASES.values() for p in phrases[1 if good else 0] if p in text]
        assert len(against) <= 1, text
        if against:
            mixed += 1
            # a liked place: 不过价格偏贵，… last; a disliked one: 不贵，但是菜是凉的，… first
            said = [t + against[0] for t in TURNS[True]] if good else [against[0] + t for t in TURNS[False]]
            assert any(words in text for words in said), text
    assert 60 < mixed < 140  # about a quarter
