"""A refused field is explained in the reader's language, pydantic's own checks included."""

from datetime import date
from typing import Literal

import pytest
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from backend import i18n, invalid_input
from backend.errors import Invalid
from tests import factories


class Form(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=4)
    stars: int = Field(3, ge=1, le=5)
    fine: float = Field(0, gt=0)
    on: date = date(2026, 3, 5)
    kind: Literal["fine", "warning"] = "fine"
    officers: list[str] = Field(default_factory=lambda: ["a", "b"], min_length=2)
    code: str = "x"
    format: str = Field("json", pattern="^(json|csv)$")
    plate: str = Field("粤A", pattern=r"^\w{2,}$")

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        if value == "bad":
            raise Invalid("That is not a registration code: {code}.", code=value)
        return value


def lines(language: str, **fields: object) -> list[str]:
    with pytest.raises(ValidationError) as refused, i18n.language(language):
        Form(**fields)
    with i18n.language(language):
        return [invalid_input.line(dict(error)) for error in refused.value.errors()]


@pytest.mark.parametrize(("fields", "english", "chinese"), [
    ({}, "name: This field is required.", "name: 此项必填。"),
    ({"name": ""}, "name: Must not be empty.", "name: 不能为空。"),
    ({"name": "12345"}, "name: Must be at most 4 characters long.", "name: 最多 4 个字。"),
    ({"name": "a", "stars": 6}, "stars: Must be at most 5.", "stars: 不能大于 5。"),
    ({"name": "a", "stars": 0}, "stars: Must be at least 1.", "stars: 不能小于 1。"),
    ({"name": "a", "stars": 3.5}, "stars: Must be a whole number.", "stars: 须是整数。"),
    ({"name": "a", "stars": "three"}, "stars: Must be a whole number.", "stars: 须是整数。"),
    ({"name": "a", "fine": 0}, "fine: Must be more than 0.", "fine: 须大于 0。"),
    ({"name": "a", "fine": "lots"}, "fine: Must be a number.", "fine: 须是数字。"),
    ({"name": "a", "on": "5/3/2026"}, "on: Must be a date, written 2026-03-05.",
     "on: 须是日期，写作 2026-03-05。"),
    ({"name": "a", "kind": "jail"}, "kind: Must be one of 'fine', 'warning'.",
     "kind: 只能是以下之一：'fine'、'warning'。"),   # listed as the reader lists, not with pydantic's "or"
    ({"name": "a", "format": "xml"}, "format: Must be one of 'json', 'csv'.",
     "format: 只能是以下之一：'json'、'csv'。"),
    ({"name": "a", "plate": "x"}, "plate: Is not in the expected form.", "plate: 格式不对。"),
    ({"name": "a", "officers": ["a"]}, "officers: Needs at least 2 entries.", "officers: 至少要 2 项。"),
    ({"name": "a", "colour": "red"}, "colour: This field is not accepted here.",
     "colour: 此处不接受这一项。"),
    ({"name": "a", "code": "bad"}, "code: That is not a registration code: bad.",   # our own rule
     "code: That is not a registration code: bad."),   # (a message not in the catalog stays as written)
])
def test_pydantic_checks_are_put_in_the_readers_words(fields, english, chinese):
    assert lines("en", **fields) == [english]
    assert lines("zh_Hans", **fields) == [chinese]


def test_a_form_names_fields_as_its_readers_know_them():
    names = {"stars": "Stars", "officers": "Officers"}
    with pytest.raises(ValidationError) as refused:
        Form(name="a", stars=9, officers=["a", 5])
    with i18n.language("zh_Hans"):
        assert [invalid_input.line(dict(error), names) for error in refused.value.errors()] == [
            "星级：不能大于 5。", "执法人员 2：此项不接受这种值。"]
    error = {"type": "missing", "loc": ("body", "colour"), "msg": "Field required"}
    with i18n.language("en"):
        assert invalid_input.line(error, names) == "colour: This field is required."  # no name: as spelt
        with pytest.raises(ValidationError) as refused:
            Form(name="a", kind="jail")
        assert invalid_input.line(dict(refused.value.errors()[0]), {"kind": "Kind"}) == \
            "Kind: Choose one of the options offered."   # not the API's list of values
        assert invalid_input.line(error | {"loc": ()}, names) == "This field is required."


def test_a_check_without_words_of_ours_keeps_pydantic_s():
    error = {"type": "multiple_of", "loc": ("body", "count"), "msg": "Input should be a multiple of 5",
             "ctx": {"multiple_of": 5}}
    assert invalid_input.line(error) == "count: Input should be a multiple of 5"


def test_the_api_answers_in_the_readers_language(db, api):
    code = factories.business(db)
    answer = api.post(f"/api/v1/businesses/{code}/reviews", json={"text": "不错", "stars": 6},
                      headers={"Accept-Language": "zh-CN"})
    assert answer.status_code == 422
    assert answer.json()["detail"] == "stars: 不能大于 5。"
    answer = api.post(f"/api/v1/businesses/{code}/reviews", json={"stars": 2},
                      headers={"Accept-Language": "zh-TW"})
    assert answer.json()["errors"] == ["text: 此項必填。"]
