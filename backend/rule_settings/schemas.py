"""Which settings are domain rules an administrator may change, how each is shown, and the API's shapes."""

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from backend.clock import Instant
from backend.i18n import N_

# How a rule is typed in the portal: a whole number, numbers separated by commas, one date a
# line, or a JSON table.
Kind = Literal["number", "numbers", "dates", "json"]


@dataclass(frozen=True)
class Rule:
    group: str
    label: str  # msgid
    explanation: str  # msgid, one line
    kind: Kind = "number"
    applies: str = ""  # a key of APPLIES where it differs from its group's

    def when(self) -> str:
        """When a change shows (a msgid)."""
        return APPLIES[self.applies or GROUPS[self.group][1]]


# When a change shows (msgids), said once per group on the page.
APPLIES = {
    "new": N_("Applies to what arrives or is recorded from now on; earlier deadlines stay as set."),
    "pages": N_("Public pages are rebuilt in the background; they show it within minutes (longer "
                "with many businesses)."),
    "now": N_("Applies at once, in every process, within seconds."),
    "regrade": N_("Consumer grades are weighed anew at the next daily regrade."),
}

GROUPS: dict[str, tuple[str, str]] = {  # key → (title msgid, when changes show)
    "licences": (N_("Licences and expiry"), "now"),
    "complaints": (N_("Complaints"), "new"),
    "inspections": (N_("Inspections and publication"), "new"),
    "grades": (N_("Grades and risk"), "pages"),
    "reviews": (N_("Reviews"), "now"),
    "alerts": (N_("Kitchen alerts"), "now"),
    "repair": (N_("Credit repair and objections"), "new"),
    "calendar": (N_("Calendar"), "new"),
}

RULES: dict[str, Rule] = {
    "expiring_within_days": Rule("licences", N_("Expiring badge (days)"), N_(
        "Days before expiry from which a licence or health certificate shows as expiring."),
        applies="pages"),
    "expiry_windows": Rule("licences", N_("Expiry notices (days before)"), N_(
        "A notice goes to the business at each of these many days before expiry, e.g. 90, 30, 7."),
        "numbers"),
    "expiry_task_working_days": Rule("licences", N_("Renewal task (working days)"), N_(
        "Working days the business has to act on an expiry notice.")),
    "health_certificate_max_days": Rule("licences", N_("Longest health certificate (days)"), N_(
        "A certificate valid longer than this from its issue day is refused as a typo.")),
    "food_licence_max_days": Rule("licences", N_("Longest food licence (days)"), N_(
        "A food business or production licence valid longer than this from its issue day is refused: "
        "such a licence is valid five years, never long-term.")),
    "complaint_accept_days": Rule("complaints", N_("Decide to accept (working days)"), N_(
        "Working days to decide whether a complaint is accepted.")),
    "complaint_verify_days": Rule("complaints", N_("Verify the leads (working days)"), N_(
        "Working days to verify the leads of an accepted complaint.")),
    "complaint_notify_days": Rule("complaints", N_("Tell the complainant (working days)"), N_(
        "Working days to tell a real-name complainant what was decided.")),
    "complaint_mediation_days": Rule("complaints", N_("Close a mediation (working days)"), N_(
        "Working days to close a mediation.")),
    "complaint_rate_limit": Rule("complaints", N_("Anonymous complaints per hour"), N_(
        "Complaints one address may send in an hour."), applies="now"),
    "complaint_max_photos": Rule("complaints", N_("Photos per complaint"), N_(
        "The most photos one complaint may carry."), applies="now"),
    "inspection_publish_working_days": Rule("inspections", N_("Publish inspections (working days)"), N_(
        "An inspection result is public within this many working days.")),
    "recheck_working_days": Rule("inspections", N_("Check a rectification (working days)"), N_(
        "Officers check a rectification within this many working days of its deadline; the task is "
        "due no earlier.")),
    "penalty_public_days": Rule("inspections", N_("Penalty publication (days)"), N_(
        "Days a penalty decision stays public.")),
    "penalty_public_days_minor": Rule("inspections", N_("Minor penalty publication (days)"), N_(
        "Days a warning or a small fine stays public.")),
    "minor_fine_yuan": Rule("inspections", N_("Small fine below (yuan)"), N_(
        "A fine under this amount is published for the shorter period.")),
    "equipment_maintenance_days": Rule("inspections", N_("Elevator maintenance (days)"), N_(
        "A warning shows once the last maintenance is older than this."), applies="now"),
    "equipment_fault_working_days": Rule("inspections", N_("Equipment fault answer (working days)"), N_(
        "Working days to answer a reported equipment fault.")),
    "evaluation_follow_up_working_days": Rule("inspections", N_("Bad evaluation follow-up (working days)"),
                                              N_("Working days to rectify after a bad evaluation "
                                                 "of an officer.")),
    "grade_window_days": Rule("grades", N_("Quantified grade looks back (days)"), N_(
        "Days of inspections the quantified grade counts.")),
    "grade_bands": Rule("grades", N_("Grade bands"), N_(
        "Scores from which the grade is excellent, then good, e.g. 90, 70."), "numbers"),
    "risk_bands": Rule("grades", N_("Risk bands"), N_(
        "Upper bounds of risk levels A, B and C, e.g. 30, 45, 60; above is D."), "numbers"),
    "risk_inspections_per_year": Rule("grades", N_("Inspections per year by risk level"), N_(
        'Fewest and most a year for each level, e.g. {"A": [1, 2], "B": [2, 3], "C": [4, 4], '
        '"D": [12, 12]}.'), "json"),
    "review_max_chars": Rule("reviews", N_("Longest review (characters)"), N_(
        "The most characters a review may have.")),
    "review_rate_limit": Rule("reviews", N_("Reviews per window"), N_(
        "Reviews one client may send in the window below.")),
    "review_address_limit": Rule("reviews", N_("Reviews per window from one address"), N_(
        "Reviews one network address (a shop's Wi-Fi, an office, a carrier's shared address) may "
        "send in the window below, all its browsers together.")),
    "review_rate_window_s": Rule("reviews", N_("Review window (seconds)"), N_(
        "The window the review limit counts in.")),
    "review_grade": Rule("reviews", N_("Consumer grade rule"), N_(
        'Changes to how reviews are weighed (see /grades), e.g. {"half_life_days": 90}.'), "json",
        applies="regrade"),
    "alert_rules": Rule("alerts", N_("Alert rules"), N_(
        'Per kind of alert, changes to its rule or null to turn it off, e.g. {"rat": {"persist": 1}}.'),
        "json"),
    "alert_auto_confirm": Rule("alerts", N_("Alerts confirmed without an officer"), N_(
        'Per kind, the confidence from which an alert counts at once, e.g. {"rat": 0.9}.'), "json"),
    "alert_rectify_working_days": Rule("alerts", N_("Rectify after an alert (working days)"), N_(
        "Working days a business has to put right a confirmed alert.")),
    "snapshot_retention_days": Rule("alerts", N_("Keep alert snapshots (days)"), N_(
        "Days an alert's snapshot is kept.")),
    "objection_answer_working_days": Rule("repair", N_("Answer an objection (working days)"), N_(
        "Working days to answer an objection.")),
    "repair_wait_days": Rule("repair", N_("Credit repair after (days)"), N_(
        "Days after black-listing from which a business may apply for credit repair."),
        applies="pages"),
    "repair_decision_working_days": Rule("repair", N_("Decide a credit repair (working days)"), N_(
        "Working days to decide an application for credit repair.")),
    "extra_holidays": Rule("calendar", N_("Local holidays"), N_(
        "Days off beyond the national calendar, one date a line (2026-12-24); deadlines skip them."),
        "dates"),
}

# The rules the stored public profiles are built with: a change rebuilds every page.
PROFILE_RULES = frozenset({"expiring_within_days", "grade_window_days", "grade_bands", "risk_bands",
                           "risk_inspections_per_year", "repair_wait_days"})


class RuleSetting(BaseModel):
    name: str
    group: str
    value: Any
    default: Any
    overridden: bool


class RuleSettingsPublic(BaseModel):
    """Every editable rule with the value in force and the environment's default."""

    version: int
    updated_at: Instant | None = None
    updated_by: str | None = None
    data: list[RuleSetting]
