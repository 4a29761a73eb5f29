"""The public register of officers (name, badge, unit, inspections done), paged like the rest."""


from pydantic import BaseModel
from pymongo.database import Database

from backend import paging
from backend.inspections import repository as inspections
from backend.officers import repository as officers
from backend.paging import PageMeta


class OfficerRow(BaseModel):
    id: str
    name: str
    badge_number: str
    unit_id: str
    unit_name: str
    in_service: bool = True  # one who left stays on the register, with their record
    inspections_done: int


class OfficersPage(BaseModel):
    data: list[OfficerRow]
    meta: PageMeta


def register(db: Database, *, unit_id: str = "", page_number: int = 1,
             page_size: int = 20) -> OfficersPage:
    query = {"unit_id": unit_id} if unit_id else {}
    names = officers.unit_names(db)
    rows = officers.page(db, query, skip=paging.skip(page_number, page_size), limit=page_size)
    total = officers.count_matching(db, query)
    return OfficersPage(
        data=[OfficerRow(id=row["_id"], name=row["name"], badge_number=row["badge_number"],
                         unit_id=row["unit_id"], unit_name=names.get(row["unit_id"], ""),
                         in_service=not row.get("left_on"),
                         inspections_done=inspections.count_by_officer(db, row["_id"]))
              for row in rows],
        meta=PageMeta.of(total, page_number, page_size))
