"""The README's way from nothing to a shop's account works as written: the business it registers,
with a credit code whose check character is right, and the account bound to it."""

import json
import re
from pathlib import Path

from backend.businesses import credit_code
from backend.users import accounts
from backend.users.schemas import Role, UserCreate
from tests import factories

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()


def test_the_registration_example_registers_a_business_an_account_can_speak_for(db, api):
    factories.unit(db, id="U-TH", districts=("天河区",))
    body = json.loads(re.search(r"-d '(\{.*?\})'", README, re.S).group(1))
    assert credit_code.is_valid(body["code"])
    admin = factories.signed_in(api, db, role=Role.ADMIN)
    response = api.post("/api/v1/businesses", json=body, headers=admin)
    assert response.status_code == 201, response.text
    command = re.search(r"--role enterprise --username (\S+) --business-code (\S+)", README)
    assert command.group(2) == body["code"]
    accounts.create(db, actor=factories.ADMIN, data=UserCreate(
        username=command.group(1), password="a-long-password", role=Role.ENTERPRISE,
        business_code=command.group(2)))
    assert api.get("/api/openapi.json").status_code == 200 and "/api/openapi.json" in README
