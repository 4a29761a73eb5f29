"""Registering special equipment, keeping its maintenance dates, and the public's fault reports."""

from datetime import date, datetime, timedelta
from typing import Any

from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from backend import clock, i18n, paging, ratelimit, workdays
from backend.audit import service as audit
from backend.businesses import service as businesses
from backend.config import get_settings
from backend.equipment import repository
from backend.equipment.schemas import (
    KIND_LABELS,
    EquipmentCreate,
    EquipmentKind,
    EquipmentPublic,
    EquipmentsPublic,
    EquipmentUpdate,
    FaultReceived,
    FaultReport,
    normalize_code,
)
from backend.errors import Conflict, NotFound
from backend.i18n import N_, _
from backend.paging import PageMeta
from backend.phrases import Phrase
from backend.profiles import service as profiles
from backend.tasks import service as tasks
from backend.tasks.schemas import TaskSource
from backend.users import permissions
from backend.users.schemas import Actor

FAULT_REPORTER = "public"  # a fault report is anonymous; the task history says so


def _public(item: dict[str, Any], today: date | None = None) -> EquipmentPublic:
    return EquipmentPublic.from_stored(item, today=today or clock.today(),
                                       maintenance_days=get_settings().equipment_maintenance_days)


def get_stored(db: Database, *, code: str) -> dict[str, Any]:
    item = repository.get(db, normalize_code(code))
    if item is None:
        raise NotFound("No equipment has the code {code}.", code=code)
    return item


def get(db: Database, *, code: str) -> EquipmentPublic:
    return _public(get_stored(db, code=code))


def overdue_cutoffs(today: date) -> tuple[datetime, datetime]:
    """Maintained before the first, or inspection due before the second: overdue."""
    every = timedelta(days=get_settings().equipment_maintenance_days)
    return clock.to_stored(today - every) or datetime.min, clock.to_stored(today) or datetime.min


def search(db: Database, *, business_code: str = "", district: str = "", overdue: bool | None = None,
           page_number: int = 1, page_size: int = 20) -> EquipmentsPublic:
    """`overdue`: True, only equipment overdue; False, only what is not; None, all."""
    today = clock.today()
    query = repository.search_filter(
        business_code=businesses.get(db, code=business_code)["code"] if business_code else "",
        district=district, overdue_before=overdue_cutoffs(today) if overdue is not None else None,
        overdue=bool(overdue))
    total = repository.total(db, query)
    rows = repository.page(db, query, skip=paging.skip(page_number, page_size), limit=page_size)
    return EquipmentsPublic(data=[_public(row, today) for row in rows],
                            meta=PageMeta.of(total, page_number, page_size))


def register(db: Database, *, actor: Actor | None, data: EquipmentCreate) -> EquipmentPublic:
    business = businesses.get(db, code=data.business_code)
    permissions.require_officer_for_district(actor, business["district"])
    now = clock.now()
    document = data.model_dump(mode="json") | {
        "business_code": business["code"], "business_name": business["name"],
        "district": business["district"],
        "last_maintained_on": clock.to_stored(data.last_maintained_on),
        "next_inspection_on": clock.to_stored(data.next_inspection_on),
        "created_at": now, "updated_at": now}
    try:
        repository.insert(db, document)
    except DuplicateKeyError as exc:
        raise Conflict("Equipment {code} is already registered.", code=data.code) from exc
    audit.record(db, actor=actor, action="equipment.register", target=data.code, data=document)
    profiles.rebuild(db, code=business["code"])  # the user unit's QR page links it
    return _public(document)


def update(db: Database, *, actor: Actor | None, code: str, data: EquipmentUpdate) -> EquipmentPublic:
    item = get_stored(db, code=code)
    permissions.require_officer_for_district(actor, item["district"])
    changed: dict[str, Any] = {}
    for name in data.model_fields_set:
        value = getattr(data, name)
        changed[name] = clock.to_stored(value) if isinstance(value, date) else value
    changed["updated_at"] = clock.now()  # the page's render cache is keyed on it
    repository.update(db, item["code"], changed)
    audit.record(db, actor=actor, action="equipment.update", target=item["code"], data=changed)
    profiles.rebuild(db, code=item["business_code"])  # its place and warning on the QR page
    return _public(item | changed)


def report_fault(db: Database, *, code: str, data: FaultReport, client: str) -> FaultReceived:
    """Anyone may report a fault (no account); the caller's address is rate-limited, and the
    report becomes a task for the officers over the user unit's district."""
    item = get_stored(db, code=code)
    settings = get_settings()
    ratelimit.hit(db, key=f"equipment-fault:{client}",
                  limit=settings.equipment_fault_limit_per_hour, window_s=3600)
    answer_by = workdays.add_working_days(clock.today(), settings.equipment_fault_working_days)
    kind = KIND_LABELS[EquipmentKind(item["kind"])]
    title = Phrase(N_("{kind} {code}: fault reported"), kind=Phrase(kind), code=item["code"])
    with i18n.language(None):  # stored once, in the site's default language
        detail = data.text + (f"\n{_('Phone')}: {data.phone}" if data.phone else "")
    # the title names the equipment and quotes nobody: the business may read it (the report's
    # text and phone are the reporter's, for officers only)
    tasks.create(db, source=TaskSource.EQUIPMENT_FAULT, business_code=item["business_code"],
                 title=title, business_title=title,
                 detail=detail, ref=item["code"], created_by=FAULT_REPORTER,
                 deadline=clock.end_of_day(answer_by))
    return FaultReceived(equipment_code=item["code"], received_at=clock.now(),
                         answer_by=answer_by)


def maintenance_days() -> int:
    return get_settings().equipment_maintenance_days
