"""The public profile's grades and newest reviews; pure, so seeding and regrading can bulk-build."""

from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from backend import clock
from backend.config import get_settings
from backend.privacy import mask_name
from backend.reviews import grading, staff_stars

LATEST_REVIEWS = 5


def rule() -> grading.GradeRule:
    return grading.rule_from(get_settings().review_grade)


def since(now: datetime) -> datetime:
    return now - timedelta(days=rule().window_days)


def rated(rows: list[dict[str, Any]]) -> list[grading.Rated]:
    return [grading.Rated(at=row["created_at"], score=row["prediction"]["score"],
                          text_key=row.get("text_key", ""), client=row.get("client", ""))
            for row in rows if row.get("prediction")]


def consumer_grade(graded: list[dict[str, Any]], now: datetime) -> dict[str, Any] | None:
    return grading.grade(rated(graded), now=now, rule=rule())


def staff_section(code: str, staff: list[dict[str, Any]], graded: list[dict[str, Any]],
                  inspections: list[dict[str, Any]], now: datetime) -> list[dict[str, Any]]:
    mentions: dict[str, list[float]] = defaultdict(list)
    for row in graded:
        if row.get("staff_id") and row.get("prediction"):
            mentions[row["staff_id"]].append(row["prediction"]["score"])
    latest = max(inspections, key=lambda row: row["date"], default=None)
    result = latest["result"] if latest else None
    today = clock.day_of(now)
    section = []
    for member in staff:
        ref = staff_stars.staff_ref(code, member)
        expires = clock.from_stored(member.get("certificate_expires_on"))
        section.append({
            "staff_id": ref, "masked_name": mask_name(member["name"]), "position": member.get("position", ""),
            "mentions": len(mentions[ref]),
            "stars": staff_stars.stars(mention_scores=mentions[ref], latest_result=result,
                                       certificate_expired=bool(expires and expires < today))})
    return section


def public_review(row: dict[str, Any]) -> dict[str, Any]:
    """What the QR page shows of a review: never the client key, the lease or the text key."""
    return {"id": str(row["_id"]), "business_code": row["business_code"], "text": row["text"],
            "stars": row.get("stars"), "staff_id": row.get("staff_id"), "status": row["status"],
            "created_at": row["created_at"], "prediction": row.get("prediction"),
            "replies": row.get("replies", []), "suspicious": row.get("suspicious", []),
            "escalated": bool(row.get("escalated_at"))}


def section(reviews: dict[str, list[dict[str, Any]]], *, code: str, staff: list[dict[str, Any]],
            inspections: list[dict[str, Any]], now: datetime) -> dict[str, Any]:
    """`reviews` holds "graded" (grading fields of the reviews in the rule's window) and
    "latest" (the newest reviews in full)."""
    graded = reviews.get("graded", [])
    return {"grades": {"consumer": consumer_grade(graded, now),
                       "staff": staff_section(code, staff, graded, inspections, now)},
            "reviews": [public_review(row) for row in reviews.get("latest", [])[:LATEST_REVIEWS]]}


def regraded(profile: dict[str, Any], graded: list[dict[str, Any]], now: datetime, *,
             newest: bool = True) -> dict[str, Any] | None:
    """The grades (and, with `newest`, the newest reviews with their new predictions) of an
    existing profile, computed from the profile itself (its staff handles, certificates and
    inspections) and the reviews' grading fields; None when the profile predates grades and needs
    a full rebuild."""
    grades = profile.get("grades")
    if grades is None:
        return None
    mentions: dict[str, list[float]] = defaultdict(list)
    for row in graded:
        if row.get("staff_id") and row.get("prediction"):
            mentions[row["staff_id"]].append(row["prediction"]["score"])
    latest = max(profile.get("inspections", []), key=lambda row: row["date"], default=None)
    today = clock.day_of(now)
    staff = []
    for entry, member in zip(grades.get("staff", []), profile.get("staff", []), strict=False):
        expires = clock.from_stored(member.get("certificate_expires_on"))
        staff.append(entry | {"mentions": len(mentions[entry["staff_id"]]), "stars": staff_stars.stars(
            mention_scores=mentions[entry["staff_id"]], latest_result=latest["result"] if latest else None,
            certificate_expired=bool(expires and expires < today))})
    fields: dict[str, Any] = {"grades": {"consumer": consumer_grade(graded, now), "staff": staff},
                              "updated_at": now}
    if newest:
        by_id = {str(row["_id"]): row.get("prediction") for row in graded}
        fields["reviews"] = [row | ({"prediction": by_id[row["id"]], "status": "scored"}
                                    if by_id.get(row["id"]) else {})
                             for row in profile.get("reviews", [])]
    return fields
