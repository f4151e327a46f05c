"""PLOVER in the API on the real seed data: fields, filters, stats, CSV and the schema."""

import csv
import io
from collections import Counter

import pytest

from events.models import Reaction
from events.plover import PloverContext, PloverType

REACTIONS = "/api/reactions/"
EVENTS = "/api/events/"


def _rows(client, url=REACTIONS, **params):
    response = client.get(url, {"page_size": 500, **params})
    assert response.status_code == 200, response.content
    return response.json()["results"]


def _slugs(rows):
    return {row["slug"] for row in rows}


def test_sanction_reactions_are_the_severed_ties_and_the_staff_withdrawal(seeded, api_client):
    rows = _rows(api_client, plover_type="SANCTION")
    assert _slugs(rows) == {"mexico-severs-ties-with-ecuador", "nicaragua-severs-ties-with-ecuador",
                            "mexico-withdraws-embassy-staff"}
    assert {row["plover_type"] for row in rows} == {"SANCTION"}


def test_severed_ties_are_sanction_withdraw_in_a_diplomatic_context(seeded, api_client):
    rows = _rows(api_client, plover_type="SANCTION", plover_mode="withdraw")
    assert _slugs(rows) == {"mexico-severs-ties-with-ecuador", "nicaragua-severs-ties-with-ecuador"}
    for row in rows:
        assert (row["plover_type"], row["plover_mode"], row["plover_contexts"]) == (
            "SANCTION", "withdraw", ["diplomatic"])
        assert row["plover_hand_coded"] is False
        assert row["kind"] == "severed_ties"


def test_the_icj_lawsuit_is_an_accusation_in_a_legal_context(seeded, api_client):
    rows = _rows(api_client, plover_context="legal")
    assert _slugs(rows) == {"mexico-takes-ecuador-to-icj"}
    assert rows[0]["plover_type"] == "ACCUSE"
    events = _rows(api_client, EVENTS, plover_type="ACCUSE", plover_context="legal")
    assert _slugs(events) == {"mexico-takes-case-to-icj"}


def test_several_contexts_find_records_with_any_of_them(seeded, api_client):
    both = _slugs(_rows(api_client, plover_context="diplomatic,legal"))
    assert both == _slugs(_rows(api_client, plover_context="diplomatic")) | _slugs(
        _rows(api_client, plover_context="legal"))
    assert "mexico-takes-ecuador-to-icj" in both and "nicaragua-severs-ties-with-ecuador" in both


def test_several_types_find_records_of_any_of_them(seeded, api_client):
    rows = _rows(api_client, plover_type="SANCTION,ACCUSE")
    assert {row["plover_type"] for row in rows} == {"SANCTION", "ACCUSE"}
    assert len(rows) == len(_rows(api_client, plover_type="SANCTION")) + len(
        _rows(api_client, plover_type="ACCUSE"))


def test_appeals_abstentions_and_statements_have_no_plover_coding(seeded, api_client):
    rows = {row["slug"]: row for row in _rows(api_client)}
    for slug in ("oas-calls-permanent-council-meeting",  # CAMEO 026, an appeal
                 "el-salvador-abstains-in-oas-vote"):  # no CAMEO code
        assert (rows[slug]["plover_type"], rows[slug]["plover_mode"], rows[slug]["plover_contexts"]) == (
            "", "", [])


def test_the_asylum_grant_is_aid_in_an_asylum_context(seeded, api_client):
    event = api_client.get(f"{EVENTS}mexico-grants-glas-asylum/").json()
    assert (event["plover_type"], event["plover_mode"], event["plover_contexts"]) == ("AID", "", ["asylum"])


@pytest.mark.parametrize(("param", "bad", "allowed"), [
    ("plover_type", "SANCTIONS", "AGREE, CONSULT, SUPPORT"),
    ("plover_mode", "withdraws", "visit, third-party"),
    ("plover_context", "diplomatic,diplomacy", "military, intelligence"),
])
@pytest.mark.parametrize("url", [REACTIONS, EVENTS])
def test_an_unknown_value_is_a_400_naming_the_parameter_and_the_allowed_values(api_client, db, url, param,
                                                                               bad, allowed):
    response = api_client.get(url, {param: bad})
    assert response.status_code == 400
    message = response.json()[param][0]
    assert message.startswith(f"{bad.split(',')[-1]} is not a valid choice; use one or more of: {allowed}")


def test_stats_count_the_seeded_reactions_by_plover_type(seeded, api_client):
    body = api_client.get(f"{REACTIONS}stats/", {"group_by": "plover_type"}).json()
    expected = Counter(Reaction.objects.reviewed().values_list("plover_type", flat=True))
    assert {row["key"] or "": row["count"] for row in body["results"]} == dict(expected)
    assert body["total"] == sum(expected.values())
    by_key = {row["key"]: row for row in body["results"]}
    assert by_key["SANCTION"]["count"] == 3 and by_key["SANCTION"]["label"] == "Sanction"
    assert by_key[None]["label"] == "No PLOVER type"


def test_stats_count_modes_within_their_type(seeded, api_client):
    body = api_client.get(f"{REACTIONS}stats/", {"group_by": "plover_mode", "plover_type": "SANCTION"}).json()
    assert {row["key"]: row["count"] for row in body["results"]} == {"SANCTION:withdraw": 2,
                                                                      "SANCTION:expel": 1}
    assert body["results"][0]["label"] == "Sanction: withdraw"


def test_events_stats_by_plover_type(seeded, api_client):
    response = api_client.get(f"{EVENTS}stats/", {"group_by": "plover_type"})
    assert response.status_code == 200
    assert {row["key"] for row in response.json()["results"]} >= {"COERCE", "AID", "SANCTION", "ACCUSE"}


def test_csv_carries_the_plover_coding(seeded, api_client):
    response = api_client.get(REACTIONS, {"format": "csv", "plover_type": "SANCTION",
                                          "plover_mode": "withdraw"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert {row["slug"] for row in rows} == {"mexico-severs-ties-with-ecuador",
                                             "nicaragua-severs-ties-with-ecuador"}
    coded = {(r["plover_type"], r["plover_mode"], r["plover_contexts"], r["plover_hand_coded"]) for r in rows}
    assert coded == {("SANCTION", "withdraw", "diplomatic", "false")}


@pytest.mark.django_db
def test_the_schema_documents_the_plover_fields_and_filters_with_their_enums(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    for path, component in ((REACTIONS, "Reaction"), (EVENTS, "Event")):
        parameters = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}
        assert sorted(_enum(schema, parameters["plover_type"]["schema"]["items"])) == sorted(
            PloverType.values)
        assert parameters["plover_type"]["explode"] is False  # comma-separated
        assert sorted(_enum(schema, parameters["plover_context"]["schema"]["items"])) == sorted(
            PloverContext.values)
        assert "plover_mode" in parameters
        properties = schema["components"]["schemas"][component]["properties"]
        assert set(PloverType.values) <= set(_enum(schema, properties["plover_type"]))
        assert set(PloverContext.values) == set(_enum(schema, properties["plover_contexts"]["items"]))
        assert properties["plover_hand_coded"]["type"] == "boolean"
        stats = {p["name"]: p for p in schema["paths"][f"{path}stats/"]["get"]["parameters"]}
        assert {"plover_type", "plover_mode"} <= set(_enum(schema, stats["group_by"]["schema"]))


def _enum(schema, prop):
    """The enum of a property, following $ref / oneOf / allOf as drf-spectacular writes them."""
    if "enum" in prop:
        return prop["enum"]
    for key in ("allOf", "oneOf", "anyOf"):
        for part in prop.get(key, []):
            found = _enum(schema, part)
            if found:
                return found
    if "$ref" in prop:
        return _enum(schema, schema["components"]["schemas"][prop["$ref"].rsplit("/", 1)[1]])
    return []
