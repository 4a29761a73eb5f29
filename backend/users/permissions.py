"""Who may do what: every service calls these, so each rule lives in exactly one place."""

from typing import Any

from backend.errors import Forbidden, Unauthorized
from backend.users.schemas import Actor, Role


def require_signed_in(actor: Actor | None) -> Actor:
    if actor is None:
        raise Unauthorized("Please sign in first.")
    return actor


def listing_scope(actor: Actor | None, *, refusal: str,
                  business_code: str | None = None) -> dict[str, Any]:
    """The filter every signed-in list applies: an officer's unit's districts, an enterprise's own
    business, everything for an administrator; `refusal` (a msgid) for any other role. With
    `business_code`, officers and administrators see that business only (an enterprise its own,
    whatever it asks for)."""
    actor = require_signed_in(actor)
    one = {"business_code": business_code} if business_code else {}
    if actor.role == Role.ADMIN:
        return one
    if actor.role == Role.OFFICER:
        return {"district": {"$in": actor.unit_districts}} | one
    if actor.role == Role.ENTERPRISE and actor.business_code:
        return {"business_code": actor.business_code}
    raise Forbidden(refusal)


def require_officer_for_district(actor: Actor | None, district: str) -> Actor:
    """Officers act inside their unit's districts; administrators anywhere."""
    actor = require_signed_in(actor)
    if actor.role == Role.ADMIN:
        return actor
    if actor.role != Role.OFFICER:
        raise Forbidden("Only enforcement officers may do this.")
    if district not in actor.unit_districts:
        raise Forbidden("This business is outside your unit's districts ({district}).",
                        district=district)
    return actor


def require_member_or_officer(actor: Actor | None, *, code: str, district: str) -> Actor:
    """The business's own enterprise account, or an officer over its district."""
    actor = require_signed_in(actor)
    if actor.role == Role.ENTERPRISE:
        if actor.business_code != code:
            raise Forbidden("An enterprise account may only act for its own business.")
        return actor
    if actor.role not in (Role.OFFICER, Role.ADMIN):
        raise Forbidden("Only the business itself or an enforcement officer may do this.")
    return require_officer_for_district(actor, district)


def require_enterprise_of(actor: Actor | None, *, code: str) -> Actor:
    """Applications a business makes for itself (credit repair, objections): its own account,
    or an administrator acting on its written request."""
    actor = require_signed_in(actor)
    if actor.role == Role.ADMIN:
        return actor
    if actor.role != Role.ENTERPRISE:
        raise Forbidden("Only the business's own account may apply for this.")
    if actor.business_code != code:
        raise Forbidden("An enterprise account may only act for its own business.")
    return actor


def require_admin(actor: Actor | None) -> Actor:
    actor = require_signed_in(actor)
    if actor.role != Role.ADMIN:
        raise Forbidden("Only an administrator may do this.")
    return actor


def require_own_business(actor: Actor | None, code: str) -> Actor:
    """The business's own enterprise account, and nobody else (an evaluation of its inspectors or
    a reply to a review is the business's own voice: not even an administrator gives it)."""
    actor = require_signed_in(actor)
    if actor.role != Role.ENTERPRISE:
        raise Forbidden("Only the business's own account may do this.")
    if actor.business_code != code:
        raise Forbidden("An enterprise account may only act for its own business.")
    return actor


def require_officer_self(actor: Actor | None, officer_id: str) -> Actor:
    """The officer named in the record speaking for themselves (e.g. answering an evaluation)."""
    actor = require_signed_in(actor)
    if actor.role != Role.OFFICER or actor.officer_id != officer_id:
        raise Forbidden("Only the officer concerned may do this.")
    return actor
