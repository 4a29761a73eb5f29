"""A business's kitchen-camera summary for its public profile (the QR page's "AI checked" strip)."""

from datetime import datetime, timedelta

from pymongo.database import Database

from backend import clock
from backend.alerts import repository
from backend.alerts.schemas import AlertStatus, KitchenSummary
from backend.cameras import repository as cameras


def kitchen_summary(db: Database, *, code: str, now: datetime | None = None) -> dict | None:
    """None for a business without cameras (the QR page then shows no strip)."""
    now = now or clock.now()
    watched = cameras.for_business(db, code)
    if not watched:
        return None
    seen = [camera["last_frame_at"] for camera in watched if camera.get("last_frame_at")]
    confirmed = repository.total(db, {"business_code": code, "status": AlertStatus.CONFIRMED.value,
                                      "at": {"$gte": now - timedelta(days=30)}})
    public = next((camera["_id"] for camera in watched if camera.get("public")), None)
    return KitchenSummary(cameras=len(watched), last_check_at=max(seen) if seen else None,
                          confirmed_30d=confirmed, public_camera_id=public).model_dump()
