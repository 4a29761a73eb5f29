"""The saved versions of the list criteria: paged newest first, and each edition's version by number."""

import pytest

from backend.lists import service as lists
from backend.lists.schemas import DEFAULT_CRITERIA, CriteriaUpdate, ListKind
from tests import factories

HISTORY = "/api/v1/lists/criteria/history"


@pytest.fixture(scope="module")
def saved(db):
    for note in ("第一版", "第二版", "第三版"):
        lists.update_criteria(db, actor=factories.ADMIN, data=CriteriaUpdate(
            criteria=[c for c in DEFAULT_CRITERIA if c.list != ListKind.RED], note=note))


def test_the_history_pages_newest_first(db, saved):
    pages = [lists.criteria_history(db, page_number=number, page_size=2) for number in (1, 2, 3)]
    assert [[version.note for version in found.data] for found in pages] == [
        ["第三版", "第二版"], ["第一版"], []]
    assert {(found.meta.totalCount, found.meta.totalPages) for found in pages} == {(3, 2)}


def test_the_api_answers_data_and_meta(api, saved):
    body = api.get(HISTORY, params={"pageSize": 2, "pageNumber": 2}).json()
    assert [row["version"] for row in body["data"]] == [1]
    assert body["meta"] == {
        "totalCount": 3, "totalPages": 2, "pageSize": 2, "pageNumber": 2, "nextCursor": None,
        "totalIsEstimate": False}
    assert [row["version"] for row in api.get(HISTORY).json()["data"]] == [3, 2, 1]


@pytest.mark.parametrize(("params", "refused"), [
    ({"limit": 1}, "limit"), ({"pageSize": 0}, "pageSize"), ({"pageNumber": [1, 2]}, "pageNumber")])
def test_other_paging_is_refused_not_ignored(api, saved, params, refused):
    response = api.get(HISTORY, params=params)
    assert response.status_code == 422 and response.json()["detail"].startswith(f"{refused}: ")


@pytest.mark.parametrize(("version", "rules"), [
    (0, len(DEFAULT_CRITERIA)),  # the shipped default, never saved
    (2, len(DEFAULT_CRITERIA) - 1),
    (99, 0),  # no such version: no criteria to name
])
def test_an_editions_criteria_by_their_version(db, saved, version, rules):
    assert len(lists.criteria_of_version(db, version)) == rules
