"""`python -m backend users …`: create the first administrator of a new installation, and rescue
accounts (a forgotten password, someone who left) without the portal. Passwords are never taken as
arguments (they would stay in the shell's history and the process list): typed at a prompt that does
not echo them, or read as one line of standard input so that a script can pipe one in."""

import argparse
import getpass
import sys
from collections.abc import Callable
from typing import Any, TextIO

from pydantic import ValidationError
from pymongo.database import Database

from backend import clean_text, i18n, invalid_input
from backend.errors import DomainError
from backend.users import accounts
from backend.users.schemas import Actor, PasswordSet, Role, UserCreate, UserUpdate

# Who the audit trail names for changes made here, as for the other commands that write (no
# account may take the name: schemas.RESERVED_USERNAMES).
COMMAND_LINE = Actor(username="command-line", role=Role.ADMIN)
BAD_INPUT = 2


class Refused(Exception):
    """Bad input, said in one line; the command exits with BAD_INPUT."""


def read_password(username: str, stdin: TextIO | None = None) -> str:
    stdin = stdin or sys.stdin
    if stdin.isatty():
        first = getpass.getpass(f"New password for {username}: ")
        if getpass.getpass("The same password again: ") != first:
            raise Refused("the two passwords differ; nothing was changed")
        return first
    line = stdin.readline()
    if not line.strip():
        raise Refused("no password on standard input (give it as one line)")
    return line.rstrip("\r\n")


def _clean(what: str, text: str) -> str:
    """The rule the API's bodies follow (clean_text): no control or unassigned characters."""
    try:
        return str(clean_text.clean(text))
    except clean_text.BadCharacter as bad:
        raise Refused(f"the {what} may not contain control, private-use or unassigned characters "
                      f"(found {bad.character})") from None


def _create(db: Database, args: argparse.Namespace) -> str:
    display_name = _clean("display name", args.display_name)
    # everything but the password is checked before it is asked for
    accounts.check_new(db, actor=COMMAND_LINE, username=args.username, role=args.role,
                       business_code=args.business_code, officer_id=args.officer_id)
    data = UserCreate(username=args.username, password=_clean("password", read_password(args.username)),
                      role=args.role, display_name=display_name, business_code=args.business_code,
                      officer_id=args.officer_id)
    user = accounts.create(db, actor=COMMAND_LINE, data=data)
    return f"created {user.role.value} account {user.username}"


def _password(db: Database, args: argparse.Namespace) -> str:
    accounts.get(db, actor=COMMAND_LINE, username=args.username)  # unknown: said before the prompt
    accounts.set_password(db, actor=COMMAND_LINE, username=args.username,
                          data=PasswordSet(password=_clean("password", read_password(args.username))))
    return f"new password set for {args.username}; its earlier sign-ins have ended"


def _switch(disabled: bool) -> Callable[[Database, argparse.Namespace], str]:
    def switch(db: Database, args: argparse.Namespace) -> str:
        accounts.update(db, actor=COMMAND_LINE, username=args.username, data=UserUpdate(disabled=disabled))
        return (f"disabled {args.username}; its sessions and tokens have ended" if disabled
                else f"enabled {args.username}")
    return switch


def _bound(row: Any) -> str:
    return row.business_code or row.officer_id or "-"


def _list(db: Database, args: argparse.Namespace) -> str:
    rows, page = [], 1
    while True:
        found = accounts.listed(db, actor=COMMAND_LINE, role=args.role, page_number=page, page_size=100)
        rows += found.data
        if page >= found.meta.totalPages:
            break
        page += 1
    table = [("username", "role", "bound to", "status")] + [
        (row.username, row.role.value, _bound(row), "disabled" if row.disabled else "enabled")
        for row in rows]
    widths = [max(len(line[column]) for line in table) for column in range(4)]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
                     for line in table)


def run(db: Database, args: argparse.Namespace) -> int:
    """Prints what was done; for bad input one line on standard error and BAD_INPUT (in English,
    as every command speaks)."""
    with i18n.language("en"):
        return _answer(db, args)


def _answer(db: Database, args: argparse.Namespace) -> int:
    try:
        print(args.action(db, args))
    except Refused as exc:
        print(f"mingliang: {exc}", file=sys.stderr)
        return BAD_INPUT
    except ValidationError as exc:
        print("mingliang: " + "; ".join(invalid_input.line(dict(error)) for error in exc.errors()),
              file=sys.stderr)
        return BAD_INPUT
    except DomainError as exc:
        print(f"mingliang: {exc.translated(i18n.gettext)}", file=sys.stderr)
        return BAD_INPUT
    return 0


def add_parser(commands: Any, handler: Callable[[argparse.Namespace], None]) -> None:
    users = commands.add_parser("users", help="create, list, disable and enable accounts; set passwords")
    actions = users.add_subparsers(dest="action_name", required=True)
    create = actions.add_parser("create", help="create an account (the password is asked for)")
    create.add_argument("--role", required=True, type=Role, choices=list(Role))
    create.add_argument("--username", required=True)
    create.add_argument("--display-name", default="")
    create.add_argument("--officer-id", default=None, help="an officer account's officer record")
    create.add_argument("--business-code", default=None, help="an enterprise account's credit code")
    create.set_defaults(action=_create)
    password = actions.add_parser("password", help="set a new password (asked for); ends its sign-ins")
    password.add_argument("username")
    password.set_defaults(action=_password)
    for name, disabled, said in (("disable", True, "stop an account signing in; ends its sign-ins"),
                                 ("enable", False, "let a disabled account sign in again")):
        switch = actions.add_parser(name, help=said)
        switch.add_argument("username")
        switch.set_defaults(action=_switch(disabled))
    listing = actions.add_parser("list", help="every account with its role, binding and status")
    listing.add_argument("--role", type=Role, choices=list(Role), default=None)
    listing.set_defaults(action=_list)
    users.set_defaults(handler=handler)
