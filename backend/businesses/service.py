"""Rules for finding and registering businesses."""

import math
from typing import Any

from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from backend import clock, paging, record_dates
from backend.audit import service as audit
from backend.businesses import credit_code, filtered, repository, search_terms
from backend.businesses.filtered import GradeFilter
from backend.businesses.place import Near
from backend.businesses.schemas import (
    BusinessCreate,
    BusinessesPublic,
    BusinessListed,
    BusinessPublic,
    BusinessUpdate,
    ListedGrades,
    PageMeta,
)
from backend.businesses.search import Found
from backend.errors import Conflict, Forbidden, Invalid, NotFound
from backend.i18n import N_
from backend.officers import repository as officers_repository
from backend.profiles import repository as profiles_repository
from backend.profiles import service as profiles
from backend.users import permissions
from backend.users.schemas import Actor, Role

NO_GRADE = GradeFilter()


def search(db: Database, *, text: str = "", district: str = "", trade: str = "",
           grade: GradeFilter = NO_GRADE, near: Near | None = None, page_number: int = 1,
           page_size: int = 20, cursor: str = "", with_grades: bool = False) -> BusinessesPublic:
    """Text goes through the n-gram index (several words: each must match, see `search_terms`);
    grades and places narrow it or a listing (`filtered`). A listing by district and trade alone
    pages by keyset when given the `cursor` of the page before it, so page 1,000 costs what page 1
    does. The cursor carries the listing it walks (district, trade: another's is refused) and how
    many rows come before the page it leads to (the page number in the meta comes from it, whatever
    size the pages are); whether more follow is read from the data, one row past the page, so rows
    renamed or removed on the way never cut a walk short. The last page has no cursor.
    `with_grades`: each row carries its grades (one more read for the page)."""
    paging.check(page_number, page_size)
    if len(text) > 100:
        raise Invalid("The search text is too long (at most 100 characters).")
    text, narrowing = text.strip(), bool(grade) or near is not None
    if cursor and text:
        raise Invalid("A cursor pages a listing without search text; page a search by pageNumber.")
    if cursor and narrowing:
        raise Invalid("A cursor pages a listing by district and trade; page a search by grade or "
                      "place by pageNumber.")
    key = paging.read_cursor(cursor, parts=5) if cursor else None
    if key is not None and key[3:] != [district, trade]:
        raise Invalid("This paging cursor walks another listing (another district or trade); start "
                      "again from the first page.")
    skip = paging.cursor_position(key[2]) if key is not None else paging.skip(page_number, page_size)
    more = False
    if text and narrowing:
        found = filtered.narrowed(db, text=text, district=district, trade=trade, grade=grade,
                                  near=near, skip=skip, limit=page_size)
    elif text:
        found = search_terms.find_text(db, text=text, district=district, trade=trade, skip=skip,
                                       limit=page_size)
    elif narrowing:
        found = filtered.listing(db, district=district, trade=trade, grade=grade, near=near,
                                 skip=skip, limit=page_size)
    else:
        found, more = _listing(db, district=district, trade=trade, skip=skip, limit=page_size, key=key)
    rows = _graded(db, found.rows) if with_grades else found.rows
    following = (paging.write_cursor(rows[-1]["name"], rows[-1]["code"], str(skip + len(rows)),
                                     district, trade) if more else None)
    return BusinessesPublic(data=[BusinessListed(**row) for row in rows],
                            meta=_meta(found, skip, page_size, following))


def _listing(db: Database, *, district: str, trade: str, skip: int, limit: int,
             key: list[str] | None) -> tuple[Found, bool]:
    """A page of the listing, and whether a row follows it (read, not counted: see `search`)."""
    query = repository.listing_filter(district=district, trade=trade)
    total = repository.count_matching(db, query)
    if key is not None:
        rows = repository.search_after(db, query, name=key[0], code=key[1], limit=limit + 1)
    else:
        rows = repository.search(db, query, skip=skip, limit=limit + 1)
    return Found(total, rows[:limit]), len(rows) > limit


def _graded(db: Database, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows with their grades: one read for those that do not carry them yet."""
    grades = profiles_repository.grades_of(db, [row["code"] for row in rows if "grades" not in row])
    return [row if "grades" in row else row | {"grades": ListedGrades.from_profile(grades.get(row["code"]))}
            for row in rows]


def _meta(found: Found, skip: int, page_size: int, following: str | None) -> PageMeta:
    """A page a cursor led to may start part-way into a page of this size (the size changed on
    the way): it is numbered after the pages, partly filled or not, that come before it, and
    the pages are counted the same way, so the last page's number is the number of pages."""
    before = math.ceil(skip / page_size)
    pages = (math.ceil(found.total / page_size) if skip % page_size == 0
             else before + math.ceil(max(found.total - skip, 0) / page_size))
    return PageMeta(totalCount=found.total, totalPages=pages, pageSize=page_size,
                    pageNumber=before + 1, totalIsEstimate=found.estimated, nextCursor=following)


def search_in_districts(db: Database, *, text: str, districts: list[str],
                        page_size: int = 20) -> list[BusinessListed]:
    """An officer's search for a business to act on: matches in any of the unit's districts."""
    return [row for district in districts
            for row in search(db, text=text[:100], district=district, page_size=page_size).data]


def desk_search(db: Database, *, actor: Actor | None, text: str, district: str = "",
                page_number: int = 1, page_size: int = 20) -> BusinessesPublic:
    """The portal's businesses desk (登记窗口), a page at a time with its count: an officer finds
    the businesses of one of the unit's districts (`district`, the first when none is named), an
    administrator any (in `district`, or in every one); with no text, the listing."""
    actor = permissions.require_signed_in(actor)
    if actor.role == Role.OFFICER:
        district = district or (actor.unit_districts[0] if actor.unit_districts else "")
        if district not in actor.unit_districts:
            raise Forbidden("This business is outside your unit's districts ({district}).", district=district)
    elif actor.role != Role.ADMIN:
        raise Forbidden("Only enforcement officers may do this.")
    return search(db, text=text[:100], district=district, page_number=page_number, page_size=page_size)


def editable(db: Database, *, actor: Actor | None, code: str) -> dict[str, Any]:
    """The business's record for one who may correct its details: an officer of its district, an
    administrator."""
    business = get(db, code=code)
    permissions.require_officer_for_district(actor, business["district"])
    return business


def rename(db: Database, *, actor: Actor | None, code: str, data: BusinessUpdate) -> BusinessPublic:
    """Name, address, grid or location change (a move within the district); search follows."""
    business = editable(db, actor=actor, code=code)
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


UNCOVERED = N_("No unit covers the district {district}: add it to a unit first.")


def register(db: Database, *, actor: Actor | None, data: BusinessCreate,
             covered_only: bool = False) -> BusinessPublic:
    """`covered_only` (the API and the desk): only in a district some unit covers; a typed one no
    unit covers would make a district of its own, in the public filters for good, whose
    complaints reach nobody. The seeder and the tests register where they like."""
    permissions.require_officer_for_district(actor, data.district)
    if covered_only and not officers_repository.units_covering(db, [data.district]):
        raise Invalid(UNCOVERED, district=data.district)
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
