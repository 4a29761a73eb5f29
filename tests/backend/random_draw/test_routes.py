"""Random draw plans through the API: who may do what, publish before draw, tasks, verification."""

import json

import pytest

from backend.random_draw import __main__ as cli
from backend.random_draw import algorithm
from backend.users.schemas import Role
from tests import factories


@pytest.fixture(scope="module")
def world(db, api):
    factories.unit(db, id="U-TH", districts=("天河区",))
    officers = [factories.officer(db, unit_id="U-TH", name=f"执法{n}") for n in range(5)]
    codes = [factories.business(db, district="天河区") for _ in range(25)]
    factories.inspection(db, codes[0], officers[2:4], days_ago=30)
    factories.inspection(db, codes[0], officers[:2])  # the latest team: codes[0]'s previous inspectors
    factories.penalty(db, codes[1])
    return {
        "codes": codes, "officers": officers, "outside": factories.business(db, district="越秀区"),
        "admin": factories.signed_in(api, db, role=Role.ADMIN),
        "officer": factories.signed_in(api, db, role=Role.OFFICER, officer_id=officers[2]),
        "enterprise": factories.signed_in(api, db, role=Role.ENTERPRISE, business_code=codes[0]),
    }


def _plan(api, world, **fields):
    body = {"name": "2026年第四季度餐饮双随机抽查", "unit_id": "U-TH", "base_ratio": 0.2} | fields
    response = api.post("/api/v1/random-draws", json=body, headers=world["admin"])
    assert response.status_code == 201, response.text
    return response.json()["id"]


def _publish_and_run(api, world, plan_id):
    published = api.post(f"/api/v1/random-draws/{plan_id}/publish", headers=world["admin"])
    assert published.status_code == 200, published.text
    ran = api.post(f"/api/v1/random-draws/{plan_id}/run", headers=world["admin"])
    assert ran.status_code == 200, ran.text
    return ran.json()


@pytest.fixture(scope="module")
def drawn(api, world):
    api.post("/api/v1/random-draws/conflicts", headers=world["officer"], json={
        "officer_id": world["officers"][2], "business_code": world["codes"][2], "reason": "亲属经营"})
    return _publish_and_run(api, world, _plan(api, world))


@pytest.mark.parametrize("who", [None, "officer", "enterprise"])
def test_only_administrators_create_publish_and_run(api, world, who):
    headers = world[who] if who else {}
    status = 401 if who is None else 403
    body = {"name": "越权计划", "unit_id": "U-TH"}
    assert api.post("/api/v1/random-draws", json=body, headers=headers).status_code == status
    plan_id = _plan(api, world)
    for step in ("publish", "run"):
        assert api.post(f"/api/v1/random-draws/{plan_id}/{step}", headers=headers).status_code == status


def test_drafts_are_not_public(api, world):
    plan_id = _plan(api, world)
    assert api.get(f"/api/v1/random-draws/{plan_id}").status_code == 404
    assert api.get(f"/api/v1/random-draws/{plan_id}/register").status_code == 404
    assert plan_id not in [p["id"] for p in api.get("/api/v1/random-draws").json()["data"]]
    assert api.get(f"/api/v1/random-draws/{plan_id}", headers=world["admin"]).status_code == 200


def test_plans_are_listed_newest_first_a_page_at_a_time(api, world):
    ids = [_plan(api, world) for _ in range(3)]  # drafts: the administrator's list holds them
    first = api.get("/api/v1/random-draws", params={"pageSize": 2}, headers=world["admin"]).json()
    second = api.get("/api/v1/random-draws", params={"pageSize": 2, "pageNumber": 2},
                     headers=world["admin"]).json()
    assert [p["id"] for p in first["data"]] == ids[::-1][:2] and second["data"][0]["id"] == ids[0]
    assert first["meta"]["totalCount"] >= 3 and first["meta"]["totalPages"] >= 2


def test_a_list_of_plans_gives_a_drawn_plans_count_not_an_empty_result(api, drawn):
    """Lists carry no plan's drawn businesses: `drawn: []` beside `drawn_count` read as none drawn."""
    listed = next(plan for plan in api.get("/api/v1/random-draws", params={"pageSize": 100}).json()["data"]
                  if plan["id"] == drawn["id"])
    assert listed["drawn"] is None and listed["drawn_count"] == len(drawn["drawn"]) > 0


def test_plan_outside_the_units_districts_is_refused(api, world):
    body = {"name": "越区计划", "unit_id": "U-TH", "districts": ["越秀区"]}
    assert api.post("/api/v1/random-draws", json=body, headers=world["admin"]).status_code == 422


def test_publishing_puts_hash_weights_and_seed_out_before_the_draw(api, world):
    plan_id = _plan(api, world)
    published = api.post(f"/api/v1/random-draws/{plan_id}/publish", headers=world["admin"]).json()
    assert published["status"] == "published" and published["drawn"] == []
    assert len(published["seed"]) == 32 and published["weights"]["risk"]["D"] == 3.0
    public = api.get(f"/api/v1/random-draws/{plan_id}").json()
    register = api.get(f"/api/v1/random-draws/{plan_id}/register").json()
    assert algorithm.register_hash(register) == public["register_hash"]
    assert len(register["businesses"]) == public["register_size"] >= 25
    again = api.post(f"/api/v1/random-draws/{plan_id}/publish", headers=world["admin"])
    assert again.status_code == 409
    assert api.post(f"/api/v1/random-draws/{plan_id}/run", headers=world["admin"]).status_code == 200


def test_a_plan_over_the_same_businesses_waits_until_the_published_one_is_drawn(api, world):
    """Each register counts the draws made before it: two published at once would both miss the
    other's, and a business could be drawn a third time in the year."""
    first, second = _plan(api, world), _plan(api, world)
    assert api.post(f"/api/v1/random-draws/{first}/publish", headers=world["admin"]).status_code == 200
    refused = api.post(f"/api/v1/random-draws/{second}/publish", headers=world["admin"])
    assert refused.status_code == 409 and first in refused.json()["detail"]
    assert api.get(f"/api/v1/random-draws/{second}", headers=world["admin"]).json()["status"] == "draft"
    assert api.post(f"/api/v1/random-draws/{first}/run", headers=world["admin"]).status_code == 200
    assert api.post(f"/api/v1/random-draws/{second}/publish", headers=world["admin"]).status_code == 200
    assert api.post(f"/api/v1/random-draws/{second}/run", headers=world["admin"]).status_code == 200


def test_run_draws_from_the_published_register_and_creates_tasks(db, api, world, drawn):
    assert drawn["status"] == "drawn" and drawn["results_due"]
    register = api.get(f"/api/v1/random-draws/{drawn['id']}/register").json()
    expected = algorithm.draw(register, drawn["seed"])
    assert [t["business_code"] for t in drawn["drawn"]] == [t["business_code"] for t in expected]
    assert len(drawn["drawn"]) == algorithm.draw_count(register) >= 5
    tasks = list(db.tasks.find({"source": "random_draw", "ref": drawn["id"]}))
    assert sorted(t["business_code"] for t in tasks) == sorted(t["business_code"]
                                                             for t in drawn["drawn"])
    again = api.post(f"/api/v1/random-draws/{drawn['id']}/run", headers=world["admin"])
    assert again.status_code == 409


def test_register_records_previous_inspectors_conflicts_and_credit(api, world, drawn):
    register = api.get(f"/api/v1/random-draws/{drawn['id']}/register").json()
    first = next(b for b in register["businesses"] if b["code"] == world["codes"][0])
    assert first["previous_inspectors"] == sorted(world["officers"][:2])
    penalised = next(b for b in register["businesses"] if b["code"] == world["codes"][1])
    assert penalised["penalty"] and penalised["weight"] == 1.5 * 2.0  # catering = B, penalty x2
    assert [world["officers"][2], world["codes"][2]] in register["conflicts"]
    for target in drawn["drawn"]:
        business = next(b for b in register["businesses"] if b["code"] == target["business_code"])
        assert not set(target["officer_ids"]) & set(business["previous_inspectors"])
        assert [target["officer_ids"][0], target["business_code"]] not in register["conflicts"]
    graded = 0
    for entry in register["businesses"]:  # the risk level the public record shows, where graded
        shown = ((api.get(f"/api/v1/businesses/{entry['code']}").json().get("standing") or {})
                 .get("risk") or {}).get("band")
        assert shown is None or entry["risk_level"] == shown
        graded += shown is not None
    assert graded


def test_a_business_is_drawn_at_most_twice_a_year(api, world, drawn):
    plans = [_publish_and_run(api, world, _plan(api, world, base_ratio=1.0)) for _ in range(2)]
    third = _plan(api, world, base_ratio=1.0)
    api.post(f"/api/v1/random-draws/{third}/publish", headers=world["admin"])
    register = api.get(f"/api/v1/random-draws/{third}/register").json()
    twice = {b["code"] for b in register["businesses"] if b["draws_this_year"] >= 2}
    assert twice and all(not b["eligible"] for b in register["businesses"] if b["code"] in twice)
    assert all(len(plan["drawn"]) > 0 for plan in plans)
    published = api.get(f"/api/v1/random-draws/{third}/verification").json()
    assert published | {"plan_id": ""} == {"plan_id": "", "drawn": False, "register_hash_matches": True,
                                           "result_matches": None, "match": None}
    assert api.post(f"/api/v1/random-draws/{third}/run", headers=world["admin"]).status_code == 200


def test_verify_says_match_then_mismatch_after_tampering(db, api, world, drawn, capsys,
                                                         monkeypatch):
    monkeypatch.setattr("backend.database.close", lambda: None)  # the test session owns it
    assert cli.main(["verify", drawn["id"]]) == 0
    assert capsys.readouterr().out.strip().endswith("MATCH")
    assert api.get(f"/api/v1/random-draws/{drawn['id']}/verification").json()["match"] is True
    original = db.draw_plans.find_one({"_id": drawn["id"]})["drawn"]
    swapped = [dict(original[0], officer_ids=list(reversed(original[0]["officer_ids"])))]
    db.draw_plans.update_one({"_id": drawn["id"]}, {"$set": {"drawn": swapped + original[1:]}})
    assert cli.main(["verify", drawn["id"]]) == 1
    assert "result DOES NOT MATCH" in capsys.readouterr().out
    db.draw_plans.update_one({"_id": drawn["id"]}, {"$set": {"drawn": original}})


def test_anyone_verifies_from_the_published_files(api, drawn, tmp_path, capsys):
    plan = api.get(f"/api/v1/random-draws/{drawn['id']}").json()
    register = api.get(f"/api/v1/random-draws/{drawn['id']}/register").json()
    (tmp_path / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    (tmp_path / "register.json").write_text(json.dumps(register, ensure_ascii=False),
                                            encoding="utf-8")
    args = ["verify", drawn["id"], "--plan", str(tmp_path / "plan.json"),
            "--register", str(tmp_path / "register.json")]
    assert cli.main(args) == 0
    register["businesses"][0]["weight"] += 1
    (tmp_path / "register.json").write_text(json.dumps(register), encoding="utf-8")
    assert cli.main(args) == 1
    assert "register hash DOES NOT MATCH" in capsys.readouterr().out
    with pytest.raises(SystemExit, match=f"is plan {drawn['id']}, not RD-1999-001"):  # not another's
        cli.main(["verify", "RD-1999-001", *args[2:]])
    (tmp_path / "plan.json").write_text("{", encoding="utf-8")
    with pytest.raises(SystemExit, match="not the JSON the API publishes"):
        cli.main(args)


def test_officers_declare_only_their_own_conflicts(api, world):
    body = {"officer_id": world["officers"][3], "business_code": world["codes"][3], "reason": "朋友"}
    assert api.post("/api/v1/random-draws/conflicts", json=body,
                    headers=world["officer"]).status_code == 403
    assert api.post("/api/v1/random-draws/conflicts", json=body,
                    headers=world["enterprise"]).status_code == 403
    assert api.post("/api/v1/random-draws/conflicts", json=body,
                    headers=world["admin"]).status_code == 204
    elsewhere = {"officer_id": world["officers"][2], "business_code": world["outside"], "reason": "朋友"}
    refused = api.post("/api/v1/random-draws/conflicts", json=elsewhere, headers=world["officer"])
    assert refused.status_code == 403 and "越秀区" in refused.json()["detail"]


def test_a_register_is_stored_in_parts_and_read_back_whole(db, api, world, monkeypatch):
    """A big scope's register would not fit in one document (16 MB): its businesses are stored
    in parts; the register read back, and its hash, are those published."""
    from backend.random_draw import repository

    monkeypatch.setattr(repository, "REGISTER_PART", 4)
    plan_id = _plan(api, world)
    _publish_and_run(api, world, plan_id)
    plan = api.get(f"/api/v1/random-draws/{plan_id}").json()
    register = api.get(f"/api/v1/random-draws/{plan_id}/register").json()
    assert len(register["businesses"]) == 25 and db.draw_registers.find_one({"_id": plan_id})["parts"] == 7
    assert [b["code"] for b in register["businesses"]] == sorted(b["code"] for b in register["businesses"])
    assert algorithm.register_hash(register) == plan["register_hash"]
    assert api.get(f"/api/v1/random-draws/{plan_id}/verification").json()["match"] is True
    whole = repository.register(db, plan_id)  # a register saved whole before parts still reads
    db.draw_registers.replace_one({"_id": plan_id}, {"_id": plan_id, "register": whole})
    assert api.get(f"/api/v1/random-draws/{plan_id}/verification").json()["match"] is True


def test_a_mistyped_field_is_refused_not_ignored(api, world):
    """Publishing cannot be undone and a plan's scope defaults to the whole unit: a typo is named."""
    wide = api.post("/api/v1/random-draws", headers=world["admin"], json={
        "name": "错字计划", "unit_id": "U-TH", "district": ["不存在区"]})
    assert wide.status_code == 422 and "district" in wide.json()["detail"]
    plan_id = _plan(api, world)
    typo = api.post(f"/api/v1/random-draws/{plan_id}/publish", headers=world["admin"],
                    json={"drawon": "2027-01-05"})
    assert typo.status_code == 422 and "drawon" in typo.json()["detail"]
    assert api.get(f"/api/v1/random-draws/{plan_id}", headers=world["admin"]).json()["status"] == "draft"
