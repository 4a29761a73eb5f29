"""An entry filed under a review or an alert links to the page that shows it: its business's."""

from datetime import datetime

import pytest

from backend.audit.schemas import AuditEntryPublic
from portal.workspace.audit_page import target_link
from tests import factories

CODE = factories.valid_code()


def _entry(action: str, data: dict) -> AuditEntryPublic:
    return AuditEntryPublic(seq=1, at=datetime(2026, 3, 1), actor="officer.trail", role="officer",
                            action=action, target="65f0000000000000000000bb", data=data, intact=True)


@pytest.mark.parametrize(("action", "data", "link"), [
    ("review.escalate", {"business_code": CODE}, f"/b/{CODE}"),
    ("alert.confirm", {"business_code": CODE}, f"/b/{CODE}"),
    ("alert.confirm", {}, None),                          # an entry written before it named its business
    ("review.submit", {"business_code": "not-a-code"}, None),
    ("grid.assign", {"business_code": CODE}, None),        # only what the business's page shows
])
def test_a_record_on_a_business_links_to_its_page(action, data, link):
    assert target_link(_entry(action, data)) == link
