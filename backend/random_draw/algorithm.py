"""The draw itself: a pure function of the published register and seed, so anyone can re-run it.

Exactly, given the register R (as published) and the seed S (hex):
1. `register_hash` = SHA-256 of R's canonical JSON: keys sorted, separators "," and ":",
   UTF-8, non-ASCII characters kept as they are.
2. rng = random.Random(int(S, 16)); only rng.random() is used (Mersenne Twister, the same on every
   Python 3 version).
3. Targets: for each business of R["businesses"] in that (code) order, u = rng.random() is drawn
   for every business, eligible or not; an eligible one gets the key u ** (1 / weight)
   (Efraimidis–Spirakis weighted sampling without replacement). The `count` businesses with the
   largest keys are drawn (equal keys: smaller code first). count = min(eligible, ceil(base_ratio
   × sum of the eligible businesses' weights)): a riskier register draws more.
4. Officers: for each drawn business in draw order, each officer of R["officers"] in (id) order
   gets v = rng.random(); officers who inspected the business before or declared a conflict with
   it are skipped (their v is still drawn). The `officers_per_inspection` with the smallest v
   are assigned (equal: smaller id first). With too few officers left, none are assigned."""

import hashlib
import json
import math
import random
from typing import Any


def canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def register_hash(register: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(register)).hexdigest()


def draw_count(register: dict[str, Any]) -> int:
    eligible = [business for business in register["businesses"] if business["eligible"]]
    wanted = math.ceil(register["base_ratio"] * sum(b["weight"] for b in eligible) - 1e-9)
    return min(len(eligible), max(0, wanted))


def draw(register: dict[str, Any], seed: str) -> list[dict[str, Any]]:
    """[{business_code, key, officer_ids}] in draw order; the same for the same inputs."""
    rng = random.Random(int(seed, 16))
    keyed = []
    for business in register["businesses"]:
        u = rng.random()
        if business["eligible"] and business["weight"] > 0:
            keyed.append((u ** (1 / business["weight"]), business))
    keyed.sort(key=lambda pair: (-pair[0], pair[1]["code"]))
    conflicts = {(officer, code) for officer, code in register["conflicts"]}
    drawn = []
    for key, business in keyed[:draw_count(register)]:
        drawn.append({"business_code": business["code"], "key": key,
                      "officer_ids": _pair(rng, register, business, conflicts)})
    return drawn


def _pair(rng: random.Random, register: dict[str, Any], business: dict[str, Any],
          conflicts: set[tuple[str, str]]) -> list[str]:
    previous = set(business["previous_inspectors"])
    candidates = []
    for officer in register["officers"]:
        v = rng.random()
        if officer["id"] not in previous and (officer["id"], business["code"]) not in conflicts:
            candidates.append((v, officer["id"]))
    needed = register["officers_per_inspection"]
    if len(candidates) < needed:
        return []
    return [officer_id for _, officer_id in sorted(candidates)[:needed]]
