"""Who may do what: every service calls these, so each rule lives in exactly one place."""

from backend.errors import Forbidden, Unauthorized
from backend.users.schemas import Actor, Role


def require_signed_in(actor: Actor | None) -> Actor:
    if actor is None:
        raise Unauthorized("Please sign in first.")
    return actor


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


def require_admin(actor: Actor | None) -> Actor:
    actor = require_signed_in(actor)
    if actor.role != Role.ADMIN:
        raise Forbidden("Only administrators may do this.")
    return actor
