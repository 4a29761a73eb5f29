"""The public record of a business, as the QR page and the API show it on a given day."""

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel

from backend import clock
from backend.alerts.schemas import KitchenSummary
from backend.businesses.schemas import BusinessPublic
from backend.clock import Instant
from backend.equipment.schemas import EquipmentSummary
from backend.grading.schemas import StandingPublic
from backend.inspections.schemas import InspectionPublic
from backend.licences.schemas import LicencePublic
from backend.penalties.schemas import PenaltyPublic, still_public
from backend.purchases.schemas import PurchasePublic, RapidTestPublic
from backend.reviews.schemas import Grades, ReviewPublic
from backend.staff.schemas import StaffSummary


class PublicRecord(BaseModel):
    business: BusinessPublic
    licences: list[LicencePublic]
    staff: StaffSummary
    inspections: list[InspectionPublic]
    penalties: list[PenaltyPublic]
    purchases: list[PurchasePublic]
    rapid_tests: list[RapidTestPublic]
    grades: Grades = Grades()
    reviews: list[ReviewPublic] = []
    as_of: date
    updated_at: Instant | None = None
    standing: StandingPublic | None = None  # grade, risk level, list status, objections
    kitchen: KitchenSummary | None = None
    equipment: EquipmentSummary | None = None  # its special equipment, each with its own page

    @classmethod
    def from_profile(cls, profile: dict[str, Any], *, today: date, within_days: int,
                     grades_checked_at: datetime | None = None,
                     maintenance_days: int) -> "PublicRecord":
        """Statuses (expiring, expired) and publication periods are judged on `today`, so one
        stored document stays right from day to day without a rebuild; the consumer grade is dated
        by the last daily check (`grades_checked_at`) where that is later than its own date."""
        return cls(
            business=BusinessPublic(**profile["business"]),
            licences=[LicencePublic.from_stored(row, today=today, within_days=within_days)
                      for row in profile["licences"]],
            staff=StaffSummary.from_stored(profile["staff"], today=today, within_days=within_days),
            inspections=[InspectionPublic.from_stored(row) for row in profile["inspections"]],
            penalties=[PenaltyPublic.from_stored(row) for row in profile["penalties"]
                       if still_public(row, today)],
            purchases=[PurchasePublic(**row | {"purchased_on": clock.from_stored(row["purchased_on"])})
                       for row in profile["purchases"]],
            rapid_tests=[RapidTestPublic(**row | {"tested_on": clock.from_stored(row["tested_on"])})
                         for row in profile["rapid_tests"]],
            grades=Grades.from_profile(profile, checked_at=grades_checked_at),
            reviews=[ReviewPublic.from_profile(row) for row in profile.get("reviews", [])],
            as_of=today, updated_at=profile.get("updated_at"),
            standing=StandingPublic.from_stored(profile.get("standing"), today=today),
            kitchen=KitchenSummary(**profile["kitchen"]) if profile.get("kitchen") else None,
            equipment=EquipmentSummary.from_stored(profile["equipment"], today=today,
                                                   maintenance_days=maintenance_days)
            if profile.get("equipment") else None)

