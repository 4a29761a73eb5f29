"""The rectification loop on the task pages, plain forms only: an inspection's findings wait on the
business, the officer sends its rectification back or decides on it, and the business's page says
which, why and when."""

import re

import pytest

from tests import factories
from tests.factories import days_from_today
from tests.portal.conftest import ENGLISH, form_token, sign_in

PNG = factories.photo("PNG")


@pytest.fixture(scope="module")
def scene(db):
    return factories.rectification_scene(db)


def _post(site, task_id, action, files=None, **data):
    token = form_token(site, f"/tasks/{task_id}")
    return site.post(f"/tasks/{task_id}/{action}", data=data | {"csrf_token": token},
                     headers=ENGLISH, files=files)


def _scriptless(page: str) -> str:
    """The page as served, checked to carry no script: what a browser without one shows."""
    assert "<script" not in page
    return page


def test_the_business_reads_what_became_of_its_rectification(site, scene):
    task_id = scene["task_id"]
    sign_in(site, scene["shop"])
    listed = site.get("/tasks", headers=ENGLISH).text
    assert f'href="/tasks/{task_id}"' in listed and "Rectification after an inspection" in listed
    sent = _post(site, task_id, "evidence", note="已分区存放",
                 files=[("files", ("r.png", PNG, "image/png"))])
    assert sent.status_code == 200 and 'id="task-awaiting"' in sent.text
    assert "waiting for the officer" in sent.text and 'id="task-send_back"' not in sent.text
    assert _post(site, task_id, "send_back", reason="x").status_code == 403  # not the business's step

    sign_in(site, scene["officer"])
    page = site.get(f"/tasks/{task_id}", headers=ENGLISH).text
    assert 'id="task-send_back"' in page and 'name="rectification"' in page
    unsaid = _post(site, task_id, "close", result="复查合格")
    assert unsaid.status_code == 422 and "say whether it is accepted" in unsaid.text
    assert ">复查合格</textarea>" in unsaid.text  # kept to mend
    new_deadline = days_from_today(9).isoformat()
    back = _post(site, task_id, "send_back", reason="生熟仍在同一层", deadline=new_deadline)
    assert back.status_code == 200 and "Sent back for more rectification" in back.text

    sign_in(site, scene["shop"])
    page = _scriptless(site.get(f"/tasks/{task_id}", headers=ENGLISH).text)
    outcome = re.search(r'id="task-outcome"[^>]*>(.*?)</p>', page, re.S).group(1)
    assert "Sent back for more rectification" in outcome and "生熟仍在同一层" in outcome
    assert f"Rectify again by {new_deadline}" in outcome and "decided" in outcome
    assert 'id="task-evidence"' in page  # it can send again
    _post(site, task_id, "evidence", note="已分层存放")

    sign_in(site, scene["officer"])
    wordless = _post(site, task_id, "close", result="转立案", rectification="not_accepted")
    assert wordless.status_code == 422 and "Tell the business why" in wordless.text
    closed = _post(site, task_id, "close", result="转立案", rectification="not_accepted",
                   rectification_note="复查仍发现生熟混放")
    assert closed.status_code == 200

    sign_in(site, scene["shop"])
    page = _scriptless(site.get(f"/tasks/{task_id}", headers=ENGLISH).text)
    outcome = re.search(r'id="task-outcome"[^>]*>(.*?)</p>', page, re.S).group(1)
    assert "Rectification not accepted" in outcome and "复查仍发现生熟混放" in outcome
    assert re.search(r"decided \d{4}-\d{2}-\d{2} \d{2}:\d{2}", outcome)
    assert "Rectification not accepted, decided" in site.get("/me", headers=ENGLISH).text
