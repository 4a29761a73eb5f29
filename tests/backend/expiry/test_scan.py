"""The expiry scan: one notice per document and window, one task per expired document, even when
run again or by two workers at once; delivery through a pluggable sender."""

import threading
from datetime import timedelta

import pytest

from backend import clock
from backend.config import get_settings
from backend.expiry import senders, service
from backend.licences import service as licences
from backend.licences.schemas import LicenceCreate
from backend.tasks import __main__ as tasks_cli
from backend.users.schemas import Role
from tests import factories


@pytest.fixture()
def world(db):
    for name in ("notice_outbox", "expiry_tasks", "tasks", "licences", "staff"):
        db.drop_collection(name)
    code = factories.business(db, contact_phone="13800003333")
    return code


def _notices(db):
    return {notice["window_days"] for notice in db.notice_outbox.find()}


@pytest.mark.parametrize("days_left, windows", [
    (100, set()), (90, {90}), (45, {90}), (30, {30}), (12, {30}), (7, {7}), (0, {7}), (-1, set())])
def test_a_licence_gets_the_notice_of_its_window(db, world, days_left, windows):
    factories.licence(db, world, expires_in_days=days_left)
    service.scan(db)
    assert _notices(db) == windows


def test_a_certificate_walks_through_every_window_once(db, world):
    factories.staff_member(db, world, name="陈大文", expires_in_days=95)
    today = clock.today()
    for day in range(0, 100):
        service.scan(db, today=today + timedelta(days=day))
    notices = list(db.notice_outbox.find())
    assert sorted(notice["window_days"] for notice in notices) == [7, 30, 90]
    assert all("陈大文" in notice["text"] for notice in notices)
    assert db.tasks.count_documents({"source": "licence_expiry"}) == 1  # once it expired


def test_scanning_again_writes_nothing_new(db, world):
    factories.licence(db, world, expires_in_days=5)
    factories.licence(db, world, expires_in_days=-3, kind="special_equipment_registration")
    first = service.scan(db)
    again = service.scan(db)
    assert (first.notices, first.tasks) == (1, 1)
    assert (again.notices, again.tasks) == (0, 0)


def test_two_workers_at_once_never_duplicate(db, world):
    for days in (3, 20, 60, -2, -30):  # one business each: a later licence would be a renewal
        code = factories.business(db)
        factories.licence(db, code, expires_in_days=days)
        factories.staff_member(db, code, expires_in_days=days)
    reports = []
    start = threading.Barrier(2)

    def work():
        start.wait()
        reports.append(service.scan(db))

    workers = [threading.Thread(target=work) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert db.notice_outbox.count_documents({}) == 6
    assert db.tasks.count_documents({"source": "licence_expiry"}) == 4
    assert sum(report.notices for report in reports) == 6
    assert sum(report.tasks for report in reports) == 4


def _issue(db, code, number, *, issued_days_ago, expires_in_days, kind="food_business_licence"):
    licences.record(db, actor=factories.ADMIN, code=code, data=LicenceCreate(
        kind=kind, number=number, issued_on=factories.days_from_today(-issued_days_ago),
        expires_on=factories.days_from_today(expires_in_days)))


def test_a_renewed_licence_raises_no_task(db, world):
    """A renewal (延续) keeps the number and carries a later issue day."""
    _issue(db, world, "JY14401060000777", issued_days_ago=1800, expires_in_days=-10)
    _issue(db, world, "JY14401060000777", issued_days_ago=5, expires_in_days=1800)
    service.scan(db)
    assert db.tasks.count_documents({}) == 0
    assert db.notice_outbox.count_documents({}) == 0


def test_another_licence_of_the_same_kind_replaces_nothing(db, world):
    """Two lifts, two registrations: the one due soon is warned about although the other is due later."""
    _issue(db, world, "梯11粤A0000001(24)", issued_days_ago=360, expires_in_days=5,
           kind="special_equipment_registration")
    _issue(db, world, "梯11粤A0000002(24)", issued_days_ago=100, expires_in_days=265,
           kind="special_equipment_registration")
    service.scan(db)
    assert [notice["window_days"] for notice in db.notice_outbox.find()] == [7]
    assert "梯11粤A0000001(24)" in db.notice_outbox.find_one()["text"]


def test_a_renewed_certificate_and_a_former_member_get_no_warning(db, world, api):
    """Renewed through the API, the old certificate is history; a member who left is no one's
    concern any more; a second record of the same person (how renewals were recorded before) is
    superseded by the later one."""
    owner = factories.signed_in(api, db, role=Role.ENTERPRISE, business_code=world)
    factories.staff_member(db, world, name="陈大文", expires_in_days=-3)
    factories.staff_member(db, world, name="林小红", expires_in_days=5)
    factories.staff_member(db, world, name="黄阿姨", expires_in_days=20)
    factories.staff_member(db, world, name="黄阿姨", expires_in_days=300)
    db.staff.update_many({"name": "黄阿姨"}, {"$unset": {"separate_person": ""}})  # stored before renewals
    ids = {row["name"] + row["health_certificate_number"]: row["id"] for row in
           api.get(f"/api/v1/businesses/{world}/staff", headers=owner).json()["data"]}
    chen = next(value for key, value in ids.items() if key.startswith("陈大文"))
    lin = next(value for key, value in ids.items() if key.startswith("林小红"))
    renewed = api.put(f"/api/v1/businesses/{world}/staff/{chen}/certificate", headers=owner, json={
        "number": "JK20269999", "issued_on": str(factories.days_from_today(-1)),
        "expires_on": str(factories.days_from_today(364))})
    assert renewed.status_code == 200, renewed.text
    left = api.post(f"/api/v1/businesses/{world}/staff/{lin}/departure", headers=owner,
                    json={"left_on": str(factories.days_from_today(-1))})
    assert left.status_code == 200, left.text
    service.scan(db)
    assert db.notice_outbox.count_documents({}) == 0
    assert db.tasks.count_documents({}) == 0


def test_expired_task_goes_to_the_district(db, world):
    factories.licence(db, world, expires_in_days=-1, number="JY24401060000901")
    service.scan(db)
    task = db.tasks.find_one({"source": "licence_expiry"})
    assert task["business_code"] == world and "JY24401060000901" in task["title"]
    assert task["deadline"] > clock.now()


class Recording(senders.SmsSender):
    def __init__(self, fail: bool = False) -> None:
        self.sent: list[tuple[str, str]] = []
        self.fail = fail

    def send_sms(self, phone: str, text: str) -> None:
        if self.fail:
            raise ConnectionError("gateway down")
        self.sent.append((phone, text))


def test_delivery_sends_each_notice_once(db, world):
    factories.licence(db, world, expires_in_days=6)
    service.scan(db)
    sms = Recording()
    assert service.deliver(db, sender=sms).delivered == 1
    assert service.deliver(db, sender=sms).delivered == 0
    assert sms.sent[0][0] == "13800003333"
    assert db.notice_outbox.find_one()["status"] == "sent"


def test_a_failing_gateway_loses_nothing(db, world):
    factories.licence(db, world, expires_in_days=6)
    service.scan(db)
    report = service.deliver(db, sender=Recording(fail=True))
    assert report.failed == 1
    notice = db.notice_outbox.find_one()
    assert notice["status"] == "pending" and notice["attempts"] == 1
    assert "gateway down" in notice["last_error"]


def test_the_sender_is_a_setting(monkeypatch):
    assert isinstance(senders.configured(), senders.LogSender)
    monkeypatch.setattr(get_settings(), "notice_sender", f"{__name__}:Recording")
    assert isinstance(senders.configured(), Recording)
    monkeypatch.setattr(get_settings(), "notice_sender", "nonsense")
    with pytest.raises(ValueError):
        senders.configured()


def test_cli_is_idempotent(db, world, capsys, monkeypatch):
    factories.licence(db, world, expires_in_days=29)
    monkeypatch.setattr("backend.database.close", lambda: None)  # the test session owns it
    assert tasks_cli.main(["expiry-scan"]) == 0
    assert "1 new notice(s)" in capsys.readouterr().out
    assert tasks_cli.main(["expiry-scan"]) == 0
    assert "0 new notice(s), 0 new task(s)" in capsys.readouterr().out
    assert tasks_cli.main(["nonsense"]) == 2


def test_the_worker_runs_the_scan_once_per_period(db, world):
    from backend import worker

    factories.licence(db, world, expires_in_days=29)
    job = next(job for job in worker.jobs() if job.name == "expiry-scan")
    assert job.shared
    assert worker.run_job(db, job, at=1_000_000.0) is True
    assert worker.run_job(db, job, at=1_000_000.0) is False
    assert db.notice_outbox.count_documents({}) == 1


def test_a_claim_left_by_a_dead_worker_is_taken_over(db, world):
    factories.licence(db, world, expires_in_days=-4, number="JY24401060000902")
    key = next(iter(service._documents(db, None, clock.today()))).key + ":expired"
    db.expiry_tasks.insert_one({"_id": key, "at": clock.now() - timedelta(hours=1)})  # no task
    assert service.scan(db).tasks == 1
    assert service.scan(db).tasks == 0
    assert db.tasks.count_documents({"ref": key}) == 1
