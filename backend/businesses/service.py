"""Rules for finding and registering businesses."""

import math
from typing import Any

from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from backend import clock
from backend.audit import service as audit
from backend.businesses import credit_code, repository
from backend.businesses.schemas import BusinessCreate, BusinessesPublic, BusinessPublic, PageMeta
from backend.errors import Conflict, Invalid, NotFound
from backend.profiles import service as profiles
from backend.users import permissions
from backend.users.schemas import Actor

MAX_PAGE_SIZE = 100


def search(db: Database, *, text: str = "", district: str = "", trade: str = "",
           page_number: int = 1, page_size: int = 20) -> BusinessesPublic:
    if page_number < 1:
        raise Invalid("The page number starts at 1.")
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise Invalid("The page size must be between 1 and {most}.", most=MAX_PAGE_SIZE)
    if len(text) > 100:
        raise Invalid("The search text is too long (at most 100 characters).")
    query = repository.search_filter(text=text.strip(), district=district, trade=trade)
    total = repository.count_matching(db, query)
    rows = repository.search(db, query, skip=(page_number - 1) * page_size, limit=page_size)
    meta = PageMeta(totalCount=total, totalPages=math.ceil(total / page_size),
                    pageSize=page_size, pageNumber=page_number)
    return BusinessesPublic(data=[BusinessPublic(**row) for row in rows], meta=meta)


def get(db: Database, *, code: str) -> dict[str, Any]:
    """The business's own record; Invalid for a malformed code, NotFound for an unknown one."""
    normalized = credit_code.normalize(code)
    business = repository.get(db, normalized)
    if business is None:
        raise NotFound("No business is registered under credit code {code}.", code=normalized)
    return business


def register(db: Database, *, actor: Actor | None, data: BusinessCreate) -> BusinessPublic:
    permissions.require_officer_for_district(actor, data.district)
    document = data.model_dump(mode="json") | {"created_at": clock.now()}
    try:
        repository.insert(db, document)
    except DuplicateKeyError as exc:
        raise Conflict("A business with credit code {code} already exists.", code=data.code) from exc
    audit.record(db, actor=actor, action="business.register", target=data.code, data=document)
    profiles.rebuild(db, code=data.code)
    return BusinessPublic(**document)


def districts(db: Database) -> list[str]:
    return repository.districts(db)
