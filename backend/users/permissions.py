"""Who may do what: every service calls these, so each rule lives in exactly one place."""

from datetime import datetime, timedelta
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


# How long a business may take back (撤回) a licence or staff record it entered by mistake: after
# that the public may have relied on it, and an officer of its district withdraws it.
BUSINESS_WITHDRAWS_WITHIN = timedelta(hours=24)


def require_may_withdraw(actor: Actor | None, *, code: str, district: str, recorded_by: str | None,
                         recorded_at: datetime, now: datetime) -> Actor:
    """An officer over the business's district (or an administrator) at any time; the business's
    account that recorded it within BUSINESS_WITHDRAWS_WITHIN of recording it."""
    actor = require_member_or_officer(actor, code=code, district=district)
    if actor.role != Role.ENTERPRISE:
        return actor
    if recorded_by != actor.username:
        raise Forbidden("Only the account that recorded it may withdraw it; ask an officer of your "
                        "district to withdraw it.")
    if now - recorded_at > BUSINESS_WITHDRAWS_WITHIN:
        raise Forbidden("A business may withdraw what it recorded for {hours} hours only; ask an "
                        "officer of your district to withdraw it.",
                        hours=str(int(BUSINESS_WITHDRAWS_WITHIN.total_seconds() // 3600)))
    return actor


def may_withdraw(actor: Actor | None, *, code: str, district: str, recorded_by: str | None,
                 recorded_at: datetime, now: datetime) -> bool:
    """`require_may_withdraw`, as a yes or no (whether to offer the withdrawal at all)."""
    try:
        require_may_withdraw(actor, code=code, district=district, recorded_by=recorded_by,
                             recorded_at=recorded_at, now=now)
    except (Forbidden, Unauthorized):
        return False
    return True


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
