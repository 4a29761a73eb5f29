"""Writing reviews (anyone, within the anti-abuse limits), replying, answering and escalating them."""

import hashlib
import re
from typing import Any

from pymongo.database import Database

from analytics.chinese import simplified
from backend import clock, paging, privacy, ratelimit
from backend.businesses import repository as business_rows
from backend.businesses import service as businesses
from backend.complaints import rules as complaint_rules
from backend.complaints import service as complaints
from backend.complaints.schemas import ComplaintCategory
from backend.config import get_settings
from backend.errors import Conflict, Forbidden, Invalid, NotFound
from backend.i18n import ngettext
from backend.officers import repository as officers
from backend.paging import PageMeta
from backend.profiles import service as profiles
from backend.reviews import repository
from backend.reviews.grading import DUPLICATE
from backend.reviews.schemas import (
    EscalationCreate,
    ReplyCreate,
    ReplyRole,
    ReviewCreate,
    ReviewPublic,
    ReviewsPublic,
    ReviewStatus,
    ReviewsToAnswer,
    ReviewToAnswer,
)
from backend.reviews.staff_stars import staff_ref
from backend.staff import repository as staff
from backend.staff.schemas import current_members
from backend.tasks.schemas import TaskSource
from backend.users import permissions
from backend.users.schemas import Actor, Role

_NOT_WORDS = re.compile(r"[\W_]+")
RATE_LIMITED = ratelimit.Wording(
    lambda n: ngettext(
        "You have written several reviews in a short time. Please try again in {seconds} second.",
        "You have written several reviews in a short time. Please try again in {seconds} seconds.", n),
    lambda n: ngettext(
        "You have written several reviews in a short time. Please try again in about {minutes} minute.",
        "You have written several reviews in a short time. Please try again in about {minutes} minutes.", n))
# Said to everyone behind a busy shared address (a shop's Wi-Fi, a carrier's NAT): not "you".
NETWORK_BUSY = ratelimit.Wording(
    lambda n: ngettext(
        "Many reviews have come from your network in a short time. Please try again in {seconds} second.",
        "Many reviews have come from your network in a short time. Please try again in {seconds} seconds.",
        n),
    lambda n: ngettext(
        "Many reviews have come from your network in a short time. "
        "Please try again in about {minutes} minute.",
        "Many reviews have come from your network in a short time. "
        "Please try again in about {minutes} minutes.", n))


def client_key(client: str, browser: str | None = None) -> str:
    """Who wrote it, for abuse checks only: a keyed hash, never the address or the browser's value.
    A browser (the portal's form) is told apart from the others sharing its address; a caller
    without one (the API) is its address."""
    secret = get_settings().secret_key
    who = f"{client}|browser|{browser}" if browser else client
    return hashlib.sha256(f"{secret}|review-client|{who}".encode()).hexdigest()[:16]


def _limits(client: str, who: str) -> list[tuple[str, int, ratelimit.Wording]]:
    """The writer's own limit, then their address's, every browser behind it together."""
    settings = get_settings()
    return [(f"review:{who}", settings.review_rate_limit, RATE_LIMITED),
            (f"review-address:{client_key(client)}", settings.review_address_limit, NETWORK_BUSY)]


def text_key(text: str) -> str:
    """The same words with other spacing or punctuation, or in traditional characters, are the same
    text. (Reviews stored before the traditional fold keep their keys: a copy in traditional
    characters of one of them is not flagged.)"""
    return hashlib.sha256(simplified(_NOT_WORDS.sub("", text)).lower().encode()).hexdigest()[:16]


def submit(db: Database, *, actor: Actor | None, client: str, code: str, data: ReviewCreate,
           browser: str | None = None) -> ReviewPublic:
    """Anyone may review. One review per visit: a client (a browser at its address, or an API
    caller's address) reviews a business once a day. Only reviews recorded count toward the limits:
    a refusal, mended and sent again, is not held against the writer or their neighbours."""
    business = businesses.get(db, code=code)
    window_s = get_settings().review_rate_window_s
    who = client_key(client, browser)
    members = staff.for_business(db, business["code"])  # former members' names are masked too
    employed = current_members(members)
    if data.staff_id and data.staff_id not in {staff_ref(business["code"], member) for member in employed}:
        raise Invalid("That staff member does not work at this business.")
    day = clock.today().isoformat()
    if repository.visited_on(db, code=business["code"], client=who, day=day):
        if browser:
            raise Conflict("You have already reviewed this business today: one review per visit.")
        # an API caller is known by its address alone: it may not have been this caller
        raise Conflict("This business was already reviewed today from this address: one review per visit.")
    limits = _limits(client, who)
    for bucket, limit, wording in limits:
        ratelimit.require_below(db, key=bucket, limit=limit, window_s=window_s, message=wording)
    key = text_key(data.text)
    repeated = repository.has_text(db, business["code"], key)
    document: dict[str, Any] = {
        "business_code": business["code"], "district": business["district"], "text": data.text,
        "public_text": privacy.mask_in_text(data.text, [member["name"] for member in members]),
        "stars": data.stars, "staff_id": data.staff_id, "client": who, "visit_day": day,
        "text_key": key, "status": ReviewStatus.PENDING.value, "created_at": clock.now(),
        "prediction": None, "replies": [], "suspicious": [DUPLICATE] if repeated else [],
        "escalated_at": None, "replied_business": False, "lease_holder": None, "lease_until": None,
        "by": actor.username if actor else None}
    document["_id"] = repository.insert(db, document)
    for bucket, *_ in limits:
        ratelimit.count(db, key=bucket, window_s=window_s)
    profiles.publish_change(db, actor=actor, action="review.submit", code=business["code"],
                            target=str(document["_id"]),
                            data={k: v for k, v in document.items() if k != "client"})
    return ReviewPublic.from_stored(document)


def list_for_business(db: Database, *, code: str, page_number: int = 1,
                      page_size: int = 20) -> ReviewsPublic:
    business = businesses.get(db, code=code)
    query = {"business_code": business["code"]}
    total = repository.total(db, query)
    rows = repository.page(db, query, skip=paging.skip(page_number, page_size), limit=page_size)
    return ReviewsPublic(data=[ReviewPublic.from_stored(row) for row in rows],
                         meta=PageMeta.of(total, page_number, page_size))


def get(db: Database, *, review_id: str) -> ReviewPublic:
    return ReviewPublic.from_stored(_load(db, review_id))


def _load(db: Database, review_id: str) -> dict[str, Any]:
    oid = repository.object_id(review_id)
    review = repository.get(db, oid) if oid else None
    if review is None:
        raise NotFound("No review has the id {id}.", id=review_id)
    return review


def reply(db: Database, *, actor: Actor | None, review_id: str, data: ReplyCreate) -> ReviewPublic:
    """The business's public reply: its own account only, once per review."""
    review = _load(db, review_id)
    actor = permissions.require_own_business(actor, code=review["business_code"])
    business = businesses.get(db, code=review["business_code"])
    entry = _reply(ReplyRole.BUSINESS, business["name"], data.text)
    if not repository.add_reply(db, review["_id"], entry, once_for=ReplyRole.BUSINESS.value):
        raise Conflict("This business has already replied to this review.")
    return _published(db, actor, "review.reply", review, entry)


def answer(db: Database, *, actor: Actor | None, review_id: str,
           data: ReplyCreate) -> ReviewPublic:
    """An officer's public answer, signed with their unit rather than their person."""
    review = _load(db, review_id)
    business = businesses.get(db, code=review["business_code"])
    actor = permissions.require_officer_for_district(actor, business["district"])
    unit = officers.get_unit(db, actor.unit_id) if actor.unit_id else None
    entry = _reply(ReplyRole.OFFICER, unit["name"] if unit else actor.display_name or
                   actor.username, data.text)
    if any((reply["role"], reply["author"], reply["text"]) == (entry["role"], entry["author"], entry["text"])
           for reply in review.get("replies", [])):  # a form sent twice, a double click
        raise Conflict("This answer is already published under the review.")
    repository.add_reply(db, review["_id"], entry, once_for=None)
    return _published(db, actor, "review.answer", review, entry)


def escalate(db: Database, *, actor: Actor | None, review_id: str,
             data: EscalationCreate) -> ReviewPublic:
    """A review alleging a violation becomes a complaint (投诉): its task opens under the complaint
    rules (the stage deadlines in force, the officer of the business's grid), and the published
    review says when it was referred and by when it is to be decided and verified."""
    review = _load(db, review_id)
    business = businesses.get(db, code=review["business_code"])
    actor = permissions.require_officer_for_district(actor, business["district"])
    now = clock.now()
    # Its writer left no contact to be told and no dispute to mediate: taken on, then verified.
    due = complaint_rules.deadlines(clock.day_of(now), category=ComplaintCategory.OTHER, real_name=False,
                                    settings=get_settings())
    if not repository.mark_escalated(db, review["_id"], {
            "escalated_at": now, "escalated_by": actor.username,
            "referral_due": {name: clock.end_of_day(day) for name, day in due.items()}}):
        raise Conflict("This review has already been escalated.")
    task = complaints.open_task(db, source=TaskSource.REVIEW_ESCALATION, business=business, due=due,
                                title=review["text"][:60], detail="\n\n".join(
                                    part for part in (review["text"], data.note) if part),
                                created_by=actor.username, ref=str(review["_id"]), actor=actor)
    repository.set_task(db, review["_id"], task.id)
    return _published(db, actor, "review.escalate", review, {"task_id": task.id, "note": data.note})


def _reply(role: ReplyRole, author: str, text: str) -> dict[str, Any]:
    return {"role": role.value, "author": author, "text": text.strip(), "at": clock.now()}


def _published(db: Database, actor: Actor, action: str, review: dict[str, Any],
               data: dict[str, Any]) -> ReviewPublic:
    profiles.publish_change(db, actor=actor, action=action, code=review["business_code"],
                            target=str(review["_id"]), data=data | {"review_id": str(review["_id"])})
    return get(db, review_id=str(review["_id"]))


def awaiting_regulator(db: Database, *, actor: Actor | None, page_number: int = 1,
                       page_size: int = 30, scan: int = 3000) -> ReviewsToAnswer:
    """Where an officer finds the reviews that may allege a violation: unhappy ones (the model
    says so, or 1–2 stars) about businesses in the officer's districts (every district for an
    administrator) that no officer has answered and nobody has escalated, newest first (the
    newer id first on a tie). Reads the newest `scan` unhappy reviews of those districts at most:
    the count is of those."""
    actor = permissions.require_signed_in(actor)
    if actor.role not in (Role.OFFICER, Role.ADMIN):
        raise Forbidden("Only enforcement officers may do this.")
    paging.check(page_number, page_size)
    districts = list(actor.unit_districts) if actor.role == Role.OFFICER else None
    first, total, shown = paging.skip(page_number, page_size), 0, []
    for review in repository.newest_unhappy(db, districts=districts, limit=scan):
        if any(reply.get("role") == ReplyRole.OFFICER.value for reply in review.get("replies", [])):
            continue
        if first <= total < first + page_size:
            shown.append(review)
        total += 1
    names = business_rows.fields_of(db, sorted({row["business_code"] for row in shown}), ("name",))
    return ReviewsToAnswer(
        data=[ReviewToAnswer(review=ReviewPublic.from_stored(review), district=review["district"],
                             business_name=names.get(review["business_code"], {}).get("name", ""))
              for review in shown],
        meta=PageMeta.of(total, page_number, page_size))


def mine(db: Database, *, actor: Actor | None, page_number: int = 1,
         page_size: int = 20) -> ReviewsPublic:
    """An enterprise account's own reviews."""
    actor = permissions.require_signed_in(actor)
    code = actor.business_code or ""
    permissions.require_own_business(actor, code=code)
    return list_for_business(db, code=code, page_number=page_number, page_size=page_size)
