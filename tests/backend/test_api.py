"""The API as a whole: its OpenAPI document, and one readable JSON shape for every error."""

import pytest

from tests import factories


def test_docs_serve_the_openapi_ui(api):
    response = api.get("/api/docs")
    assert response.status_code == 200
    assert "swagger-ui" in response.text and "/api/openapi.json" in response.text


def test_openapi_lists_the_endpoints(api):
    paths = api.get("/api/openapi.json").json()["paths"]
    assert {"/api/v1/businesses", "/api/v1/businesses/{code}", "/api/v1/businesses/{code}/licences",
            "/api/v1/businesses/{code}/staff", "/api/v1/businesses/{code}/purchases",
            "/api/v1/businesses/{code}/rapid-tests", "/api/v1/inspections", "/api/v1/penalties",
            "/api/v1/officers/{officer_id}", "/api/v1/auth/login", "/api/v1/auth/me"} <= set(paths)
    search = {param["name"] for param in paths["/api/v1/businesses"]["get"]["parameters"]}
    assert {"name", "district", "trade", "pageNumber", "pageSize"} <= search


@pytest.mark.parametrize("path, status, error", [
    (f"/api/v1/businesses/{factories.valid_code(9_999_999)}", 404, "NotFound"),
    ("/api/v1/businesses/TOO-SHORT", 422, "Invalid"),
    ("/api/v1/businesses?pageSize=0", 422, "Invalid"),
    ("/api/v1/auth/me", 401, "Unauthorized"),
    ("/api/v1/no-such-thing", 404, "HTTPError"),
])
def test_every_error_is_one_readable_json_shape(api, path, status, error):
    response = api.get(path)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["error"] == error
    assert isinstance(body["detail"], str) and body["detail"]


@pytest.mark.parametrize("how", [
    {"headers": {"Accept-Language": "en-GB,en;q=0.9"}},
    {"headers": {"Accept-Language": "zh-TW"}},
    {"headers": {"Cookie": "lang=zh_Hant"}},
    {"params": {"lang": "en"}},
])
def test_errors_keep_their_shape_in_every_language(api, how):
    response = api.get("/api/v1/businesses/TOO-SHORT", **how)
    assert response.status_code == 422
    assert set(response.json()) == {"detail", "error", "errors"}  # a refusal reads like a field's
    assert response.json()["errors"] == [response.json()["detail"]]


@pytest.mark.parametrize("method, path, status, allow", [
    ("post", "/api/v1/anything", 404, None),
    ("get", "/api", 404, None),
    ("delete", "/api/v1/businesses", 405, "GET, POST"),
    ("get", "/api/v1/tasks/some-id/close", 405, "POST"),
])
def test_unknown_api_paths_and_methods_answer_json(api, method, path, status, allow):
    response = api.request(method.upper(), path)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    assert response.json()["detail"]
    assert response.headers.get("allow") == allow


def test_head_answers_as_get_does_without_the_body(api, db):
    got, head = api.get("/api/v1/businesses"), api.head("/api/v1/businesses")
    assert head.status_code == got.status_code == 200 and head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert api.head("/api/v1/no-such-thing").status_code == 404


def test_options_says_what_a_path_answers_to(api):
    response = api.options("/api/v1/businesses")
    assert response.status_code == 204
    assert set(response.headers["allow"].split(", ")) == {"GET", "POST", "HEAD", "OPTIONS"}


def test_a_page_on_another_site_may_read_the_open_data(api):
    """A newsroom's chart or a consumer app fetches it in the reader's browser: no credentials."""
    elsewhere = {"Origin": "https://news.example"}
    read = api.get("/api/v1/businesses?pageSize=1", headers=elsewhere)
    assert read.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in read.headers
    asked = api.options("/api/v1/records/inspections", headers=elsewhere | {
        "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "accept-language"})
    assert asked.status_code == 200 and "GET" in asked.headers["access-control-allow-methods"]
    writing = api.options("/api/v1/complaints", headers=elsewhere | {"Access-Control-Request-Method": "POST"})
    assert writing.status_code == 400   # writes stay same-origin: the browser sends none
    assert "POST" not in writing.headers.get("access-control-allow-methods", "")
    assert "access-control-allow-origin" not in api.get("/lists", headers=elsewhere).headers   # pages too


def test_security_headers_on_api_responses(api):
    response = api.get("/api/v1/businesses")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert "strict-transport-security" not in response.headers  # plain http in development


@pytest.mark.parametrize("method, path, kwargs, said", [
    ("POST", "/api/v1/anything", {}, "没有这个 API"),
    ("DELETE", "/api/v1/businesses", {}, "GET, POST"),
    ("POST", "/api/v1/complaints/with-photos",
     {"content": b"garbage", "headers": {"content-type": "multipart/form-data; boundary=x"}},
     "multipart/form-data"),
])
def test_the_frameworks_refusals_speak_the_callers_language(api, method, path, kwargs, said):
    headers = {"Accept-Language": "zh-CN"} | kwargs.pop("headers", {})
    response = api.request(method, path, headers=headers, **kwargs)
    assert response.status_code in (400, 404, 405)
    assert said in response.json()["detail"] and "API endpoint" not in response.json()["detail"]


def test_routes_open_to_anyone_say_the_token_is_optional(api):
    """Generated clients (and schemathesis) took the token as required where anyone may call."""
    paths = api.get("/api/openapi.json").json()["paths"]
    for path, method in (("/api/v1/random-draws", "get"), ("/api/v1/random-draws/{plan_id}", "get"),
                         ("/api/v1/businesses/{code}/reviews", "post")):
        assert {} in paths[path][method]["security"], path
