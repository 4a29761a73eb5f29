"""The evaluation API: who may give, list, answer and revisit; the public officer endpoints."""

import pytest

from backend.users.schemas import Role
from tests import factories


@pytest.fixture(scope="module")
def world(db, api):
    factories.unit(db, id="U-TH", districts=("天河区",))
    factories.unit(db, id="U-YX", districts=("越秀区",))
    code, other = factories.business(db), factories.business(db)
    first, second = factories.officer(db), factories.officer(db)
    far = factories.officer(db, unit_id="U-YX")
    inspection_id = factories.inspection(db, code, [first, second])
    headers = {
        "shop": factories.signed_in(api, db, role=Role.ENTERPRISE, business_code=code),
        "other shop": factories.signed_in(api, db, role=Role.ENTERPRISE, business_code=other),
        "first": factories.signed_in(api, db, role=Role.OFFICER, officer_id=first),
        "second": factories.signed_in(api, db, role=Role.OFFICER, officer_id=second),
        "far": factories.signed_in(api, db, role=Role.OFFICER, officer_id=far),
    }
    return {"code": code, "inspection": inspection_id, "first": first, "second": second,
            "headers": headers}


def _body(world, level="very_dissatisfied", officer="first"):
    return {"inspection_id": world["inspection"], "officer_id": world[officer], "level": level,
            "comment": "检查时态度生硬"}


def test_another_business_cannot_evaluate_and_anonymous_must_sign_in(api, world):
    assert api.post("/api/v1/evaluations", json=_body(world)).status_code == 401
    response = api.post("/api/v1/evaluations", json=_body(world),
                        headers=world["headers"]["other shop"])
    assert response.status_code == 403
    assert "only act for its own business" in response.json()["detail"]


def test_evaluate_answer_and_revisit_through_the_api(api, world):
    headers = world["headers"]
    created = api.post("/api/v1/evaluations", json=_body(world), headers=headers["shop"])
    assert created.status_code == 201, created.text
    evaluation = created.json()
    assert evaluation["bad"] and evaluation["follow_up"]["status"] == "open"
    again = api.post("/api/v1/evaluations", json=_body(world, "satisfied"), headers=headers["shop"])
    assert again.status_code == 409

    task = api.get(f"/api/v1/tasks/{evaluation['follow_up']['task_id']}", headers=headers["second"])
    assert task.json()["source"] == "evaluation_follow_up"
    assert api.get(f"/api/v1/tasks/{evaluation['follow_up']['task_id']}",
                   headers=headers["other shop"]).status_code == 403

    answer = {"text": "感谢监督，今后注意沟通方式。"}
    path = f"/api/v1/evaluations/{evaluation['id']}"
    assert api.post(f"{path}/answer", json=answer, headers=headers["second"]).status_code == 403
    assert api.post(f"{path}/answer", json=answer, headers=headers["first"]).status_code == 200
    revisit = {"rectified": True, "note": "已回访，企业认可整改"}
    assert api.post(f"{path}/revisit", json=revisit, headers=headers["far"]).status_code == 403
    assert api.post(f"{path}/revisit", json=revisit, headers=headers["first"]).status_code == 403
    done = api.post(f"{path}/revisit", json=revisit, headers=headers["second"])
    assert done.status_code == 200 and done.json()["follow_up"]["status"] == "rectified"

    public = api.get(f"/api/v1/officers/{world['first']}/evaluations").json()
    assert public["meta"]["totalCount"] == 1
    assert public["data"][0]["answer"]["text"] == answer["text"]
    summary = api.get(f"/api/v1/officers/{world['first']}/evaluations/summary").json()
    assert (summary["bad"], summary["bad_rectified"]) == (1, 1)
    profile = api.get(f"/api/v1/officers/{world['first']}").json()
    assert profile["evaluations"]["bad_rectified"] == 1
    assert profile["consistency"]["sample_size"] == 0


def test_each_sees_only_its_own_in_the_list(api, world):
    headers = world["headers"]
    assert api.get("/api/v1/evaluations", headers=headers["shop"]).json()["meta"]["totalCount"] >= 1
    assert api.get("/api/v1/evaluations", headers=headers["other shop"]).json()["data"] == []
    assert api.get("/api/v1/evaluations", headers=headers["far"]).json()["data"] == []
    assert api.get("/api/v1/evaluations").status_code == 401


@pytest.mark.parametrize("path", ["/api/v1/officers/NOBODY/evaluations",
                                  "/api/v1/officers/NOBODY/evaluations/summary"])
def test_an_unknown_officers_evaluations_are_not_found(api, path):
    response = api.get(path)
    assert response.status_code == 404 and "NOBODY" in response.json()["detail"]
