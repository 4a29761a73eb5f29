"""Past the candidates a longer search checks one by one, names that start with the text are
still found: they are read first, from the rarest pair's rows at its place in the text."""

from backend.businesses import search, service
from tests import factories


def test_a_name_starting_with_the_text_is_found_beyond_the_checked_candidates(db, monkeypatch):
    for i in range(3):
        factories.business(db, name=f"烧腊店{i}")  # 烧腊 first in short names: ranked first
    for i in range(4):
        factories.business(db, name=f"王烧鹅店{i}")  # 王烧 more common than 烧腊
    factories.business(db, name="老王烧腊饭店")
    wanted = factories.business(db, name="王烧腊大排档")
    monkeypatch.setattr(search, "VERIFY_AT_MOST", 2)
    found = service.search(db, text="王烧腊", page_size=10)
    assert found.data[0].code == wanted
    assert found.meta.totalCount >= 1 and found.meta.totalIsEstimate
