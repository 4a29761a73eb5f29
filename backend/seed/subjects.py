"""The business record itself (市场主体): code, name, trade, address, grid area, contact."""

from datetime import date
from typing import Any

from backend import clock
from backend.businesses.schemas import Trade
from backend.seed import codes, people, shops
from backend.seed.context import Context, recorded_at
from backend.seed.places import District

GRID_AREAS_PER_STREET = 12


def business(ctx: Context, index: int, *, trade: Trade, district: District, subject: str,
             registered: date) -> dict[str, Any]:
    """Shaped as businesses.service.register stores it: BusinessCreate's fields plus created_at."""
    rng = ctx.rng
    road = rng.choice(district.roads)
    street = rng.choice(district.streets)
    return {
        "code": codes.business_code(index, subject=subject, division=district.division,
                                    offset=ctx.code_offset),
        "name": shops.shop_name(rng, trade, district, road, subject),
        "trade": trade.value,
        "address": shops.address(rng, district, road),
        "district": district.name,
        "grid": f"{street}第{rng.randint(1, GRID_AREAS_PER_STREET)}网格",
        "location": {"lat": round(rng.uniform(*district.lat), 6),
                     "lng": round(rng.uniform(*district.lng), 6)},
        "contact_name": people.person_name(rng),
        "contact_phone": people.mobile(rng),
        "established_on": clock.to_stored(registered),
        "created_at": recorded_at(registered),
    }
