"""Generates one business with all its records, in the order the random stream is drawn."""

from backend.seed import checks, equipment, ledgers, licensing, reviews, shops, subjects
from backend.seed.context import BusinessRecords, Context
from backend.seed.places import DISTRICTS

REGISTERED_DAYS_AGO = (60, 15 * 365)


def business_records(ctx: Context, index: int) -> BusinessRecords:
    rng = ctx.rng
    trade = shops.trade(rng)
    district = rng.choice(DISTRICTS)
    subject = shops.subject_type(rng, trade)
    registered = ctx.days_ago(rng.randint(*REGISTERED_DAYS_AGO))
    business = subjects.business(ctx, index, trade=trade, district=district, subject=subject,
                                 registered=registered)
    records = BusinessRecords(business)
    records.licences = licensing.licences(ctx, index, business, district=district,
                                          subject=subject, registered=registered)
    records.equipment = equipment.equipment(ctx, index, business, records.licences,
                                            district=district)
    records.staff = licensing.staff(ctx, index, business, district=district, registered=registered)
    records.inspections = checks.inspections(ctx, index, business, registered)
    records.penalties = checks.penalties(ctx, business, district=district,
                                         inspections=records.inspections, registered=registered)
    if trade in shops.FOOD_TRADES:
        records.purchases = ledgers.purchases(ctx, business)
        records.rapid_tests = ledgers.rapid_tests(ctx, business, records.purchases)
    records.reviews = reviews.reviews(ctx, business, records.staff)
    return records
