"""Builds the stored public profile from a business's records; pure, so seeding can bulk-build."""

from datetime import datetime
from typing import Any

from backend import clock
from backend.businesses.repository import PUBLIC_FIELDS
from backend.grading import standing
from backend.licences.schemas import current_licences
from backend.penalties.schemas import still_public
from backend.records.rules import inspection_public
from backend.reviews import profile as reviews_profile
from backend.staff.schemas import StaffPublic, current_members

LATEST_INSPECTIONS = 5
LATEST_PURCHASES = 10
LATEST_RAPID_TESTS = 10


def build(*, business: dict[str, Any], licences: list[dict[str, Any]],
          staff: list[dict[str, Any]], inspections: list[dict[str, Any]],
          penalties: list[dict[str, Any]], purchases: list[dict[str, Any]],
          rapid_tests: list[dict[str, Any]], now: datetime,
          objections: list[dict[str, Any]] | None = None,
          listing: dict[str, Any] | None = None,
          reviews: dict[str, list[dict[str, Any]]] | None = None,
          kitchen: dict[str, Any] | None = None,
          equipment: dict[str, Any] | None = None) -> dict[str, Any]:
    """Only what may be published goes in: staff names are masked here, once, before storage;
    penalties past their publication period on `now`'s day are left out, and so are inspections
    superseded by the business's next one (public until then, as the listings have them), and so
    are licences replaced by a later issue, former staff and certificates since renewed."""
    employed = current_members(staff)

    def newest(rows: list[dict[str, Any]], field: str, limit: int) -> list[dict[str, Any]]:
        return sorted(rows, key=lambda row: row[field], reverse=True)[:limit]

    def without_internal(row: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in row.items()
                if k not in ("created_at", "business_code", "_id", "recorded_by")}

    return {
        "_id": business["code"],
        "business": {field: business[field] for field in PUBLIC_FIELDS
                     if field != "_id" and field in business},
        "licences": [without_internal(row)
                     for row in newest(current_licences(licences), "issued_on", 20)],
        "staff": [StaffPublic.publishable(row) for row in employed],
        "inspections": [
            {k: v for k, v in row.items() if k not in ("created_at", "recorded_by")}
            | {"_id": str(row["_id"])}
            for row in newest(inspections, "date", LATEST_INSPECTIONS)
            if inspection_public(row, clock.day_of(now))],
        "penalties": [without_internal(row) for row in newest(penalties, "decided_on", 50)
                      if still_public(row, clock.day_of(now))],
        "purchases": [without_internal(row)
                      for row in newest(purchases, "purchased_on", LATEST_PURCHASES)],
        "rapid_tests": [without_internal(row)
                        for row in newest(rapid_tests, "tested_on", LATEST_RAPID_TESTS)],
        "standing": standing.section(business=business, inspections=inspections,
                                     penalties=penalties, now=now, objections=objections,
                                     listing=listing),
        **reviews_profile.section(reviews or {}, code=business["code"], staff=employed,
                                  inspections=inspections, now=now,
                                  names=[member["name"] for member in staff]),
        "kitchen": kitchen,  # the kitchen cameras' summary (明厨亮灶), None without cameras
        "equipment": equipment,  # its special equipment (特种设备), linked; None without any
        "updated_at": now,
    }
