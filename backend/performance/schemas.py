"""Shapes of a unit's published task figures."""


from pydantic import BaseModel

from backend.clock import Instant
from backend.paging import PageMeta


class UnitPerformance(BaseModel):
    unit_id: str
    unit_name: str
    tasks: int
    due: int  # closed, or past their deadline: what could have been closed by now
    closed: int
    closed_on_time: int
    rated: int
    satisfied: int
    closure_rate: float | None  # closed / due
    on_time_rate: float | None  # closed on or before the deadline / closed
    satisfaction_rate: float | None  # 满意 / complaints rated


class PerformancePublic(BaseModel):
    as_of: Instant  # the minute the figures are for (deadlines passed by then count as due)
    data: list[UnitPerformance]
    meta: PageMeta
