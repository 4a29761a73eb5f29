"""Recording penalty decisions: one record per decision number, never dated ahead."""

import json

import pytest

from backend.users.schemas import Role
from tests import factories

PENALTIES = "/api/v1/penalties"


@pytest.fixture(scope="module")
def desk(db, api):
    code = factories.business(db)
    headers = factories.signed_in(api, db, role=Role.OFFICER, officer_id=factories.officer(db))
    return {"code": code, "headers": headers}


def decision(desk, number: str, **changes):
    return {"business_code": desk["code"], "decision_number": number,
            "facts": "经营超过保质期的食品", "legal_basis": "《食品安全法》第一百二十四条",
            "measures": ["warning"], "fine_yuan": 0,
            "decided_on": str(factories.days_from_today(-3))} | changes


@pytest.mark.parametrize("changes, days", [
    ({"measures": ["warning"]}, 90),
    ({"measures": ["fine"], "fine_yuan": 3000}, 90),
    ({"measures": ["fine"], "fine_yuan": 30000}, 3 * 365),
    ({"measures": ["licence_revocation"]}, 3 * 365),
])
def test_a_decision_is_published_with_its_publication_period(api, desk, changes, days):
    serial = f"{days}{len(changes)}{changes.get('fine_yuan', 0) // 10000}"
    number = f"穗天市监罚〔{factories.days_from_today(-3).year}〕{serial}号"
    response = api.post(PENALTIES, json=decision(desk, number, **changes), headers=desk["headers"])
    assert response.status_code == 201, response.text
    assert response.json()["public_until"] == str(factories.days_from_today(days - 3))
    shown = api.get(f"/api/v1/businesses/{desk['code']}").json()["penalties"]
    assert number in [row["decision_number"] for row in shown]


YEAR = factories.days_from_today(-3).year  # the year of decision(): numbers carry it
NUMBER = f"穗天市监罚〔{YEAR}〕77号"


def test_a_decision_number_is_recorded_once(db, api, desk):
    body = decision(desk, NUMBER)
    assert api.post(PENALTIES, json=body, headers=desk["headers"]).status_code == 201
    again = api.post(PENALTIES, json=body | {"facts": "另一事实"}, headers=desk["headers"])
    assert again.status_code == 409
    assert again.json() == {"detail": f"Penalty decision {NUMBER} is already recorded.",
                            "error": "Conflict"}
    assert db.penalties.count_documents({"decision_number": NUMBER}) == 1


@pytest.mark.parametrize("changes, message", [
    ({"decided_on": +1}, "A penalty decision cannot be dated in the future."),  # days from today
    ({"measures": []}, "measures: "),
    ({"measures": ["public_shaming"]}, "measures.0: "),
    ({"fine_yuan": -1}, "fine_yuan: "),
    ({"measures": ["fine"], "fine_yuan": 0.001}, "at most two decimals"),   # was published as a fine
    ({"facts": ""}, "facts: "),
    ({"decision_number": "罚1"}, "decision_number: "),
    ({"business_code": "91350100M000100Y4"}, "18 characters"),
])
def test_unsound_decisions_are_refused_readably(api, desk, changes, message):
    # a day from today counted when the test runs, not when it is collected (midnight between)
    changes = {k: str(factories.days_from_today(v)) if k == "decided_on" else v for k, v in changes.items()}
    response = api.post(PENALTIES, json=decision(desk, f"穗天市监罚〔{YEAR}〕88号", **changes),
                        headers=desk["headers"])
    assert response.status_code == 422, response.text
    assert message in response.json()["detail"]


def test_an_old_minor_decision_is_kept_but_not_shown(db, api, desk):
    decided_on = factories.days_from_today(-91)
    number = f"穗天市监罚〔{decided_on.year}〕5号"
    body = decision(desk, number, decided_on=str(decided_on))
    response = api.post(PENALTIES, json=body, headers=desk["headers"])
    assert response.status_code == 201
    shown = api.get(f"/api/v1/businesses/{desk['code']}").json()["penalties"]
    assert number not in [row["decision_number"] for row in shown]
    assert db.penalties.count_documents({"decision_number": number}) == 1


def test_a_fine_that_is_not_a_number_is_called_so(api, desk):
    """JSON has no NaN, but Python's reader takes one: the bound check said "at most 1000000000"."""
    body = json.dumps(decision(desk, f"穗天市监罚〔{YEAR}〕89号", fine_yuan=0))
    response = api.post(PENALTIES, content=body.replace('"fine_yuan": 0', '"fine_yuan": NaN'),
                        headers=desk["headers"] | {"content-type": "application/json"})
    assert response.status_code == 422 and "fine_yuan: Must be a number." in response.json()["detail"]
