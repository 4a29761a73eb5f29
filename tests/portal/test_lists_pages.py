"""/lists, /lists/<edition> and the QR page's black-list notice, in the first HTML response."""

from datetime import datetime

import pytest

from backend.lists import service as lists
from backend.lists.schemas import EditionPublish
from tests import factories
from tests.portal.conftest import ENGLISH


@pytest.fixture(scope="module")
def listed(db):
    code = factories.business(db, name="黑榜小馆")
    number = factories.penalty(db, code, measures=("suspension",), days_ago=5)
    edition = lists.publish(db, actor=factories.ADMIN, data=EditionPublish())
    return code, number, edition


def test_lists_page_shows_the_current_edition_and_why(site, listed):
    code, number, edition = listed
    text = site.get("/lists", headers=ENGLISH).text
    assert "黑榜小馆" in text and number in text
    assert edition.hash in text
    # the entry's criterion in words, not its id
    entry = text[text.index(f'href="/b/{code}">黑榜小馆'):]
    criterion = entry[entry.index("Criterion"):entry.index("Reason")]
    assert "A serious penalty (suspension, confiscation or licence revoked) within 365 days" in criterion
    assert "b-serious" not in criterion
    assert 'href="/lists/1"' in text
    added = text[text.index("Added since the previous edition"):]
    assert f'Black list: <a href="/b/{code}">黑榜小馆</a>' in added[:added.index("</dd>")]
    assert f"black:{code}" not in text


@pytest.mark.parametrize("stored, shown", [
    ("excellent: 96 (2026-08-04)", "Quantified grade Excellent: 96 points on 2026-08-04"),
    ("non_compliant: 2026-01-05, 2026-03-09", "Non-compliant inspections on 2026-01-05, 2026-03-09"),
    ("(2026)穗天市监罚〔2026〕12号 (2026-05-01)", "(2026)穗天市监罚〔2026〕12号 (2026-05-01)"),
])
def test_an_entrys_reason_reads_in_words(stored, shown):
    from backend import i18n
    from portal.components.lists import reason_text

    with i18n.language("en"):
        assert reason_text(stored) == shown


def test_an_edition_has_its_own_page_and_unknown_ones_are_404(site, listed):
    response = site.get("/lists/1", headers=ENGLISH)
    assert response.status_code == 200 and "List edition 1" in response.text
    assert "b-serious" not in response.text.split("Criterion", 1)[1].split("Reason", 1)[0]
    missing = site.get("/lists/99", headers=ENGLISH)
    assert missing.status_code == 404 and "There is no edition 99." in missing.text


@pytest.mark.parametrize("asked", ["0", "-1", "abc", "00"])
def test_an_edition_number_that_cannot_be_one_says_so(site, listed, asked):
    response = site.get(f"/lists/{asked}", headers=ENGLISH)
    assert response.status_code == 404
    assert "There is no such edition: editions are numbered 1, 2, 3 and so on." in response.text
    assert "—" not in response.text.split('id="react-entry-point"')[1]


def test_the_qr_page_shows_the_black_listing_with_the_repair_countdown(site, listed):
    code, number, _ = listed
    text = site.get(f"/b/{code}", headers=ENGLISH).text
    assert "on-black-list" in text and "Black list, edition 1" in text
    assert "(365 days left)" in text
    assert "Risk level" in text


def test_entries_download_as_csv(site, listed):
    code, *_ = listed
    response = site.get("/api/v1/lists/editions/1/entries?format=csv")
    black = site.get("/api/v1/lists/editions/1/entries?format=csv&list=black")
    assert 'filename="list-edition-1-black.csv"' in black.headers["content-disposition"]
    assert response.headers["content-type"].startswith("text/csv")
    lines = response.text.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("edition,list,business_code") and code in lines[1]


def test_entries_are_a_paged_list_in_json(site, listed):
    code, *_ = listed
    body = site.get("/api/v1/lists/editions/1/entries", params={"list": "black", "pageSize": 1}).json()
    assert [row["business_code"] for row in body["data"]] == [code]
    assert (body["meta"]["totalCount"], body["meta"]["pageSize"]) == (1, 1)


def test_editions_are_paged_open_data(site, listed):
    body = site.get("/api/v1/lists/editions").json()
    assert body["meta"]["totalCount"] == 1 and body["data"][0]["black_count"] == 1
    lines = site.get("/api/v1/lists/editions?format=csv").text.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("number,cut_off,published_at") and len(lines) == 2
    published_at = lines[1].split(",")[2]
    assert datetime.fromisoformat(published_at).utcoffset() is not None  # a moment, with its offset


@pytest.mark.parametrize("path", ["/api/v1/lists/editions/999999999999999999999999",
                                  "/api/v1/lists/editions/-99999999999999999999",
                                  "/api/v1/lists/editions/999999999999999999999999/entries"])
def test_an_impossible_edition_number_is_refused_in_words(site, listed, path):
    response = site.get(path, headers=ENGLISH)
    assert response.status_code == 422 and response.json()["detail"].startswith("number: Must be ")
