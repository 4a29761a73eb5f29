"""The public profile's grades and newest reviews; pure, so seeding and regrading can bulk-build."""

from datetime import datetime, timedelta
from typing import Any

from backend import clock
from backend.config import get_settings
from backend.privacy import mask_name
from backend.reviews import grading, staff_stars
from backend.reviews.schemas import referral, shown_text

LATEST_REVIEWS = 5


def rule() -> grading.GradeRule:
    return grading.rule_from(get_settings().review_grade)


def since(now: datetime) -> datetime:
    return now - timedelta(days=rule().window_days)


def rated(rows: list[dict[str, Any]]) -> list[grading.Rated]:
    return [grading.Rated(at=row["created_at"], score=row["prediction"]["score"],
                          text_key=row.get("text_key", ""), client=row.get("client", ""))
            for row in rows if row.get("prediction")]


def grade_basis(graded: list[dict[str, Any]], now: datetime) -> dict[str, Any]:
    """The consumer grade's basis (`grading.basis`) with each staff member's mentions in it (the
    sum of their scores and their number): what later regrades read instead of the reviews."""
    mentions: dict[str, list[float]] = {}
    for row in graded:
        if row.get("staff_id") and row.get("prediction"):
            mentioned = mentions.setdefault(row["staff_id"], [0.0, 0])
            mentioned[0] += row["prediction"]["score"]
            mentioned[1] += 1
    return grading.basis(rated(graded), now=now, rule=rule()) | {"mentions": mentions}


def basis_usable(profile: dict[str, Any], now: datetime) -> bool:
    """Whether a stored profile's grade basis gives its grades on `now` (`grading.usable`)."""
    return grading.usable(profile.get("grade_basis"), now=now, rule=rule())


def member_stars(basis: dict[str, Any], ref: str, *, latest_result: str | None,
                 certificate_expires_on: Any, now: datetime) -> dict[str, int]:
    """A staff member's mentions and stars, from the basis and the latest inspection's result."""
    total, count = basis["mentions"].get(ref, (0.0, 0))
    expires = clock.from_stored(certificate_expires_on)
    return {"mentions": int(count), "stars": staff_stars.stars(
        mention_total=total, mentions=int(count), latest_result=latest_result,
        certificate_expired=bool(expires and expires < clock.day_of(now)))}


def latest_result(inspections: list[dict[str, Any]]) -> str | None:
    latest = max(inspections, key=lambda row: row["date"], default=None)
    return latest["result"] if latest else None


def staff_section(code: str, staff: list[dict[str, Any]], basis: dict[str, Any],
                  inspections: list[dict[str, Any]], now: datetime) -> list[dict[str, Any]]:
    result = latest_result(inspections)
    section = []
    for member in staff:
        ref = staff_stars.staff_ref(code, member)
        section.append({"staff_id": ref, "masked_name": mask_name(member["name"]),
                        "position": member.get("position", "")}
                       | member_stars(basis, ref, latest_result=result, now=now,
                                      certificate_expires_on=member.get("certificate_expires_on")))
    return section


def public_review(row: dict[str, Any], staff_names: list[str]) -> dict[str, Any]:
    """What the QR page shows of a review: never the client key, the lease or the text key."""
    return {"id": str(row["_id"]), "business_code": row["business_code"],
            "text": shown_text(row, staff_names),
            "stars": row.get("stars"), "staff_id": row.get("staff_id"), "status": row["status"],
            "created_at": row["created_at"], "prediction": row.get("prediction"),
            "replies": row.get("replies", []), "suspicious": row.get("suspicious", []),
            "escalated": bool(row.get("escalated_at")), "referral": referral(row)}


def section(reviews: dict[str, list[dict[str, Any]]], *, code: str, staff: list[dict[str, Any]],
            inspections: list[dict[str, Any]], now: datetime,
            names: list[str] | None = None) -> dict[str, Any]:
    """`reviews` holds "graded" (grading fields of the reviews in the rule's window) and
    "latest" (the newest reviews in full); `staff`, the members given stars; `names`, those masked
    in reviews' texts (former members too; `staff`'s names unless given)."""
    basis = grade_basis(reviews.get("graded", []), now)
    names = [member["name"] for member in staff] if names is None else names
    return {"grades": {"consumer": grading.grade_from(basis, now=now, rule=rule()),
                       "staff": staff_section(code, staff, basis, inspections, now)},
            "grade_basis": basis,
            "reviews": [public_review(row, names)
                        for row in reviews.get("latest", [])[:LATEST_REVIEWS]]}


def regraded(profile: dict[str, Any], graded: list[dict[str, Any]] | None, now: datetime, *,
             newest: bool = True) -> dict[str, Any] | None:
    """The grades (and, with `newest`, the newest reviews with their new predictions) of an
    existing profile, computed from the profile itself (its staff handles, certificates and
    inspections) and the reviews' grading fields, or without `graded` from its stored grade basis
    (when `basis_usable`); None when the profile predates grades and needs a full rebuild."""
    grades = profile.get("grades")
    if grades is None:
        return None
    fields: dict[str, Any] = {}
    if graded is None:
        basis = profile["grade_basis"]
    else:
        basis = fields["grade_basis"] = grade_basis(graded, now)
    result = latest_result(profile.get("inspections", []))
    staff = [entry | member_stars(basis, entry["staff_id"], latest_result=result, now=now,
                                  certificate_expires_on=member.get("certificate_expires_on"))
             for entry, member in zip(grades.get("staff", []), profile.get("staff", []), strict=False)]
    fields |= {"grades": {"consumer": grading.grade_from(basis, now=now, rule=rule()), "staff": staff},
               "updated_at": now}
    if newest:
        by_id = {str(row["_id"]): row.get("prediction") for row in graded or []}
        fields["reviews"] = [row | ({"prediction": by_id[row["id"]], "status": "scored"}
                                    if by_id.get(row["id"]) else {})
                             for row in profile.get("reviews", [])]
    return fields


def shows_nothing_new(stored: dict[str, Any], fields: dict[str, Any]) -> bool:
    """Whether a daily regrade's `fields` (from `regraded`, without `newest`) would change nothing
    the public sees but the consumer grade's date: its basis served, its grades are the same.
    Such a profile is left as it is; the finished daily run dates its grade (`checked`)."""
    if set(fields) != {"grades", "updated_at"}:
        return False
    return _undated(fields["grades"]) == _undated(stored["grades"])


def _undated(grades: dict[str, Any]) -> dict[str, Any]:
    consumer = grades.get("consumer")
    return grades | {"consumer": consumer and {k: v for k, v in consumer.items() if k != "as_of"}}
