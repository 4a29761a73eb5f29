"""A schema-driven fuzz run over every API operation: valid and invalid requests generated from
the OpenAPI document, anonymous and with officer, enterprise and administrator tokens. No answer
may be a 5xx, and every answer must conform to the document (status codes, content, bodies).
The seed is fixed (derandomized), so a run is reproducible."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from backend.main import create_app
from backend.users.schemas import Role
from tests import factories

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]
APP = create_app()  # requests read the database named by the settings, i.e. this module's
SCHEMA = schemathesis.openapi.from_asgi("/api/openapi.json", APP)
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]


@pytest.fixture(scope="module")
def tokens(db):
    from fastapi.testclient import TestClient

    factories.unit(db, id="U-TH", districts=("天河区",))
    code = factories.business(db, district="天河区")
    officer_id = factories.officer(db, unit_id="U-TH")
    users = {"officer": factories.user(db, role=Role.OFFICER, officer_id=officer_id),
             "enterprise": factories.user(db, role=Role.ENTERPRISE, business_code=code),
             "admin": factories.user(db, role=Role.ADMIN)}
    with TestClient(APP) as client:
        headers = {role: factories.token(client, name) for role, name in users.items()}
    db.rate_limits.drop()  # the fuzz run may post many anonymous writes from one address
    return {"anonymous": {}, **headers}


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda operation: operation.label)
def test_no_server_errors_and_answers_match_the_document(operation, tokens, db):
    @given(case=operation.as_strategy())
    @settings(max_examples=12, derandomize=True, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def each(case):
        for headers in tokens.values():
            case.call_and_validate(headers={**headers, "Accept-Language": "en"}, checks=CHECKS)

    each()
