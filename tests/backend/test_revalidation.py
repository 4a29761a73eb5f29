"""Open data re-read cheaply: ETag on the API's JSON answers, 304 when nothing changed."""

import pytest

from backend.revalidation import etag_of, matches
from backend.users.schemas import Role
from tests import factories


def test_an_unchanged_answer_is_not_sent_again(api, db):
    factories.business(db)
    first = api.get("/api/v1/businesses?pageSize=5")
    etag = first.headers["etag"]
    assert etag.startswith('W/"') and first.headers["cache-control"] == "public, no-cache"
    assert {"Accept-Language", "Authorization"} <= {v.strip() for v in first.headers["vary"].split(",")}
    again = api.get("/api/v1/businesses?pageSize=5", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag and "content-type" not in again.headers
    head = api.head("/api/v1/businesses?pageSize=5", headers={"If-None-Match": etag})
    assert head.status_code == 304


def test_a_change_gives_a_new_etag_and_the_whole_answer(api, db):
    etag = api.get("/api/v1/businesses?pageSize=50").headers["etag"]
    factories.business(db)
    changed = api.get("/api/v1/businesses?pageSize=50", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag and changed.json()["data"]


def test_gzipped_and_plain_answers_share_the_weak_tag(api, db):
    factories.business(db)
    plain = api.get("/api/v1/businesses?pageSize=50", headers={"Accept-Encoding": "identity"})
    zipped = api.get("/api/v1/businesses?pageSize=50", headers={"Accept-Encoding": "gzip"})
    assert plain.headers["etag"] == zipped.headers["etag"]


def test_what_is_not_marked(api, db):
    missing = api.get(f"/api/v1/businesses/{factories.valid_code(99)}")
    assert missing.status_code == 404 and "etag" not in missing.headers
    export = api.get("/api/v1/export/businesses.csv")
    assert "etag" not in export.headers   # a streamed export goes out as it is built
    written = api.post("/api/v1/complaints", json={})
    assert "etag" not in written.headers


def test_an_answer_to_a_token_is_private(api, db):
    headers = factories.signed_in(api, db, role=Role.ADMIN)
    mine = api.get("/api/v1/auth/me", headers=headers)
    assert mine.status_code == 200
    assert mine.headers["cache-control"] == "private, no-cache"


@pytest.mark.parametrize(("header", "hit"), [
    (None, False), ("", False), ('W/"abc"', True), ('"abc"', True), ('"x", W/"abc"', True),
    ("*", True), ('W/"abd"', False)])
def test_if_none_match_weak_comparison(header, hit):
    assert matches(header, 'W/"abc"') is hit


def test_the_tag_is_of_the_body():
    assert etag_of(b"{}") == etag_of(b"{}") != etag_of(b"[]")
