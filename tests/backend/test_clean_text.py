"""Text in JSON writes: NFC-normalised, and control, private-use or unassigned characters refused."""

import json

import pytest
from pydantic import ValidationError

from backend.alerts.schemas import AlertDismiss
from backend.cameras.schemas import CameraCreate
from backend.clean_text import BadCharacter, clean
from backend.objections.schemas import ObjectionCreate
from backend.reviews.schemas import ReplyCreate
from backend.tasks.schemas import TaskClose
from backend.users.schemas import Role
from tests import factories


@pytest.mark.parametrize("text, cleaned", [
    ("e\u0301", "\u00e9"),  # decomposed é becomes one character (NFC)
    ("第一行\n第二行\t", "第一行\n第二行\t"),  # line breaks and tabs are text
    ("ＪＹ１２", "ＪＹ１２"),  # NFC keeps full-width forms (NFKC would not)
])
def test_clean_text_table(text, cleaned):
    assert clean({"a": [text]}) == {"a": [cleaned]}


@pytest.mark.parametrize("text, character", [
    ("bad\x00nul", "U+0000"), ("bell\x07", "U+0007"), ("private\ue000use", "U+E000"),
    ("unassigned\U000e0fff", "U+E0FFF"),
])
def test_refused_characters_are_named(text, character):
    with pytest.raises(BadCharacter) as refused:
        clean({"outer": {"number": text}})
    assert refused.value.field == "outer.number" and refused.value.character == character


def test_a_write_with_a_control_character_is_a_readable_422_and_stores_nothing(api, db):
    headers = factories.token(api, factories.user(db, role=Role.ADMIN))
    code = factories.business(db)
    body = {"kind": "business_licence", "number": "00\x0700", "issued_on": "2024-01-01"}
    response = api.post(f"/api/v1/businesses/{code}/licences", json=body, headers=headers)
    assert response.status_code == 422
    assert response.json()["detail"] == ("number: text may not contain control, private-use or "
                                         "unassigned characters (found U+0007).")
    assert db.licences.count_documents({"business_code": code}) == 0


@pytest.mark.parametrize("content_type", [
    "Application/JSON", "application/json; charset=utf-8", "application/merge-patch+json"])
def test_every_json_spelling_is_cleaned(api, db, content_type):
    code = factories.business(db)
    response = api.post(f"/api/v1/businesses/{code}/reviews", headers={"content-type": content_type},
                        content=json.dumps({"text": "不错\u0000"}).encode())
    assert response.status_code == 422 and "U+0000" in response.json()["detail"]
    assert db.reviews.count_documents({"business_code": code}) == 0


def test_json_nested_too_deeply_is_refused_in_words(api):
    body = '{"text":' + "[" * 1000 + "]" * 1000 + "}"
    response = api.post("/api/v1/auth/login", content=body.encode(),
                        headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert response.json()["detail"] == "The request body is nested too deeply."


def test_a_body_too_large_is_refused_before_it_is_read(api):
    response = api.post("/api/v1/auth/login", content=b'{"username": "' + b"a" * 1_100_000 + b'"}',
                        headers={"content-type": "application/json"})
    assert response.status_code == 413 and "at most 1000000 bytes" in response.json()["detail"]


@pytest.mark.parametrize(("schema", "field", "others"), [
    (ReplyCreate, "text", {}),
    (AlertDismiss, "reason", {}),
    (TaskClose, "result", {}),
    (ObjectionCreate, "reason", {"business_code": "X", "record_kind": "grade", "record_id": "risk"}),
    (CameraCreate, "name", {"business_code": "X", "source_url": "sim://1", "location": "kitchen"}),
])
def test_free_text_of_spaces_alone_is_as_empty_as_none(schema, field, others):
    with pytest.raises(ValidationError) as refused:
        schema(**others, **{field: " \u3000\n "})
    assert [(error["loc"], error["type"]) for error in refused.value.errors()] == [
        ((field,), "string_too_short")]


def test_free_text_loses_the_spaces_around_it_only():
    assert ReplyCreate(text="  谢谢 光临 \n").text == "谢谢 光临"
