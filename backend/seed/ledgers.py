"""A food business's own ledgers: purchase checks (进货查验) and rapid tests (快检) of what it bought."""

from datetime import date
from typing import Any

from backend.businesses.schemas import Trade
from backend.purchases.schemas import TestResult
from backend.seed import food
from backend.seed.context import Context, recorded_at, stored

PURCHASE_HISTORY_DAYS = 60
# Markets and restaurants test what they buy daily; factories and workshops rarely on site.
RAPID_TESTS_PER_BUSINESS = {Trade.CATERING: 3, Trade.FOOD_SALES: 3, Trade.FOOD_PRODUCTION: 1,
                            Trade.SMALL_WORKSHOP: 1}


def _batch(ctx: Context, day: date) -> str:
    return f"{day:%Y%m%d}-{ctx.rng.randint(1, 20):02d}"


def purchases(ctx: Context, business: dict[str, Any]) -> list[dict[str, Any]]:
    """Shaped as purchases.service.record_purchase stores it."""
    rng = ctx.rng
    found = []
    for _ in range(rng.randint(1, 4)):
        ingredient = rng.choice(food.TRADE_INGREDIENTS[Trade(business["trade"])])
        day = ctx.days_ago(rng.randint(0, PURCHASE_HISTORY_DAYS))
        found.append({"item": ingredient.item,
                      "supplier": rng.choice(food.SUPPLIERS[ingredient.category]),
                      "batch": _batch(ctx, day), "quantity": rng.choice(ingredient.units),
                      "purchased_on": stored(day), "business_code": business["code"],
                      "created_at": recorded_at(day)})
    return found


def rapid_tests(ctx: Context, business: dict[str, Any],
                bought: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Shaped as purchases.service.record_rapid_test stores it: tests of batches just bought,
    on the day they arrived."""
    rng = ctx.rng
    testable = [row for row in bought if food.CATEGORY[row["item"]] in food.RAPID_TESTS]
    most = RAPID_TESTS_PER_BUSINESS[Trade(business["trade"])]
    found = []
    for row in rng.sample(testable, min(len(testable), rng.randint(0, most))):
        day = row["purchased_on"].date()
        failed = rng.random() < food.RAPID_TEST_FAIL_RATE
        tests = food.RAPID_TESTS[food.CATEGORY[row["item"]]]
        found.append({"item": row["item"], "test": rng.choice(tests),
                      "batch": row["batch"], "tested_on": stored(day),
                      "result": (TestResult.FAIL if failed else TestResult.PASS).value,
                      "business_code": business["code"], "created_at": recorded_at(day)})
    return found
