"""Penalties recorded as fulfilled, as officers see them: a business's decisions with their
fulfilment, and the unit's black-listed businesses whose credit repair waits for one."""

from pymongo.database import Database

from backend import clock, paging
from backend.businesses import service as businesses
from backend.errors import Forbidden, NotFound
from backend.lists import service as lists
from backend.lists.schemas import ListKind
from backend.paging import PageMeta
from backend.penalties import repository as penalties
from backend.repair import repository
from backend.repair.schemas import FulfilmentDue, FulfilmentsDue, PenaltyFulfilment, PenaltyFulfilments
from backend.repair.service import unfulfilled_penalties
from backend.users import permissions
from backend.users.schemas import Actor, Role


def of_business(db: Database, *, actor: Actor | None, business_code: str, page_number: int = 1,
                page_size: int = paging.MAX_PAGE_SIZE) -> PenaltyFulfilments:
    """The penalty decisions of the business, newest first, each with its fulfilment if one is
    recorded (all of them count for credit repair, public or not): officers over its district."""
    business = businesses.get(db, code=business_code)
    permissions.require_officer_for_district(actor, business["district"])
    paging.check(page_number, page_size)
    done = repository.fulfilments_of(db, business["code"])
    decisions = penalties.for_business(db, business["code"])  # a business has a handful
    first = paging.skip(page_number, page_size)
    rows = []
    for penalty in decisions[first:first + page_size]:
        fulfilment = done.get(penalty["decision_number"], {})
        rows.append(PenaltyFulfilment(
            decision_number=penalty["decision_number"],
            decided_on=clock.from_stored(penalty.get("decided_on")),
            measures=penalty.get("measures", []), fine_yuan=penalty.get("fine_yuan", 0),
            fulfilled_on=clock.from_stored(fulfilment.get("fulfilled_on")), note=fulfilment.get("note", ""),
            recorded_by=fulfilment.get("recorded_by")))
    return PenaltyFulfilments(data=rows, meta=PageMeta.of(len(decisions), page_number, page_size))


def due(db: Database, *, actor: Actor | None, page_number: int = 1,
        page_size: int = paging.MAX_PAGE_SIZE) -> FulfilmentsDue:
    """The black-listed businesses (latest edition) of the officer's unit with penalties not yet
    recorded as fulfilled: none of them can apply for credit repair until an officer records them.
    Longest listed first. An administrator sees every district."""
    actor = permissions.require_signed_in(actor)
    if actor.role not in (Role.OFFICER, Role.ADMIN):
        raise Forbidden("Only enforcement officers may do this.")
    paging.check(page_number, page_size)
    try:
        latest = lists.edition(db).number
    except NotFound:  # no edition published yet: nobody is listed
        return FulfilmentsDue(data=[], meta=PageMeta.of(0, page_number, page_size))
    # A unit's share of one edition's black list: read whole, since entries are kept by edition.
    waiting = []
    for entry in lists.entries(db, number=latest, list_kind=ListKind.BLACK):
        if actor.role == Role.OFFICER and entry.district not in actor.unit_districts:
            continue
        numbers = unfulfilled_penalties(db, entry.business_code)
        if numbers:
            waiting.append(FulfilmentDue(business_code=entry.business_code, business_name=entry.business_name,
                                         district=entry.district, listed_since=entry.listed_since,
                                         unfulfilled_penalties=numbers))
    waiting.sort(key=lambda row: (row.listed_since, row.business_code))
    first = paging.skip(page_number, page_size)
    return FulfilmentsDue(data=waiting[first:first + page_size],
                          meta=PageMeta.of(len(waiting), page_number, page_size))
