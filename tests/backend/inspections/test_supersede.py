"""A new inspection ends the publication of the same business's earlier ones, and no other's."""

from tests import factories


def test_a_new_inspection_supersedes_only_its_own_business(db):
    officers = [factories.officer(db), factories.officer(db)]
    mine, other = factories.business(db), factories.business(db)
    old_mine = factories.inspection(db, mine, officers, days_ago=30)
    old_other = factories.inspection(db, other, officers, days_ago=30)
    factories.inspection(db, mine, officers, days_ago=1)
    stored = {str(row["_id"]): row.get("superseded_on") for row in db.inspections.find()}
    assert stored[old_mine] is not None
    assert stored[old_other] is None
