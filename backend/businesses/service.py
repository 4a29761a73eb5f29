"""Rules for finding and registering businesses."""

from typing import Any

from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from backend import clock, paging, record_dates
from backend.audit import service as audit
from backend.businesses import credit_code, repository
from backend.businesses import search as business_search
from backend.businesses.schemas import (
    BusinessCreate,
    BusinessesPublic,
    BusinessPublic,
    BusinessUpdate,
    PageMeta,
)
from backend.errors import Conflict, Invalid, NotFound
from backend.i18n import N_
from backend.profiles import service as profiles
from backend.users import permissions
from backend.users.schemas import Actor


def search(db: Database, *, text: str = "", district: str = "", trade: str = "",
           page_number: int = 1, page_size: int = 20, cursor: str = "") -> BusinessesPublic:
    """Text goes through the n-gram index; a listing (no text) pages by keyset when given the
    `cursor` of the page before it, so page 1,000 costs what page 1 does. The cursor carries how
    many rows come before the page it leads to (the page number in the meta, and whether more
    follow, come from it, whatever size the pages are); the last page has none."""
    paging.check(page_number, page_size)
    if len(text) > 100:
        raise Invalid("The search text is too long (at most 100 characters).")
    if cursor and text.strip():
        raise Invalid("A cursor pages a listing without search text; page a search by pageNumber.")
    key = paging.read_cursor(cursor, parts=3) if cursor else None
    skip = paging.cursor_position(key[2]) if key is not None else paging.skip(page_number, page_size)
    page_number, estimated = skip // page_size + 1, False
    if text.strip():
        total, rows, estimated = business_search.find(db, text=text.strip(), district=district,
                                                      trade=trade, skip=skip, limit=page_size)
    else:
        query = repository.listing_filter(district=district, trade=trade)
        total = repository.count_matching(db, query)
        if key is not None:
            rows = repository.search_after(db, query, name=key[0], code=key[1], limit=page_size)
        else:
            rows = repository.search(db, query, skip=skip, limit=page_size)
    more = not text.strip() and rows and skip + len(rows) < total
    following = (paging.write_cursor(rows[-1]["name"], rows[-1]["code"], str(skip + len(rows)))
                 if more else None)
    meta = PageMeta.of(total, page_number, page_size, totalIsEstimate=estimated, nextCursor=following)
    return BusinessesPublic(data=[BusinessPublic(**row) for row in rows], meta=meta)


def search_in_districts(db: Database, *, text: str, districts: list[str],
                        page_size: int = 20) -> list[BusinessPublic]:
    """An officer's search for a business to act on: matches in any of the unit's districts."""
    return [row for district in districts
            for row in search(db, text=text[:100], district=district, page_size=page_size).data]


def rename(db: Database, *, actor: Actor | None, code: str, data: BusinessUpdate) -> BusinessPublic:
    """Name, address, grid or location change (a move within the district); search follows."""
    business = get(db, code=code)
    permissions.require_officer_for_district(actor, business["district"])
    fields = data.model_dump(mode="json", exclude_unset=True)
    if not fields:
        raise Invalid("Nothing to change.")
    updated = repository.update(db, business["code"], fields)
    assert updated is not None
    profiles.publish_change(db, actor=actor, action="business.update", code=business["code"],
                            data={"before": {k: business.get(k) for k in fields}, "after": fields})
    return BusinessPublic(**updated)


def get(db: Database, *, code: str) -> dict[str, Any]:
    """The business's own record; Invalid for a malformed code, NotFound for an unknown one."""
    normalized = credit_code.normalize(code)
    business = repository.get(db, normalized)
    if business is None:
        raise NotFound("No business is registered under credit code {code}.", code=normalized)
    return business


def register(db: Database, *, actor: Actor | None, data: BusinessCreate) -> BusinessPublic:
    permissions.require_officer_for_district(actor, data.district)
    record_dates.check(data.established_on,
                       in_future=N_("A business cannot be established in the future."))
    document = data.model_dump(mode="json") | {
        "established_on": clock.to_stored(data.established_on), "created_at": clock.now()}
    try:
        repository.insert(db, document)
    except DuplicateKeyError as exc:
        raise Conflict("A business with credit code {code} already exists.", code=data.code) from exc
    audit.record(db, actor=actor, action="business.register", target=data.code, data=document)
    profiles.rebuild(db, code=data.code)
    return BusinessPublic(**document)


def districts(db: Database) -> list[str]:
    return repository.districts(db)
