"""The task inbox on the portal: officers take each step with plain forms; businesses rectify."""

import re
from datetime import timedelta

import pytest

from backend import clock
from backend.tasks import service as tasks
from backend.tasks.schemas import TaskSource
from backend.users.schemas import Role
from tests import factories
from tests.factories import days_from_today
from tests.portal.conftest import ENGLISH, form_token, sign_in

PDF = b"%PDF-1.4 evidence"


@pytest.fixture(scope="module")
def scene(db):
    factories.unit(db, id="U-TH", districts=("天河区",))
    officer, colleague = factories.officer(db, name="甲执法"), factories.officer(db, name="乙执法")
    code = factories.business(db, district="天河区")
    return {"code": code, "officer": factories.user(db, role=Role.OFFICER, officer_id=officer),
            "colleague": colleague,
            "shop": factories.user(db, role=Role.ENTERPRISE, business_code=code)}


def _task(db, code, days, title):
    return tasks.create(db, source=TaskSource.RANDOM_DRAW, business_code=code, title=title,
                        deadline=clock.now() + timedelta(days=days),
                        created_by="system").id


def _post(site, task_id, action, page=None, **data):
    """Posts the step's form with the token found on `page` (the task's own page by default)."""
    token = form_token(site, page or f"/tasks/{task_id}")
    files = data.pop("files", None)
    return site.post(f"/tasks/{task_id}/{action}", data=data | {"csrf_token": token},
                     headers=ENGLISH, files=files)


def test_signed_out_readers_are_sent_to_sign_in(site):
    site.cookies.clear()
    response = site.get("/tasks", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login?next=")


def test_the_inbox_lists_overdue_first_and_filters(site, db, scene):
    later, overdue = _task(db, scene["code"], 9, "晚些的检查"), _task(db, scene["code"], -2, "逾期的检查")
    sign_in(site, scene["officer"])
    page = site.get("/tasks", headers=ENGLISH).text
    assert page.index("逾期的检查") < page.index("晚些的检查") and "Overdue" in page
    assert "逾期的检查" not in site.get("/tasks?source=complaint", headers=ENGLISH).text
    assert later and overdue


def test_an_officer_takes_every_step_without_scripts(site, db, scene):
    task_id = _task(db, scene["code"], 5, "全流程")
    sign_in(site, scene["officer"])
    assert _post(site, task_id, "accept").status_code == 200
    assert _post(site, task_id, "assign", officer_id=scene["colleague"]).status_code == 200
    assert _post(site, task_id, "result", result="基本符合").status_code == 200
    done = _post(site, task_id, "close", result="已闭环")
    assert done.status_code == 200 and re.search(r'id="task-status"><span[^>]*>Closed<', done.text)
    for action in ("Accepted", "Assigned", "Result recorded", "Closed"):
        assert action in done.text
    refused = _post(site, task_id, "close", page="/login", result="再关一次")  # no forms left
    assert refused.status_code == 409


def test_the_business_uploads_rectification_evidence(site, db, scene):
    task_id = _task(db, scene["code"], 5, "需要整改")
    sign_in(site, scene["officer"])
    bad_date = _post(site, task_id, "rectification", deadline="soon", note="清理冰箱")
    assert bad_date.status_code == 422 and ">清理冰箱</textarea>" in bad_date.text  # kept to mend
    empty = _post(site, task_id, "rectification", deadline=days_from_today(3).isoformat(), note=" ")
    assert empty.status_code == 422 and "What must be fixed: " in empty.text  # named as labelled
    past = _post(site, task_id, "rectification", deadline="2020-01-01", note="清理冰箱并消毒")
    assert past.status_code == 422 and ">清理冰箱并消毒</textarea>" in past.text
    assert 'value="2020-01-01"' in past.text
    _post(site, task_id, "rectification", deadline=days_from_today(3).isoformat(), note="清理冰箱")
    sign_in(site, scene["shop"])
    listed = site.get("/tasks", headers=ENGLISH).text
    assert "需要整改" in listed and "全流程" not in listed
    rectify_by = f"Rectify by {days_from_today(3).isoformat()}"  # the day it must meet, not the task's
    assert rectify_by in listed
    mine = site.get("/me", headers=ENGLISH).text
    assert rectify_by in mine and f'href="/tasks/{task_id}"' in mine
    one_bad = _post(site, task_id, "evidence", note="已清理", files=[
        ("files", ("red.jpg", factories.photo(), "image/jpeg")),
        ("files", ("a.txt", b"words", "text/plain"))])
    assert one_bad.status_code == 422 and ">已清理</textarea>" in one_bad.text
    assert 'The file "a.txt" is refused. Only JPEG, PNG or WebP photos and PDF documents' in one_bad.text
    sent = _post(site, task_id, "evidence", note="已清理",
                 files=[("files", ("r.pdf", PDF, "application/pdf"))])
    assert sent.status_code == 200 and "Evidence uploaded" in sent.text
    link = re.search(r'href="(/tasks/[^"]+/files/[^"]+)"', sent.text).group(1)
    assert site.get(link).content == PDF
    assert "Close this task" not in sent.text
    assert _post(site, task_id, "close", result="自己关掉").status_code == 403
