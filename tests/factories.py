"""Small factories that build valid records through the real services."""

import io
import itertools
from datetime import date, timedelta

from PIL import Image

from backend import clock
from backend.businesses import credit_code
from backend.businesses import service as businesses
from backend.businesses.schemas import BusinessCreate, Trade
from backend.errors import Conflict
from backend.inspections import service as inspections
from backend.inspections.schemas import InspectionCreate
from backend.licences import service as licences
from backend.licences.schemas import LicenceCreate
from backend.officers import service as officers
from backend.officers.schemas import OfficerCreate, UnitCreate
from backend.penalties import service as penalties
from backend.penalties.schemas import PenaltyCreate
from backend.purchases import service as purchases
from backend.purchases.schemas import PurchaseCreate, RapidTestCreate
from backend.staff import service as staff
from backend.staff.schemas import StaffCreate
from backend.users import service as users
from backend.users.schemas import Actor, Role, UserCreate

_serial = itertools.count(1)
PASSWORD = "correct-horse-battery"
ADMIN = Actor(username="factory-admin", role=Role.ADMIN)


def valid_code(n: int | None = None) -> str:
    n = next(_serial) if n is None else n
    return credit_code.complete(f"92440106MA{n:07d}")


def unit(db, *, id: str = "U-TH", districts: tuple[str, ...] = ("天河区",)) -> str:
    if db.units.find_one({"_id": id}) is None:
        officers.create_unit(db, data=UnitCreate(id=id, name=f"{id} 市场监督管理所",
                                                 districts=list(districts)))
    return id


def officer(db, *, unit_id: str = "U-TH", name: str = "李执法") -> str:
    n = next(_serial)
    officer_id = f"OF{n:04d}"
    unit(db, id=unit_id)
    officers.create_officer(db, data=OfficerCreate(id=officer_id, name=name,
                                                   badge_number=f"4401{n:06d}", unit_id=unit_id))
    return officer_id


def business(db, *, district: str = "天河区", name: str | None = None,
             trade: Trade | str = Trade.CATERING, address: str | None = None, **fields) -> str:
    code = fields.pop("code", None) or valid_code()
    data = BusinessCreate(code=code, name=name or f"测试餐馆{code[-4:]}", trade=trade,
                          address=address or f"{district}体育西路{code[-3:]}号", district=district,
                          **fields)
    businesses.register(db, actor=ADMIN, data=data)
    return code


def user(db, *, role: Role, **bound) -> str:
    username = f"{role.value}{next(_serial)}"
    users.create(db, data=UserCreate(username=username, password=PASSWORD, role=role, **bound))
    return username


def login(api, username: str, password: str = PASSWORD):  # noqa: ANN201 - the client's response
    return api.post("/api/v1/auth/login", json={"username": username, "password": password})


def token(api, username: str) -> dict[str, str]:
    response = login(api, username)
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def days_from_today(days: int) -> date:
    return clock.today() + timedelta(days=days)


# Records hanging off a business, written through the real services as the factory admin.

def licence(db, code: str, *, expires_in_days: int | None = 365, kind: str = "food_business_licence",
            number: str | None = None) -> str:
    number = number or f"JY{next(_serial):014d}"
    licences.record(db, actor=ADMIN, code=code, data=LicenceCreate(
        kind=kind, number=number, issued_on=days_from_today(-400),
        expires_on=None if expires_in_days is None else days_from_today(expires_in_days)))
    return number


def staff_member(db, code: str, *, name: str = "王小明", expires_in_days: int = 200,
                 phone: str = "13812345678") -> str:
    staff.record(db, actor=ADMIN, code=code, data=StaffCreate(
        name=name, position="厨师", phone=phone,
        health_certificate_number=f"JK{next(_serial):010d}",
        certificate_issued_on=days_from_today(expires_in_days - 365),
        certificate_expires_on=days_from_today(expires_in_days)))
    return name


def purchase(db, code: str, *, item: str = "猪肉", days_ago: int = 1) -> str:
    purchases.record_purchase(db, actor=ADMIN, code=code, data=PurchaseCreate(
        item=item, supplier="天河农贸批发市场", batch=f"B{next(_serial)}",
        purchased_on=days_from_today(-days_ago)))
    return item


def rapid_test(db, code: str, *, item: str = "青菜", days_ago: int = 1, result: str = "pass") -> str:
    purchases.record_rapid_test(db, actor=ADMIN, code=code, data=RapidTestCreate(
        item=item, test="农药残留", tested_on=days_from_today(-days_ago), result=result))
    return item


def inspection(db, code: str, officer_ids: list[str], *, days_ago: int | None = None,
               result: str = "compliant", **fields) -> str:
    """Yesterday unless `days_ago` says otherwise; when the same officers already recorded the
    same result there yesterday (the same inspection, refused), the day before, and so on."""
    fields.setdefault("checked_items", ["从业人员健康证明", "食品原料进货查验记录"])
    if result != "compliant":
        fields.setdefault("items_found", ["后厨地面有积水"])
    for days in [days_ago] if days_ago is not None else range(1, 366):
        # ten days from today to rectify, or a year from an inspection older than that allows
        deadline = {"rectification_deadline": min(days_from_today(10), days_from_today(365 - days))}
        try:
            recorded = inspections.record(db, actor=ADMIN, data=InspectionCreate(
                business_code=code, date=days_from_today(-days), source="routine",
                officer_ids=officer_ids, result=result,
                **(deadline if result != "compliant" else {}) | fields))
        except Conflict:
            if days_ago is not None:
                raise
            continue
        return recorded.id
    raise AssertionError("no free day left for another identical inspection")


def penalty(db, code: str, *, days_ago: int = 1, measures: tuple[str, ...] = ("fine",),
            fine_yuan: float | None = None) -> str:
    if fine_yuan is None:
        fine_yuan = 5000 if "fine" in measures else 0
    decided_on = days_from_today(-days_ago)
    number = f"穗天市监罚〔{decided_on.year}〕{next(_serial)}号"
    penalties.record(db, actor=ADMIN, data=PenaltyCreate(
        business_code=code, decision_number=number, facts="销售过期食品",
        legal_basis="《食品安全法》第一百二十四条", measures=list(measures),
        fine_yuan=fine_yuan, decided_on=decided_on))
    return number


def signed_in(api, db, *, role: Role, **bound) -> dict[str, str]:
    """Authorization headers of a fresh user with this role (and business or officer binding)."""
    return token(api, user(db, role=role, **bound))


def photo(kind: str = "JPEG", size: tuple[int, int] = (32, 24), exif: Image.Exif | None = None) -> bytes:
    """A small real picture, as a phone would send one (stored photos are decoded and re-encoded)."""
    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(out, kind, **({"exif": exif} if exif else {}))
    return out.getvalue()


def rectification_scene(db) -> dict[str, str]:
    """A 天河区 business whose non-compliant inspection opened a rectification task: its code, the
    recording officer's user name and the colleague's officer id, the task's id, the shop's user."""
    from backend.inspections import service as inspections
    from backend.inspections.schemas import InspectionCreate

    unit(db, id="U-TH", districts=("天河区",))
    me, colleague = officer(db, name="甲执法"), officer(db, name="乙执法")
    code = business(db, district="天河区")
    recorder = user(db, role=Role.OFFICER, officer_id=me)
    inspections.record(db, actor=users.actor_for(db, username=recorder), data=InspectionCreate(
        business_code=code, date=days_from_today(0), source="routine", officer_ids=[me, colleague],
        result="non_compliant", checked_items=["食品贮存"], items_found=["冰箱生熟混放"],
        opinion="限期整改", rectification_deadline=days_from_today(5)))
    task = db.tasks.find_one({"source": "inspection", "business_code": code})
    return {"code": code, "officer": recorder, "colleague": colleague, "task_id": str(task["_id"]),
            "shop": user(db, role=Role.ENTERPRISE, business_code=code)}
