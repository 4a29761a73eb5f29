"""Generation alone, over enough businesses that rare cases (penalties, failed tests) show."""

from random import Random

import pytest

from backend import clock, identifiers
from backend.config import get_settings
from backend.licences.schemas import NUMBER_FORMATS, LicenceKind
from backend.seed import codes, generate
from backend.seed.context import Context
from backend.seed.places import DISTRICTS
from backend.seed.writer import profile

BUSINESSES = 3_000


@pytest.fixture(scope="module")
def generated():
    roster = {d.name: [{"id": f"OF-{d.unit_id}-{n}", "name": "李执法", "badge_number": f"{n}"}
                       for n in range(3)] for d in DISTRICTS}
    ctx = Context(rng=Random(7), today=clock.today(), roster=roster, code_offset=12_345,
                  expiring_within_days=get_settings().expiring_within_days)
    return ctx, [generate.business_records(ctx, index) for index in range(BUSINESSES)]


def test_some_penalties_are_public_and_some_past_their_period(generated):
    ctx, chunk = generated
    today = clock.to_stored(ctx.today)
    penalties = [row for records in chunk for row in records.penalties]
    assert {row["public_until"] >= today for row in penalties} == {True, False}
    assert len({row["decision_number"] for row in penalties}) == len(penalties)
    assert all(row["decided_on"] <= today for row in penalties)


def test_profiles_leave_out_penalties_past_their_period(generated):
    ctx, chunk = generated
    today = clock.to_stored(ctx.today)
    for records in chunk:
        shown = profile(records, ctx.today)["penalties"]
        assert len(shown) == sum(row["public_until"] >= today for row in records.penalties)


def test_rapid_tests_mostly_pass_and_some_fail(generated):
    _, chunk = generated
    results = [row["result"] for records in chunk for row in records.rapid_tests]
    assert 0 < results.count("fail") < 0.1 * len(results)


def test_nothing_is_dated_in_the_future(generated):
    ctx, chunk = generated
    today = clock.to_stored(ctx.today)
    for records in chunk:
        assert all(row["date"] <= today for row in records.inspections)
        assert all(row["purchased_on"] <= today for row in records.purchases)
        assert all(row["tested_on"] <= today for row in records.rapid_tests)
        assert all(row["issued_on"] <= today for row in records.licences)


def test_food_trades_keep_ledgers_and_others_do_not(generated):
    _, chunk = generated
    for records in chunk:
        food = records.business["trade"] != "special_equipment_user"
        assert bool(records.purchases) == food
        kinds = {row["kind"] for row in records.licences}
        assert bool(kinds & {"food_business_licence", "food_production_licence"}) == food


def test_organisation_codes_do_not_collide():
    assert len({codes.organisation_code(i, 0) for i in range(50_000)}) == 50_000


def test_seeded_numbers_follow_the_rules_the_api_applies(generated):
    """The demo must not show numbers the API would refuse (backend.identifiers)."""
    _, chunk = generated
    for records in chunk:
        code = records.business["code"]
        for row in records.licences:
            if row["kind"] == LicenceKind.BUSINESS_LICENCE:
                assert identifiers.business_licence(row["number"], business_code=code) == code
            else:
                assert NUMBER_FORMATS[LicenceKind(row["kind"])](row["number"]) == row["number"]
        for row in records.staff:
            identifiers.health_certificate(row["health_certificate_number"])
        for row in records.equipment:
            identifiers.equipment_registration(row["registration_number"])
        for row in records.penalties:
            assert identifiers.decision(row["decision_number"]) == row["decision_number"]
            identifiers.decision_year(row["decision_number"], decided_on=row["decided_on"].date())


def test_seeded_badge_numbers_follow_the_badge_rule():
    assert identifiers.badge(codes.badge_number("440106", 7)) == "44010600007"
