"""How a signed-in account is named on the page: its display name and translated role."""

from backend.i18n import N_, _
from backend.users.schemas import Actor, Role

ROLE_LABELS = {
    Role.CONSUMER: N_("Consumer"),
    Role.ENTERPRISE: N_("Enterprise"),
    Role.OFFICER: N_("Enforcement officer"),
    Role.ADMIN: N_("Administrator"),
}


def role_label(role: Role | str) -> str:
    return _(ROLE_LABELS[Role(role)])


def display_name(actor: Actor) -> str:
    return actor.display_name or actor.username
