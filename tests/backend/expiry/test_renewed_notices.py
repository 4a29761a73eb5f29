"""A warning already sent stays in the business's list; once the licence or certificate it was
about is renewed, the list says so (`renewed`), so it no longer reads as a current warning."""

from backend.expiry import service
from backend.licences import service as licences
from backend.licences.schemas import LicenceCreate
from backend.staff import service as staff
from backend.staff.schemas import CertificateRenewal
from backend.users.schemas import Actor, Role
from tests import factories
from tests.factories import ADMIN, days_from_today


def _licence(db, code, *, issued_days_ago, expires_in_days):
    licences.record(db, actor=ADMIN, code=code, data=LicenceCreate(
        kind="food_business_licence", number="JY14401060000888",
        issued_on=days_from_today(-issued_days_ago), expires_on=days_from_today(expires_in_days)))


def _renewed(db, code) -> dict[str, bool]:
    owner = Actor(username="owner", role=Role.ENTERPRISE, business_code=code)
    return {row.subject: row.renewed for row in service.notices_for(db, actor=owner).data}


def test_warnings_about_renewed_papers_say_so(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    code = factories.business(db)
    _licence(db, code, issued_days_ago=1800, expires_in_days=5)
    factories.staff_member(db, code, name="钟欣怡", expires_in_days=2)
    factories.staff_member(db, code, name="袁小明", expires_in_days=6)
    service.scan(db)
    assert set(_renewed(db, code).values()) == {False} and len(_renewed(db, code)) == 3
    _licence(db, code, issued_days_ago=0, expires_in_days=1825)
    member = next(row for row in staff.list_for(db, actor=ADMIN, code=code).data if row.name == "钟欣怡")
    staff.renew(db, actor=ADMIN, code=code, member_id=member.id, data=CertificateRenewal(
        number="JK2026R7777", issued_on=days_from_today(0), expires_on=days_from_today(365)))
    renewed = _renewed(db, code)
    assert [subject for subject, done in renewed.items() if done and "JY14401060000888" in subject]
    assert [subject for subject, done in renewed.items() if done and "钟欣怡" in subject]
    assert [subject for subject, done in renewed.items() if not done] == [
        next(subject for subject in renewed if "袁小明" in subject)]
