"""The OpenAPI schema is valid OpenAPI 3.1, strict enough for generated clients, and documents every
filter; the docs pages load with local assets."""

import json
import re

import pytest
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db

LIST_PATHS = ["/api/reactions/", "/api/statements/", "/api/events/", "/api/actors/", "/api/sources/"]
STATS_PATHS = ["/api/reactions/stats/", "/api/statements/stats/", "/api/events/stats/"]


@pytest.fixture
def schema(api_client):
    response = api_client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def resolve(schema, node):
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def parameters(schema, path):
    return {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}


def test_schema_is_valid_openapi_3_1(schema):
    assert schema["openapi"] == "3.1.0"
    validate(schema)


def test_every_parameter_has_a_description(schema):
    for path, _method, operation in operations(schema):
        for parameter in operation.get("parameters", []):
            assert parameter.get("description"), (path, parameter["name"])


@pytest.mark.parametrize("path", LIST_PATHS)
def test_every_list_parameter_has_a_description(schema, path):
    params = schema["paths"][path]["get"]["parameters"]
    assert {"updated_after", "ordering", "page", "page_size", "cursor"} <= {p["name"] for p in params}
    for parameter in params:
        assert parameter.get("description"), parameter["name"]


def test_choice_filters_document_their_allowed_values_as_shared_enums(schema):
    params = parameters(schema, "/api/reactions/")
    assert params["stance"]["schema"] == {"$ref": "#/components/schemas/StanceEnum"}
    assert resolve(schema, params["stance"]["schema"])["enum"] == ["condemns", "supports", "neutral",
                                                                   "abstains"]
    assert set(resolve(schema, params["actor_kind"]["schema"])["enum"]) == {"state",
                                                                          "international_organization"}
    assert set(resolve(schema, params["status"]["schema"])["enum"]) == {"reviewed", "draft", "all"}
    # The response uses the very same component as the filter.
    reaction = schema["components"]["schemas"]["Reaction"]["properties"]
    assert reaction["stance"] == {"$ref": "#/components/schemas/StanceEnum"}


def test_one_enum_component_per_choice_set_and_no_enum_written_inline_in_a_parameter(schema):
    enums = {name: frozenset(s["enum"]) for name, s in schema["components"]["schemas"].items() if "enum" in s}
    assert len(set(enums.values())) == len(enums), enums
    for path, _method, operation in operations(schema):
        for parameter in operation.get("parameters", []):
            assert "enum" not in json.dumps(parameter["schema"]), (path, parameter["name"])


def test_every_parameter_that_takes_several_values_is_a_comma_separated_array(schema):
    seen = set()
    for _path, _method, operation in operations(schema):
        for parameter in operation.get("parameters", []):
            if parameter["schema"].get("type") == "array":
                seen.add(parameter["name"])
                assert (parameter["style"], parameter["explode"]) == ("form", False), parameter["name"]
    assert {"actor", "country", "speaker", "ordering", "type"} <= seen


# The one write: staff pipelines push articles with a token (tests/intake/test_api.py).
STAFF_WRITES = {("/api/intake/articles/", "post")}


def test_public_reads_need_no_credentials(schema):
    for path, method, operation in operations(schema):
        if (path, method) in STAFF_WRITES:
            assert operation["security"] and [] not in operation["security"], path
            continue
        assert method == "get", path
        assert operation["security"] == [], path


def test_operations_have_summaries_and_described_tags(schema):
    tags = {tag["name"] for tag in schema["tags"] if tag.get("description")}
    for path, _method, operation in operations(schema):
        assert operation.get("summary"), path
        assert operation["tags"] and set(operation["tags"]) <= tags, path
    assert schema["paths"]["/api/reactions/"]["get"]["summary"] == "List reactions"
    assert schema["paths"]["/api/reactions/stats/"]["get"]["operationId"] == "reactions_stats"


@pytest.mark.parametrize("component", ["Reaction", "Statement", "Event", "Actor", "Source", "Role",
                                       "ActorBrief", "EventBrief", "Citation", "Participant", "Removal",
                                       "ReactionStats", "StatsBucket"])
def test_response_components_require_every_field_the_api_always_sends(schema, component):
    body = schema["components"]["schemas"][component]
    assert body["required"] == list(body["properties"])


@pytest.mark.parametrize(("component", "field", "target"), [
    ("Event", "parent", "#/components/schemas/EventBrief"),
    ("Statement", "on_behalf_of", "#/components/schemas/ActorBrief"),
])
def test_a_nested_record_that_may_be_missing_is_one_of_the_record_or_null(schema, component, field, target):
    prop = schema["components"]["schemas"][component]["properties"][field]
    assert prop["oneOf"] == [{"$ref": target}, {"type": "null"}]


def test_unknown_dates_and_urls_are_null_in_the_schema(schema):
    reaction = schema["components"]["schemas"]["Reaction"]["properties"]
    assert reaction["date"]["type"] == ["string", "null"]
    source = schema["components"]["schemas"]["Source"]["properties"]
    assert "null" in source["url"]["type"] and "nullable" not in json.dumps(schema)


@pytest.mark.parametrize("path", LIST_PATHS + [f"{p}{{slug}}/" for p in LIST_PATHS] + STATS_PATHS)
def test_csv_is_documented_as_a_text_csv_string(schema, path):
    content = schema["paths"][path]["get"]["responses"]["200"]["content"]
    assert content["text/csv"]["schema"]["type"] == "string"
    assert "$ref" in content["application/json"]["schema"]


def test_ordering_lists_public_names_only_and_stats_do_not_advertise_it(schema):
    expected = {
        "/api/reactions/": {"date", "actor", "updated_at"},
        "/api/statements/": {"date", "speaker", "updated_at"},
        "/api/events/": {"date", "title", "updated_at"},
        "/api/actors/": {"name", "updated_at"},
        "/api/sources/": {"published_on", "title", "publisher", "updated_at"},
    }
    for path, names in expected.items():
        ordering = parameters(schema, path)["ordering"]
        values = resolve(schema, ordering["schema"]["items"])["enum"]
        assert set(values) == names | {f"-{name}" for name in names}
    for path in STATS_PATHS:
        assert "ordering" not in parameters(schema, path)
        assert "page" not in parameters(schema, path)


@pytest.mark.parametrize("path", STATS_PATHS)
def test_stats_group_by_and_interval_are_the_same_enums_in_the_request_and_the_response(schema, path):
    params = parameters(schema, path)
    response = resolve(schema, schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
                       ["schema"])
    assert response["properties"]["group_by"]["allOf"] == [params["group_by"]["schema"]]
    assert params["interval"]["schema"] == {"$ref": "#/components/schemas/IntervalEnum"}
    assert response["properties"]["interval"]["oneOf"][0] == {"$ref": "#/components/schemas/IntervalEnum"}


def test_pages_have_bounds_and_the_paginated_body_its_optional_parts(schema, settings):
    params = parameters(schema, "/api/reactions/")
    assert params["page"]["schema"] == {"type": "integer", "minimum": 1}
    assert params["page_size"]["schema"] == {"type": "integer", "minimum": 1,
                                             "maximum": settings.API_MAX_PAGE_SIZE}
    page = schema["components"]["schemas"]["PaginatedReactionList"]
    assert page["required"] == ["next", "results"]  # count, count_exact, previous: page mode only
    header = schema["paths"]["/api/reactions/"]["get"]["responses"]["200"]["headers"]["Data-Complete-Until"]
    assert header["schema"] == {"type": "string", "format": "date-time"}


@pytest.mark.parametrize(("path", "codes"), [
    ("/api/reactions/", {"200", "400", "404", "406", "414", "429", "503"}),
    ("/api/reactions/{slug}/", {"200", "400", "404", "406", "414", "429", "503"}),
    ("/api/reactions/stats/", {"200", "400", "406", "414", "429", "503"}),
    ("/api/deletions/", {"200", "400", "404", "406", "414", "429", "503"}),
])
def test_error_answers_are_documented_with_their_json_bodies(schema, path, codes):
    responses = schema["paths"][path]["get"]["responses"]
    assert set(responses) == codes
    components = schema["components"]["responses"]
    for code in codes - {"200"}:
        response = components[responses[code]["$ref"].rsplit("/", 1)[1]]
        assert list(response["content"]) == ["application/json"]
        assert response["description"]
    assert components["TooManyRequests"]["headers"]["Retry-After"]["required"] is True
    assert components["ServiceUnavailable"]["headers"]["Retry-After"]["required"] is True
    assert schema["components"]["schemas"]["Error"]["required"] == ["detail"]


def test_servers_name_the_deployment_the_schema_was_fetched_from(api_client, settings):
    body = api_client.get("/api/schema/", {"format": "json"}, HTTP_HOST="localhost").json()
    assert body["servers"] == [{"url": "http://localhost", "description": "This deployment."}]
    settings.API_PUBLIC_URL = "https://events.example.org"
    body = api_client.get("/api/schema/", {"format": "json"}).json()
    assert body["servers"][0]["url"] == "https://events.example.org"


def test_contact_and_licence_come_from_the_environment():
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.test_settings", "API_CONTACT_NAME": "Curators",
           "API_CONTACT_EMAIL": "curators@events.example.org", "API_LICENSE_NAME": "CC BY 4.0",
           "API_LICENSE_IDENTIFIER": "CC-BY-4.0"}
    result = subprocess.run([sys.executable, "manage.py", "spectacular", "--format", "openapi-json"],
                            cwd=Path(__file__).resolve().parents[2], env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)["info"]
    assert info["contact"] == {"name": "Curators", "email": "curators@events.example.org"}
    assert info["license"] == {"name": "CC BY 4.0", "identifier": "CC-BY-4.0"}


def test_no_placeholder_examples(schema):
    text = json.dumps(schema)
    assert '"example"' not in text and "api.example.org" not in text


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


def test_the_staff_only_text_endpoint_and_the_verification_fields_are_documented(schema):
    text = schema["paths"]["/api/sources/{slug}/text/"]["get"]
    assert "staff" in text["description"] and "404" in text["responses"]
    components = schema["components"]["schemas"]
    assert {"excerpt_start", "excerpt_end", "verified"} <= set(components["Citation"]["properties"])
    assert {"has_text", "text_sha256"} <= set(components["Source"]["properties"])
    assert {"quote_source", "quote_start", "quote_end"} <= set(components["Statement"]["properties"])
    assert "text" in components["SourceText"]["properties"]
