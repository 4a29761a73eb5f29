"""Demo kitchen cameras: simulated ones (sim://<seed>?hours=…), so the wall and the worker have live
scenes."""

from typing import Any

from pymongo.database import Database

from backend import clock
from backend.cameras import addresses
from backend.cameras import repository as cameras
from backend.profiles import service as profiles

DEMO_CAMERAS = 6
# (camera name, location, opening hours): each simulated room is busy in its hours and empty
# outside them but for a rare visitor, and its camera is staffed in the same hours, so the demo
# shows an after-hours alert now and then (two or three a night per camera).
LOCATIONS = (("后厨操作间", "kitchen", "06:00-22:00"), ("储存室", "storage", "07:00-20:00"))


def seed(db: Database, *, first: list[str]) -> list[str]:
    """Cameras for the demo enterprise accounts' businesses, then a few more restaurants; all but
    the last consent to public view, and one keeps faces unblurred."""
    codes = list(first)
    for business in db.businesses.find({"trade": "catering"}, {"code": 1}).limit(DEMO_CAMERAS * 2):
        if len(codes) >= DEMO_CAMERAS:
            break
        if business["code"] not in codes:
            codes.append(business["code"])
    created = []
    for index, code in enumerate(codes):
        business = db.businesses.find_one({"code": code})
        if business is None:
            continue
        name, location, hours = LOCATIONS[index % 2 if index >= 2 else 0]
        document: dict[str, Any] = {
            "_id": cameras.new_id(), "business_code": code, "business_name": business["name"],
            "district": business["district"], "trade": business["trade"], "name": name,
            "location": location, "source_url": f"sim://{index + 1}?hours={hours}",
            "staffed_hours": hours, "public": index < len(codes) - 1, "blur_faces": index != 1,
            "zones": [], "status": "pending", "last_frame_at": None, "created_at": clock.now()}
        # one camera per stream and business: the key a new camera's address is compared by
        document["stream_key"] = addresses.stream_key(document["source_url"])
        cameras.insert(db, document)
        profiles.rebuild(db, code=code)
        created.append(document["_id"])
    return created
