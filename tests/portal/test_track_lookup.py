"""A tracking code that finds nothing: the lookup box comes back holding what was typed, so the
reader corrects it instead of starting again (still a 404, as the address names nothing)."""

import re

import pytest

from tests.portal.conftest import ENGLISH


def _box(page: str) -> str:
    """The lookup form's code field."""
    form = page[page.index('action="/track"'):]
    return re.search(r"<input[^>]*>", form[:form.index("</form>")]).group(0)


@pytest.mark.parametrize("address, typed", [
    ("/track?code=ABC", "ABC"),  # too short: answered where it was asked, no redirect
    ("/track?code=abc%2Fd", "abc/d"),  # a "/" could not travel in /track/<code>
    ("/track/23456789ABC", "23456789ABC"),  # one character missing
    ("/track/23456789ABCD", "23456789ABCD"),  # well formed, but nobody's
    ("/track/2345/6789", "2345/6789"),  # typed into the address with a "/"
])
def test_a_code_that_finds_nothing_comes_back_in_the_box(site, db, address, typed):
    response = site.get(address, headers=ENGLISH, follow_redirects=True)
    assert response.status_code == 404
    page = response.text
    assert "Complaint not found" in page and f"No complaint has the tracking code {typed}" in page
    box = _box(page)
    assert 'name="code"' in box and f'value="{typed}"' in box
    assert "<title>Complaint not found" in page and "There is no page at this address" not in page


def test_the_empty_box_and_a_found_code_are_as_before(site, db):
    empty = site.get("/track", headers=ENGLISH)
    assert empty.status_code == 200 and "Follow a complaint" in empty.text
    assert "Complaint not found" not in empty.text and 'name="code"' in _box(empty.text)
    redirect = site.get("/track?code=23456789abcd", follow_redirects=False)
    assert redirect.status_code == 303 and redirect.headers["location"] == "/track/23456789ABCD"


def test_what_was_typed_comes_back_as_text(site, db):
    page = site.get("/track", params={"code": '<b>"x'}, headers=ENGLISH).text
    assert "<b>" not in page and 'value="&lt;b&gt;&quot;x"' in _box(page)
