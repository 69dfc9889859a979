"""The read side of the JSON API, checked against its own OpenAPI document."""

from __future__ import annotations

import re

import pytest
from jsonschema import Draft202012Validator

from consult.config import PROJECT_ROOT
from consult.services.sources import read_source


def test_openapi_schemas_are_valid_json_schema(openapi):
    for schema in openapi["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)


def validate_schema(document: dict, name: str, body) -> None:
    """Check `body` against one of the document's component schemas."""
    Draft202012Validator({"$ref": f"#/components/schemas/{name}", "components": document["components"]}).validate(body)


def validate(document: dict, path: str, status: int, body: dict) -> None:
    """Check `body` against the schema the document gives for `path` answering `status`."""
    operation = document["paths"][path]["get"]
    schema = operation["responses"][str(status)]["content"]["application/json"]["schema"]
    Draft202012Validator({**schema, "components": document["components"]}).validate(body)


def test_modules_list_matches_the_spec(client, openapi):
    response = client.get("/api/v1/modules")
    assert response.status_code == 200
    body = response.get_json()
    validate(openapi, "/modules", 200, body)
    assert [(m["slug"], m["code"], m["version"]) for m in body["modules"]] == [
        ("isacs-05-30", "ISACS 05.30", 1), ("isacs-05-31", "ISACS 05.31", 1)]
    assert body["modules"][0]["deadline"] == "2027-02-26"


def test_module_gives_paragraphs_in_source_order_with_source_text(client, openapi):
    response = client.get("/api/v1/modules/isacs-05-31")
    body = response.get_json()
    validate(openapi, "/modules/{slug}", 200, body)
    assert (body["version"], body["versions"]) == (1, [1])
    source = read_source(PROJECT_ROOT / "modules" / "isacs-05-31.md")
    assert [(p["uid"], p["clause"], p["kind"], p["text"]) for p in body["paragraphs"]] == [
        (b.uid, b.clause, b.kind.value, b.text) for b in source.blocks]
    assert body["paragraphs"][0]["clause"] == ""
    assert {"Foreword", "Introduction", "1", "3.1"} <= {p["clause"] for p in body["paragraphs"]}


def test_module_at_a_named_version(client, openapi):
    body = client.get("/api/v1/modules/isacs-05-30?version=1").get_json()
    validate(openapi, "/modules/{slug}", 200, body)
    assert body["version"] == 1


@pytest.mark.parametrize(("url", "status", "code"), [
    ("/api/v1/modules/isacs-99-99", 404, "not_found"),
    ("/api/v1/modules/isacs-05-30?version=7", 404, "not_found"),
    ("/api/v1/modules/isacs-05-30?version=first", 400, "bad_request"),
    ("/api/v1/modules/isacs-05-30?version=-1", 400, "bad_request"),
])
def test_bad_module_requests_get_json_errors(client, openapi, url, status, code):
    response = client.get(url)
    assert response.status_code == status
    assert response.is_json
    body = response.get_json()
    validate(openapi, "/modules/{slug}", status, body)
    assert body["error"]["code"] == code and body["error"]["message"]


def test_unknown_api_route_is_a_json_404(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_every_documented_operation_is_served_and_every_api_route_documented(app, openapi):
    documented = {(re.sub(r"\{(\w+)\}", r"<\1>", path), method.upper())
                  for path, operations in openapi["paths"].items() for method in operations}
    routed = {(re.sub(r"<(?:\w+:)?(\w+)>", r"<\1>", rule.rule.removeprefix("/api/v1")), method)
              for rule in app.url_map.iter_rules()
              if rule.rule.startswith("/api/v1") and rule.rule != "/api/v1/openapi.json"
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert documented == routed


def test_healthz_answers_ok(client):
    response = client.get("/healthz")
    assert (response.status_code, response.get_data(as_text=True)) == (200, "ok")
