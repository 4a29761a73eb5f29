"""Registering and editing a business's cameras, and what the public may see of them."""

from typing import Any
from urllib.parse import urlsplit

from pymongo.database import Database

from backend import clock, paging
from backend.alerts import rules as alert_rules
from backend.businesses import service as businesses
from backend.cameras import addresses, repository
from backend.cameras.schemas import (
    SIMULATED,
    CameraCreate,
    CameraDetail,
    CameraPublic,
    CamerasPublic,
    CameraStatus,
    CameraUpdate,
    source_scheme,
)
from backend.errors import Conflict, DomainError, Forbidden, Invalid, NotFound
from backend.paging import PageMeta
from backend.profiles import service as profiles
from backend.users import permissions
from backend.users.schemas import Actor, Role


def _require_source_allowed(actor: Actor, url: str | None) -> None:
    """A file on the server, or the server's own addresses, are no business's to read: the worker
    opens the source, so a camera at 127.0.0.1 or 169.254.169.254 would make it fetch what only
    the server can reach. Only administrators point cameras at files or at such addresses; a
    camera on the local network (192.168.1.20, 10.0.0.5) is an ordinary camera."""
    if not url or actor.role == Role.ADMIN:
        return
    if source_scheme(url) == "file":
        raise Forbidden("Only an administrator may use a file on the server as a camera source.")
    if addresses.the_server_itself(urlsplit(url).hostname or ""):
        raise Forbidden("A camera's address may not be the server's own (localhost, loopback, "
                        "link-local or unspecified addresses); ask an administrator.")


BUSINESS_IGNORED_AT_MOST = 0.5  # of the picture: past that, ignoring is the officers' call


def ignored_share(zones: list[Any]) -> float:
    """How much of the picture the zones cover together (overlaps once), to 1 %."""
    cells = [(x + 0.5) / 100 for x in range(100)]
    return sum(any(z.x1 <= x <= z.x2 and z.y1 <= y <= z.y2 for z in zones)
               for x in cells for y in cells) / 10_000


def _require_zones_allowed(actor: Actor, zones: list[Any] | None) -> None:
    """A business may hide its dining area from the AI, not its kitchen: the areas it sets may
    cover at most BUSINESS_IGNORED_AT_MOST of the picture; its district's officers may set more."""
    if zones and actor.role == Role.ENTERPRISE and ignored_share(zones) > BUSINESS_IGNORED_AT_MOST:
        raise Invalid("The areas the AI ignores may cover at most half of the picture; the officers "
                      "of your district can set more.")


def create(db: Database, *, actor: Actor | None, data: CameraCreate) -> CameraDetail:
    business = businesses.get(db, code=data.business_code)
    actor = permissions.require_member_or_officer(actor, code=business["code"],
                                                  district=business["district"])
    _require_source_allowed(actor, data.source_url)
    _require_zones_allowed(actor, data.zones)
    _require_new_source(db, business["code"], data.source_url)
    document: dict[str, Any] = data.model_dump(mode="json") | {
        "_id": repository.new_id(), "business_code": business["code"],
        "business_name": business["name"], "district": business["district"],
        "trade": business["trade"], "status": CameraStatus.PENDING.value, "last_frame_at": None,
        "stream_key": addresses.stream_key(data.source_url),
        "source_set_by_admin": actor.role == Role.ADMIN, "created_at": clock.now()}
    repository.insert(db, document)
    # The QR page's "AI checked" strip appears with the first camera.
    profiles.publish_change(db, actor=actor, action="camera.create", code=business["code"],
                            data=_audited(document))
    return CameraDetail.from_stored(document)


def _audited(fields: dict[str, Any]) -> dict[str, Any]:
    return fields | {name: addresses.without_password(fields[name])
                     for name in ("source_url", "stream_key") if name in fields}


def _require_new_source(db: Database, code: str, url: str | None, camera_id: str = "") -> None:
    """One camera per address and business: a form sent twice made two, and every detection on
    the stream then raised two alerts."""
    same = repository.with_stream(db, code, addresses.stream_key(url)) if url else None
    if same is not None and same["_id"] != camera_id:
        raise Conflict("This business already has a camera at this address: {name}.", name=same["name"])


def _load(db: Database, camera_id: str) -> dict[str, Any]:
    camera = repository.get(db, camera_id)
    if camera is None:
        raise NotFound("No camera has the id {id}.", id=camera_id)
    return camera


def require_owner_or_officer(actor: Actor | None, camera: dict[str, Any]) -> Actor:
    return permissions.require_member_or_officer(actor, code=camera["business_code"],
                                                 district=camera["district"])


def update(db: Database, *, actor: Actor | None, camera_id: str, data: CameraUpdate) -> CameraDetail:
    camera = _load(db, camera_id)
    actor = require_owner_or_officer(actor, camera)
    changed = data.model_dump(mode="json", exclude_none=True, exclude={"rules"})
    _require_source_allowed(actor, changed.get("source_url"))
    _require_new_source(db, camera["business_code"], changed.get("source_url"), camera_id=camera["_id"])
    _require_zones_allowed(actor, data.zones)
    if "source_url" in changed:
        changed["stream_key"] = addresses.stream_key(changed["source_url"])
        changed["source_set_by_admin"] = actor.role == Role.ADMIN
    if data.rules is not None:
        # The rules watch the business: only its officers may change them, never the business.
        actor = permissions.require_officer_for_district(actor, camera["district"])
        changed["rules"] = alert_rules.stored(data.rules)
        alert_rules.in_force(camera | changed)  # refused here, not in the worker
    if changed:
        repository.update(db, camera_id, changed)
        profiles.publish_change(db, actor=actor, action="camera.update", code=camera["business_code"],
                                data=_audited(changed) | {"camera_id": camera_id})
    return CameraDetail.from_stored(camera | changed)


def may_set_rules(actor: Actor | None, camera: dict[str, Any]) -> bool:
    """Whether this viewer may change the camera's alert rules (its district's officers)."""
    try:
        permissions.require_officer_for_district(actor, camera["district"])
    except DomainError:
        return False
    return True


def detail(db: Database, *, actor: Actor | None, camera_id: str) -> CameraDetail:
    camera = _load(db, camera_id)
    require_owner_or_officer(actor, camera)
    return CameraDetail.from_stored(camera)


def for_business(db: Database, *, actor: Actor | None, code: str) -> list[CameraDetail]:
    business = businesses.get(db, code=code)
    permissions.require_member_or_officer(actor, code=code, district=business["district"])
    return [CameraDetail.from_stored(camera) for camera in repository.for_business(db, code)]


def public_camera(db: Database, *, camera_id: str) -> CameraPublic:
    """A camera whose business consented to public view; any other is simply not found."""
    camera = repository.get(db, camera_id)
    if camera is None or not camera.get("public"):
        raise NotFound("No public camera has the id {id}.", id=camera_id)
    return CameraPublic.from_stored(camera)


def can_view(db: Database, *, actor: Actor | None, camera_id: str) -> dict[str, Any]:
    """The camera, if this viewer may watch it live: anyone for a public one, else its business
    and its officers."""
    camera = _load(db, camera_id)
    if not camera.get("public"):
        require_owner_or_officer(actor, camera)
    return camera


def search_public(db: Database, *, district: str = "", trade: str = "", business_code: str = "",
                  page_number: int = 1, page_size: int = 20) -> CamerasPublic:
    query: dict[str, Any] = {"public": True}
    for field, value in (("district", district), ("trade", trade), ("business_code", business_code)):
        if value:
            query[field] = value
    total = repository.total(db, query)
    rows = repository.page(db, query, skip=paging.skip(page_number, page_size), limit=page_size)
    return CamerasPublic(data=[CameraPublic.from_stored(row) for row in rows],
                         meta=PageMeta.of(total, page_number, page_size))


def is_simulated(camera: dict[str, Any]) -> bool:
    return source_scheme(camera["source_url"]) == SIMULATED
