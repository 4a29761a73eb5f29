"""Roles, the acting user, accounts, and the shapes of login requests and answers."""

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from backend.clean_text import Text
from backend.clock import Instant
from backend.errors import Invalid
from backend.i18n import N_
from backend.paging import PageMeta

PASSWORD_MIN, PASSWORD_MAX = 8, 128
NOT_THE_USERNAME = N_("The password must not be the user name.")


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
    username: str = Field(min_length=3, max_length=40, pattern=r"^[A-Za-z0-9_.-]+$")
    password: str = Field(min_length=PASSWORD_MIN, max_length=PASSWORD_MAX)
    role: Role
    display_name: Text = Field("", max_length=80)
    business_code: str | None = Field(None, max_length=18)
    officer_id: str | None = Field(None, max_length=20)

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
