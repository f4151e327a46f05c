"""Stats: /api/<records>/stats/?group_by=... counts what the list endpoint would return."""

import datetime

import pytest
from django.db.models import Count

from core.choices import ReviewStatus
from events.choices import ReactionKind, Stance
from events.models import Event, Reaction, Statement
from tests.factories import ActorFactory, EventFactory, PersonFactory, ReactionFactory, StatementFactory

pytestmark = pytest.mark.django_db


def counts(body):
    return {row["key"]: row["count"] for row in body["results"]}


@pytest.fixture
def reactions():
    mexico = ActorFactory(slug="mexico", name="Mexico", country="MX")
    brazil = ActorFactory(slug="brazil", name="Brazil", country="BR")
    oas = ActorFactory(slug="oas", name="OAS", kind="international_organization", country="")
    ReactionFactory(actor=mexico, kind=ReactionKind.SEVERED_TIES, date=datetime.date(2024, 4, 5))
    ReactionFactory(actor=mexico, kind=ReactionKind.LEGAL_ACTION, date=datetime.date(2024, 4, 11))
    ReactionFactory(actor=brazil, date=datetime.date(2024, 4, 6))
    ReactionFactory(actor=oas, stance=Stance.NEUTRAL, kind=ReactionKind.CALL_FOR_MEETING,
                    date=datetime.date(2024, 5, 1), description="Called a meeting.")
    ReactionFactory(actor=brazil, stance=Stance.SUPPORTS, status=ReviewStatus.DRAFT)


def test_reactions_by_stance_count_reviewed_records_with_labels(api_client, reactions):
    body = api_client.get("/api/reactions/stats/", {"group_by": "stance"}).json()

    assert body["group_by"] == "stance"
    assert body["total"] == 4  # the draft is not counted for an anonymous user
    assert body["results"] == [{"key": "condemns", "label": "Condemns", "count": 3},
                               {"key": "neutral", "label": "Neutral", "count": 1}]


def test_staff_counts_include_drafts_when_the_list_shows_them(staff_client, reactions):
    listed = staff_client.get("/api/reactions/", {"status": "all"}).json()["count"]
    body = staff_client.get("/api/reactions/stats/", {"group_by": "stance", "status": "all"}).json()

    assert body["total"] == listed == 5
    assert counts(body)["supports"] == 1


def test_reactions_by_country_are_named_and_organizations_count_under_no_country(api_client, reactions):
    body = api_client.get("/api/reactions/stats/", {"group_by": "country"}).json()

    assert {(r["key"], r["label"], r["count"]) for r in body["results"]} == {
        ("MX", "Mexico", 2), ("BR", "Brazil", 1), (None, "No country", 1)}


@pytest.mark.parametrize("params", [
    {"stance": "condemns"}, {"country": "MEX"}, {"kind": "severed_ties"}, {"q": "meeting"},
    {"date_after": "2024-04-06"}, {"actor_kind": "state"},
])
def test_every_list_filter_narrows_the_counts_like_the_list(api_client, reactions, params):
    listed = api_client.get("/api/reactions/", params).json()["count"]

    for group_by in ["stance", "country", "kind", "actor_kind", "date"]:
        body = api_client.get("/api/reactions/stats/", {**params, "group_by": group_by}).json()
        assert body["total"] == listed
        assert sum(counts(body).values()) == listed


def test_stats_equal_database_counts_on_the_seed_data(seeded, api_client):
    expected = dict(Reaction.objects.reviewed().filter(actor__kind="state").values_list("stance")
                    .annotate(n=Count("id")))
    body = api_client.get("/api/reactions/stats/", {"group_by": "stance", "actor_kind": "state"}).json()
    assert counts(body) == expected

    expected = dict(Event.objects.reviewed().values_list("cameo_code").annotate(n=Count("id")))
    body = api_client.get("/api/events/stats/", {"group_by": "cameo"}).json()
    assert {k or "": v for k, v in counts(body).items()} == expected

    expected = dict(Statement.objects.reviewed().values_list("speaker__slug").annotate(n=Count("id")))
    body = api_client.get("/api/statements/stats/", {"group_by": "speaker"}).json()
    assert counts(body) == expected
    assert body["total"] == api_client.get("/api/statements/").json()["count"]


@pytest.mark.parametrize("interval,expected", [
    ("day", {"2024-04-05": 1, "2024-04-06": 1, "2024-04-11": 1, "2024-05-01": 1}),
    ("week", {"2024-04-01": 2, "2024-04-08": 1, "2024-04-29": 1}),
    ("month", {"2024-04-01": 3, "2024-05-01": 1}),
])
def test_date_buckets_by_interval_in_date_order(api_client, reactions, interval, expected):
    body = api_client.get("/api/reactions/stats/", {"group_by": "date", "interval": interval}).json()

    assert body["interval"] == interval
    assert counts(body) == expected
    assert [r["key"] for r in body["results"]] == sorted(expected)


def test_undated_records_count_under_unknown(api_client):
    ReactionFactory(date=None, date_precision="unknown")

    body = api_client.get("/api/reactions/stats/", {"group_by": "date"}).json()

    assert body["results"] == [{"key": None, "label": "Unknown", "count": 1}]


def test_statements_by_country_use_the_state_spoken_for(api_client):
    StatementFactory(speaker=PersonFactory(), on_behalf_of=ActorFactory(slug="ecuador", country="EC"))
    StatementFactory(speaker=PersonFactory(country="MX"), on_behalf_of=None)

    body = api_client.get("/api/statements/stats/", {"group_by": "country"}).json()

    assert counts(body) == {"EC": 1, "MX": 1}


def test_events_by_cameo_have_the_cameo_name(api_client):
    EventFactory(cameo_code="173")

    (row,) = api_client.get("/api/events/stats/", {"group_by": "cameo"}).json()["results"]

    assert row["key"] == "173"
    assert row["label"] and row["label"] != "173"


@pytest.mark.parametrize("params,name", [
    ({}, "group_by"), ({"group_by": "mood"}, "group_by"),
    ({"group_by": "date", "interval": "year"}, "interval"),
    ({"group_by": "stance", "interval": "day"}, "interval"),
    ({"group_by": "stance", "stance": "angry"}, "stance"),
])
def test_bad_group_by_or_interval_is_a_json_400_naming_it(api_client, params, name):
    response = api_client.get("/api/reactions/stats/", params)

    assert response.status_code == 400
    assert name in response.json()


def test_stats_are_in_the_openapi_schema_with_enums(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/reactions/stats/"]["get"]
    params = {p["name"]: p for p in operation["parameters"]}

    components = schema["components"]["schemas"]

    def enum(parameter):
        return set(components[parameter["schema"]["$ref"].rsplit("/", 1)[1]]["enum"])

    assert params["group_by"]["required"] is True
    assert enum(params["group_by"]) == {"stance", "country", "kind", "actor_kind", "plover_type",
                                        "plover_mode", "date"}
    assert enum(params["interval"]) == {"day", "week", "month"}
    assert "stance" in params  # the list filters apply and are documented
    assert "Stats" in operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
