"""Factories for the kitchen-camera tests: cameras, officers' and shops' headers, alerts."""

import itertools

from backend.alerts import service as alerts
from backend.cameras import repository as cameras
from backend.cameras import service
from backend.cameras.schemas import CameraCreate
from backend.users.schemas import Role
from tests import factories
from tests.factories import ADMIN

ROLES = ("anonymous", "consumer", "enterprise of another business", "enterprise of this business",
         "officer of its district", "officer of another unit", "admin")


_sources = itertools.count(1000)


def camera(db, code: str, *, source_url: str = "", public: bool = True, name: str = "后厨一号",
           **fields) -> str:
    """A simulated camera; each its own stream unless `source_url` says (one per address)."""
    return service.create(db, actor=ADMIN, data=CameraCreate(
        business_code=code, name=name, location=fields.pop("location", "kitchen"),
        source_url=source_url or f"sim://{next(_sources)}", public=public, **fields)).id


def alert(db, camera_id: str, *, kind: str = "no_mask", confidence: float = 0.9, clip: int = 0) -> str:
    """`clip`: how many evidence frames to keep with it (frame i is b"\xff\xd8frame-i\xff\xd9")."""
    return alerts.raise_detection(db, camera=cameras.get(db, camera_id), kind=kind,
                                  confidence=confidence, box=[10, 10, 50, 60], frames=3,
                                  snapshot=b"\xff\xd8fake-jpeg\xff\xd9", model="test", version="0",
                                  clip=[f"\xff\xd8frame-{i}\xff\xd9".encode("latin-1") for i in range(clip)])


def headers_by_role(api, db, code: str) -> dict[str, dict[str, str]]:
    """One signed-in user per role around business `code` (in 天河区, unit U-TH)."""
    factories.unit(db, id="U-TH", districts=("天河区",))
    factories.unit(db, id="U-YX", districts=("越秀区",))
    other = factories.business(db, district="天河区")
    return {
        "anonymous": {},
        "consumer": factories.signed_in(api, db, role=Role.CONSUMER),
        "enterprise of another business": factories.signed_in(api, db, role=Role.ENTERPRISE,
                                                               business_code=other),
        "enterprise of this business": factories.signed_in(api, db, role=Role.ENTERPRISE,
                                                           business_code=code),
        "officer of its district": factories.signed_in(
            api, db, role=Role.OFFICER, officer_id=factories.officer(db, unit_id="U-TH")),
        "officer of another unit": factories.signed_in(
            api, db, role=Role.OFFICER, officer_id=factories.officer(db, unit_id="U-YX")),
        "admin": factories.signed_in(api, db, role=Role.ADMIN),
    }
