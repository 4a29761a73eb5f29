"""The pure rules of a complaint: its tracking code, its deadlines in working days, who decides."""

import secrets
from datetime import date

from backend.complaints.schemas import ComplaintCategory
from backend.config import Settings
from backend.workdays import add_working_days, working_days_between

# No 0/O, 1/I/L: read aloud or copied from a phone screen without mistakes. 31 symbols ** 12
# is about 8 × 10^17 codes, drawn by the operating system's CSPRNG: nothing to guess from.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12


def tracking_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def looks_like_code(value: str) -> bool:
    return len(value) == CODE_LENGTH and all(char in ALPHABET for char in value)


# The stages counted from when an earlier one is done: the complainant is told after the
# verification, a mediation closes after the acceptance.
COUNTED_FROM = {"notify": "verify", "mediate": "accept"}


def deadlines(received_on: date, *, category: ComplaintCategory, real_name: bool,
              settings: Settings) -> dict[str, date]:
    """投诉举报处理暂行办法: decide within 7 working days of receipt, verify leads within 15,
    tell a real-name complainant within 5 after verifying, close a mediation within 45 of
    accepting. The last two as forecast from the deadline of the stage they count from
    (`COUNTED_FROM`): the task counts them again from the day that stage is done."""
    due = {"accept": add_working_days(received_on, settings.complaint_accept_days),
           "verify": add_working_days(received_on, settings.complaint_verify_days)}
    if real_name:
        due["notify"] = add_working_days(due[COUNTED_FROM["notify"]], settings.complaint_notify_days)
    if category == ComplaintCategory.CONSUMER_DISPUTE:
        due["mediate"] = add_working_days(due[COUNTED_FROM["mediate"]], settings.complaint_mediation_days)
    return due


def counted_days(due: dict[str, date]) -> dict[str, int]:
    """The working days each stage counting from another was given (read back from its forecast,
    so a later change of the setting moves no deadline already given)."""
    return {name: working_days_between(due[after], due[name])
            for name, after in COUNTED_FROM.items() if name in due and after in due}


def task_deadline(due: dict[str, date]) -> date:
    """The complaint is done when its last stage is, or once reopened when it is verified again
    (its task is due by the earliest unmet stage: see `task_stages`)."""
    return due.get(REVERIFY) or max(due.values())


# Which task step meets which deadline. Ordering the business to rectify takes the complaint on:
# the task records it as accepted first, and older tasks' orders count as acceptance too.
REVERIFY = "reverify"  # after a reopening: verified again by a fresh deadline, met only by what follows it
MEETS = {"accept": ("accepted", "assigned", "rectification_required", "result", "closed"),
         "verify": ("result", "closed"), "notify": ("closed",), "mediate": ("closed",),
         REVERIFY: ("result", "closed")}
