"""The draw as a pure function: constraints and reproducibility, as tables over many seeds."""

import copy
from collections import Counter

import pytest

from backend.random_draw import algorithm

SEEDS = [f"{n:032x}" for n in range(1, 41)]


def _register(n: int = 30, *, ratio: float = 0.2, officers: int = 6, **changes) -> dict:
    register = {
        "base_ratio": ratio, "officers_per_inspection": 2, "max_per_year": 2,
        "businesses": [{"code": f"B{i:03d}", "weight": 1.0, "eligible": True,
                        "previous_inspectors": []} for i in range(n)],
        "officers": [{"id": f"OF{i}", "name": f"官{i}"} for i in range(officers)],
        "conflicts": [],
    }
    register.update(changes)
    return register


@pytest.mark.parametrize("weights, ratio, count", [
    ([1.0] * 100, 0.04, 4),          # the default ratio: 4 of 100
    ([1.0] * 10, 0.04, 1),           # rounds up: a tiny register still gets one
    ([2.0] * 100, 0.04, 8),          # riskier register, more inspections
    ([1.0] * 50 + [3.0] * 50, 0.04, 8),
    ([1.0] * 3, 1.0, 3),             # never more than there are
])
def test_draw_count(weights, ratio, count):
    register = _register(len(weights), ratio=ratio)
    for business, weight in zip(register["businesses"], weights, strict=True):
        business["weight"] = weight
    assert algorithm.draw_count(register) == count


@pytest.mark.parametrize("seed", SEEDS[:5])
def test_same_register_and_seed_same_result(seed):
    register = _register()
    assert algorithm.draw(copy.deepcopy(register), seed) == algorithm.draw(register, seed)


def test_different_seeds_give_different_draws():
    register = _register()
    results = {tuple(t["business_code"] for t in algorithm.draw(register, seed)) for seed in SEEDS}
    assert len(results) > 30


@pytest.mark.parametrize("seed", SEEDS)
def test_ineligible_businesses_are_never_drawn(seed):
    register = _register(ratio=0.5)
    for business in register["businesses"][::2]:  # drawn twice this year already
        business["eligible"] = False
    drawn = {t["business_code"] for t in algorithm.draw(register, seed)}
    assert drawn and drawn.isdisjoint({b["code"] for b in register["businesses"][::2]})


@pytest.mark.parametrize("seed", SEEDS)
def test_pairs_avoid_previous_inspectors_and_conflicts(seed):
    register = _register(ratio=0.5)
    for i, business in enumerate(register["businesses"]):
        business["previous_inspectors"] = [f"OF{i % 6}"]
    register["conflicts"] = [[f"OF{(i + 1) % 6}", f"B{i:03d}"] for i in range(30)]
    for target in algorithm.draw(register, seed):
        i = int(target["business_code"][1:])
        assert len(set(target["officer_ids"])) == 2
        assert f"OF{i % 6}" not in target["officer_ids"]
        assert f"OF{(i + 1) % 6}" not in target["officer_ids"]


def test_no_pair_when_too_few_officers_are_free():
    register = _register(n=1, ratio=1.0, officers=3)
    register["businesses"][0]["previous_inspectors"] = ["OF0", "OF1"]
    assert algorithm.draw(register, SEEDS[0])[0]["officer_ids"] == []


def test_higher_weight_is_drawn_more_often():
    register = _register(n=20, ratio=0.1)
    for business in register["businesses"][:10]:
        business["weight"] = 3.0
    counts = Counter(t["business_code"] for seed in SEEDS for t in algorithm.draw(register, seed))
    heavy = sum(n for code, n in counts.items() if int(code[1:]) < 10)
    light = sum(n for code, n in counts.items() if int(code[1:]) >= 10)
    assert heavy > 2 * light


def test_hash_changes_with_any_change_to_the_register():
    register = _register()
    tampered = copy.deepcopy(register)
    tampered["businesses"][3]["weight"] = 1.5
    assert algorithm.register_hash(register) == algorithm.register_hash(copy.deepcopy(register))
    assert algorithm.register_hash(register) != algorithm.register_hash(tampered)
    assert len(algorithm.register_hash(register)) == 64
