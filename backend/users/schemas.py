"""Roles, the acting user, and the shapes of login requests and answers."""

from enum import StrEnum

from pydantic import BaseModel, Field


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
    password: str = Field(min_length=8, max_length=128)
    role: Role
    display_name: str = ""
    business_code: str | None = None
    officer_id: str | None = None


class LoginRequest(BaseModel):
    username: str = Field(min_length=1, max_length=40)
    password: str = Field(min_length=1, max_length=128)


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int
