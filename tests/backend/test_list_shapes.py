"""Lists that once answered a bare array or rows alone: now `data` and `meta`, paged by pageNumber and
pageSize, as the OpenAPI document says."""

import pytest

PAGED = ["/api/v1/reviews/unanswered", "/api/v1/objections/pending/{code}",
         "/api/v1/lists/criteria/history", "/api/v1/alerts/rules", "/api/v1/performance"]


@pytest.fixture(scope="module")
def spec(api):
    return api.get("/api/openapi.json").json()


def _resolved(spec, schema):
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


@pytest.mark.parametrize("path", PAGED)
def test_the_document_says_data_meta_and_the_paging_parameters(spec, path):
    get = spec["paths"][path]["get"]
    answer = _resolved(spec, get["responses"]["200"]["content"]["application/json"]["schema"])
    assert answer["properties"]["data"]["type"] == "array"
    assert _resolved(spec, answer["properties"]["meta"])["title"] == "PageMeta"
    assert {"pageNumber", "pageSize"} <= {param["name"] for param in get["parameters"]}
