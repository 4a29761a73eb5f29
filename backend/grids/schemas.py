"""Shapes of a grid → officer assignment."""

from pydantic import BaseModel, Field

from backend.paging import PageMeta


class GridAssignment(BaseModel):
    officer_id: str = Field(min_length=1, max_length=20)


class GridPublic(BaseModel):
    district: str
    grid: str
    officer_id: str


class GridsPublic(BaseModel):
    data: list[GridPublic]
    meta: PageMeta
