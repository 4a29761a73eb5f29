"""Roles, the acting user, accounts, and the shapes of login requests and answers."""

import re
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from backend.clean_text import Text
from backend.clock import Instant
from backend.errors import Invalid
from backend.i18n import N_
from backend.paging import PageMeta

PASSWORD_MIN, PASSWORD_MAX = 8, 128
NOT_THE_USERNAME = N_("The password must not be the user name.")
USERNAME_FORM = N_("A user name is 3 to 40 letters (a-z, A-Z), digits and . _ -, nothing else.")
RESERVED = N_("The user name {username} is reserved.")
# Names the audit trail and task histories give to who is not an account: an account called so
# could not be told apart from them.
RESERVED_USERNAMES = frozenset({"command-line", "anonymous", "system", "public", "complainant",
                                "expiry-scan", "camera-worker", "demo-seed", "demo-enterprise"})
_USERNAME = re.compile(r"[A-Za-z0-9_.-]{3,40}")


def username_key(username: str) -> str:
    """What makes two user names the same one: `Chief` and `chief` name one account."""
    return username.casefold()


def check_username(username: str) -> str:
    if not _USERNAME.fullmatch(username):
        raise Invalid(USERNAME_FORM)
    if username_key(username) in RESERVED_USERNAMES:
        raise Invalid(RESERVED, username=username)
    return username


def check_password(username: str, password: str) -> str:
    """The one rule beyond its length: a password is not the user name (in any case)."""
    if username and password.casefold() == username.casefold():
        raise Invalid(NOT_THE_USERNAME)
    return password


class Role(StrEnum):
    CONSUMER = "consumer"
    ENTERPRISE = "enterprise"
    OFFICER = "officer"
    ADMIN = "admin"


class Actor(BaseModel):
    """Who is acting: the authenticated user with the scope their role grants."""

    username: str
    role: Role
    display_name: str = ""
    business_code: str | None = None  # enterprise: the one business it speaks for
    officer_id: str | None = None  # officer: their public officer record
    unit_id: str | None = None
    unit_districts: list[str] = Field(default_factory=list)


class UserCreate(BaseModel):
    username: str = Field(max_length=40)
    password: str = Field(min_length=PASSWORD_MIN, max_length=PASSWORD_MAX)
    role: Role
    display_name: Text = Field("", max_length=80)
    business_code: str | None = Field(None, max_length=18)
    officer_id: str | None = Field(None, max_length=20)

    _username_form = field_validator("username")(check_username)

    @field_validator("password")
    @classmethod
    def _not_the_username(cls, value: str, info: ValidationInfo) -> str:
        return check_password(str(info.data.get("username", "")), value)


class UserUpdate(BaseModel):
    """What an administrator changes about an account; what is left out stays."""

    model_config = ConfigDict(extra="forbid")
    display_name: Text | None = Field(None, max_length=80)
    disabled: bool | None = None


class PasswordSet(BaseModel):
    """A new password an administrator gives an account (a reset)."""

    password: str = Field(min_length=PASSWORD_MIN, max_length=PASSWORD_MAX)


class PasswordChange(BaseModel):
    """A signed-in user changing their own password: the current one proves it is them."""

    current_password: str = Field(min_length=1, max_length=PASSWORD_MAX)
    new_password: str = Field(min_length=PASSWORD_MIN, max_length=PASSWORD_MAX)


class UserPublic(BaseModel):
    """An account as administrators see it: never its password hash."""

    username: str
    role: Role
    display_name: str = ""
    business_code: str | None = None
    officer_id: str | None = None
    disabled: bool = False
    created_at: Instant | None = None
    password_changed_at: Instant | None = None


class UsersPublic(BaseModel):
    data: list[UserPublic]
    meta: PageMeta


class LoginRequest(BaseModel):
    username: str = Field(min_length=1, max_length=40)
    password: str = Field(min_length=1, max_length=128)


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int
