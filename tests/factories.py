"""Small factories that build valid records through the real services."""

import itertools
from datetime import date, timedelta

from backend.businesses import credit_code
from backend.businesses import service as businesses
from backend.businesses.schemas import BusinessCreate, Trade
from backend.officers import service as officers
from backend.officers.schemas import OfficerCreate, UnitCreate
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


def business(db, *, district: str = "天河区", name: str | None = None, **fields) -> str:
    code = fields.pop("code", None) or valid_code()
    data = BusinessCreate(code=code, name=name or f"测试餐馆{code[-4:]}", trade=Trade.CATERING,
                          address=f"{district}体育西路{code[-3:]}号", district=district, **fields)
    businesses.register(db, actor=ADMIN, data=data)
    return code


def user(db, *, role: Role, **bound) -> str:
    username = f"{role.value}{next(_serial)}"
    users.create(db, data=UserCreate(username=username, password=PASSWORD, role=role, **bound))
    return username


def token(api, username: str) -> dict[str, str]:
    response = api.post("/api/v1/auth/login", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def days_from_today(days: int) -> date:
    return date.today() + timedelta(days=days)
