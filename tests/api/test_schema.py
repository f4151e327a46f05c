"""The OpenAPI schema is valid and documents every filter; the docs pages load with local assets."""

import re

import pytest
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db

LIST_PATHS = ["/api/reactions/", "/api/statements/", "/api/events/", "/api/actors/", "/api/sources/"]


@pytest.fixture
def schema(api_client):
    response = api_client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def test_schema_is_valid_openapi(schema):
    validate(schema)


@pytest.mark.parametrize("path", LIST_PATHS)
def test_every_list_parameter_has_a_description(schema, path):
    parameters = schema["paths"][path]["get"]["parameters"]
    assert {"updated_after", "ordering", "page", "page_size"} <= {p["name"] for p in parameters}
    for parameter in parameters:
        assert parameter.get("description"), parameter["name"]


def test_choice_filters_document_their_allowed_values(schema):
    parameters = {p["name"]: p for p in schema["paths"]["/api/reactions/"]["get"]["parameters"]}
    assert set(parameters["stance"]["schema"]["enum"]) == {"condemns", "supports", "neutral", "abstains"}
    assert set(parameters["actor_kind"]["schema"]["enum"]) == {"state", "international_organization"}
    assert set(parameters["status"]["schema"]["enum"]) == {"reviewed", "draft", "all"}


def test_detail_paths_are_addressed_by_slug(schema):
    for path in LIST_PATHS:
        assert f"{path}{{slug}}/" in schema["paths"]


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_docs_page_loads_with_locally_served_assets(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assets = set(re.findall(r"""(?:src|href)=["']([^"']+\.(?:js|css|png))["']""", html))
    assert assets, "no script or stylesheet found"
    for asset in assets:
        # Static files, or ReDoc's bundle served by the project without its logo's CDN address.
        assert asset.startswith(("/static/", "/api/redoc/")), f"{asset} is not served locally"
        asset_response = client.get(asset)
        assert asset_response.status_code == 200, asset
        if hasattr(asset_response, "streaming_content"):
            assert b"".join(asset_response.streaming_content)
        else:
            assert asset_response.content
