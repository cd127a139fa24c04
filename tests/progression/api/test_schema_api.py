"""The OpenAPI 3 schema at /api/progression/schema/ is valid and documents every route."""

import re

import pytest
from django.urls import URLPattern, URLResolver
from drf_spectacular.validation import validate_schema

from world.progression.api import urls as api_urls

pytestmark = pytest.mark.django_db
SCHEMA_URL = "/api/progression/schema/"


def route_paths(patterns, prefix=""):
    """Every route of the progression API as an OpenAPI path ("{id}" for path parameters)."""
    for pattern in patterns:
        text = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
        if isinstance(pattern, URLResolver):
            yield from route_paths(pattern.url_patterns, text)
        elif isinstance(pattern, URLPattern):
            text = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", text)
            text = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", text).replace("{pk}", "{id}")
            if "(?P<format>" not in str(pattern.pattern) and "\\.(?P" not in text:
                yield "/api/progression/" + text


@pytest.fixture
def schema(anonymous_client):
    response = anonymous_client.get(SCHEMA_URL, {"format": "json"})
    assert response.status_code == 200
    return response.json()


def test_schema_is_valid_openapi_3(schema):
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")


def test_every_route_appears_in_the_schema(schema):
    routes = set(route_paths(api_urls.api_patterns))

    assert routes
    assert routes <= set(schema["paths"])


def test_schema_covers_no_evennia_routes(schema):
    assert all(path.startswith("/api/progression/") for path in schema["paths"])


def test_every_operation_documents_its_errors_with_the_error_body(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            errors = {code: r for code, r in operation["responses"].items() if code >= "400"}
            assert "401" in errors, f"{method} {path} does not document 401"
            for code, response in errors.items():
                ref = response["content"]["application/json"]["schema"]["$ref"]
                assert ref.endswith("/Error"), f"{method} {path} {code}"


def test_paging_and_filter_parameters_are_documented(schema):
    names = {
        p["name"] for p in schema["paths"]["/api/progression/history/xp/"]["get"]["parameters"]
    }
    assert {"limit", "offset", "reason", "date_from", "date_to", "character"} <= names
    dashboard = schema["paths"]["/api/progression/account/"]["get"]["parameters"]
    assert {p["name"] for p in dashboard} == {"limit", "offset"}


def test_post_endpoints_document_the_idempotency_key_header(schema):
    posts = [(path, ops["post"]) for path, ops in schema["paths"].items() if "post" in ops]
    assert posts
    for path, operation in posts:
        headers = {p["name"] for p in operation["parameters"] if p["in"] == "header"}
        assert "Idempotency-Key" in headers, path


def test_schema_generation_raises_no_warnings_or_errors(anonymous_client):
    from drf_spectacular.drainage import GENERATOR_STATS

    GENERATOR_STATS.reset()
    response = anonymous_client.get(SCHEMA_URL, {"format": "json"})

    assert response.status_code == 200
    assert not GENERATOR_STATS, "drf-spectacular warned while building the schema"


def test_the_all_shops_endpoint_is_documented_as_a_list_of_characters_with_shops(schema):
    operation = schema["paths"]["/api/progression/characters/shops/"]["get"]
    body = operation["responses"]["200"]["content"]["application/json"]["schema"]

    assert body["type"] == "array"
    assert body["items"]["$ref"].endswith("/CharacterShop")
    shape = schema["components"]["schemas"]["CharacterShop"]["properties"]
    assert set(shape) == {"id", "name", "locked_xp", "transferable_xp", "shop"}
    assert shape["shop"]["$ref"].endswith("/Shop")


def test_character_ids_in_paths_are_documented_as_integers(schema):
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path":
                    assert parameter["schema"]["type"] == "integer", path
