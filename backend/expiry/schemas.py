"""Shapes of an expiry notice as the business (and officers over its district) see it."""

from datetime import date
from typing import Any

from pydantic import BaseModel

from backend import clock
from backend.clock import Instant
from backend.paging import PageMeta


class NoticePublic(BaseModel):
    id: str
    business_code: str
    window_days: int
    expires_on: date
    subject: str
    text: str
    status: str  # pending (not yet delivered), sent, or withdrawn (its document was)
    created_at: Instant
    sent_at: Instant | None = None
    renewed: bool = False  # the document warned about has been renewed since

    @classmethod
    def from_stored(cls, notice: dict[str, Any], *, renewed: bool = False) -> "NoticePublic":
        expires_on = clock.from_stored(notice["expires_on"])
        assert expires_on is not None
        return cls(id=notice["_id"], business_code=notice["business_code"],
                   window_days=notice["window_days"], expires_on=expires_on,
                   subject=notice["subject"], text=notice["text"], status=notice["status"],
                   created_at=notice["created_at"], sent_at=notice.get("sent_at"), renewed=renewed)


class NoticesPublic(BaseModel):
    data: list[NoticePublic]
    meta: PageMeta
