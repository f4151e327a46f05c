"""Stats answers are cached per data version: a repeated request is cheap, and no change is ever missed.

The database bumps the version on every write to the tables a count depends on (migration events.0006),
whoever writes: the ORM, QuerySet.update(), raw SQL. tests/conftest.py clears the cache around each test.
"""

import datetime

import pytest
from django.db import connection

from core.choices import ReviewStatus
from events.choices import Stance
from events.models import DataVersion, Reaction
from tests.factories import (
    ActorFactory,
    CitationFactory,
    EventActorFactory,
    EventFactory,
    PersonFactory,
    ReactionFactory,
    SourceFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db

STANCE = {"group_by": "stance"}
COUNTRY = {"group_by": "country"}


def counts(response):
    assert response.status_code == 200, response.content
    return {row["key"]: row["count"] for row in response.json()["results"]}


@pytest.fixture
def mexico():
    return ActorFactory(slug="mexico", name="Mexico", country="MX")


@pytest.fixture
def brazil():
    return ActorFactory(slug="brazil", name="Brazil", country="BR")


@pytest.fixture
def reactions(mexico, brazil):
    ReactionFactory(actor=mexico, slug="mx-1")
    ReactionFactory(actor=mexico, slug="mx-2", stance=Stance.NEUTRAL)
    ReactionFactory(actor=brazil, slug="br-1")
    ReactionFactory(actor=brazil, slug="br-draft", stance=Stance.SUPPORTS, status=ReviewStatus.DRAFT)


def stats(client, params, path="/api/reactions/stats/"):
    response = client.get(path, params)
    assert response.status_code == 200, response.content
    return response.json()


# ---------------------------------------------------------------------------------------------------
# A repeated request


def test_a_repeated_request_gives_the_same_answer_with_one_query(api_client, reactions,
                                                                 django_assert_num_queries):
    first = stats(api_client, COUNTRY)

    with django_assert_num_queries(1):  # the data version, nothing else
        second = stats(api_client, COUNTRY)

    assert second == first
    assert {r["key"]: r["count"] for r in first["results"]} == {"MX": 2, "BR": 1}


def test_parameter_order_and_format_do_not_matter_to_the_cache(api_client, reactions,
                                                               django_assert_num_queries):
    answer = stats(api_client, {"group_by": "stance", "country": "MX"})

    with django_assert_num_queries(1):
        again = api_client.get("/api/reactions/stats/?country=MX&group_by=stance")
    with django_assert_num_queries(1):
        csv = api_client.get("/api/reactions/stats/?country=MX&group_by=stance&format=csv")

    assert again.json() == answer
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    assert "Neutral" in csv.content.decode()


def test_filters_still_narrow_cached_counts(api_client, reactions):
    everything = stats(api_client, STANCE)
    mexico_only = stats(api_client, {**STANCE, "country": "MX"})
    brazil_only = stats(api_client, {**STANCE, "country": "BR"})

    assert (everything["total"], mexico_only["total"], brazil_only["total"]) == (3, 2, 1)
    assert {r["key"]: r["count"] for r in brazil_only["results"]} == {"condemns": 1}
    assert stats(api_client, STANCE) == everything


def test_the_total_is_the_number_of_matching_records(api_client, reactions):
    for group_by in ["stance", "country", "kind", "actor_kind", "date"]:
        body = stats(api_client, {"group_by": group_by})
        assert body["total"] == api_client.get("/api/reactions/").json()["count"] == 3
        assert sum(r["count"] for r in body["results"]) == body["total"]


# ---------------------------------------------------------------------------------------------------
# Changes show in the next answer, however they are made


def test_a_new_reaction_shows_in_the_next_answer(api_client, reactions, brazil):
    assert counts(api_client.get("/api/reactions/stats/", COUNTRY)) == {"MX": 2, "BR": 1}

    ReactionFactory(actor=brazil)

    assert counts(api_client.get("/api/reactions/stats/", COUNTRY)) == {"MX": 2, "BR": 2}


def test_an_actor_moved_to_another_country_moves_its_reactions(api_client, reactions, mexico):
    assert counts(api_client.get("/api/reactions/stats/", COUNTRY)) == {"MX": 2, "BR": 1}

    mexico.country = "AR"
    mexico.save()

    assert counts(api_client.get("/api/reactions/stats/", COUNTRY)) == {"AR": 2, "BR": 1}


def test_a_deleted_reaction_leaves_the_counts(api_client, reactions):
    assert stats(api_client, STANCE)["total"] == 3

    Reaction.objects.get(slug="mx-2").delete()

    body = stats(api_client, STANCE)
    assert body["total"] == 2
    assert {r["key"]: r["count"] for r in body["results"]} == {"condemns": 2}


def test_a_raw_sql_update_shows_in_the_next_answer(api_client, reactions):
    assert counts(api_client.get("/api/reactions/stats/", STANCE)) == {"condemns": 2, "neutral": 1}

    with connection.cursor() as cursor:
        cursor.execute("UPDATE events_reaction SET stance = 'supports' WHERE slug = 'mx-1'")

    assert counts(api_client.get("/api/reactions/stats/", STANCE)) == {"supports": 1, "neutral": 1,
                                                                        "condemns": 1}


def test_a_bulk_queryset_update_returning_reactions_to_draft_hides_them(api_client, reactions):
    assert stats(api_client, STANCE)["total"] == 3

    Reaction.objects.filter(actor__slug="mexico").update(status=ReviewStatus.DRAFT)

    assert stats(api_client, STANCE)["total"] == 1


def test_a_new_citation_counts_under_the_source_filter(api_client, reactions):
    source = SourceFactory(slug="el-pais")
    CitationFactory(source=source, reaction=Reaction.objects.get(slug="mx-1"))
    params = {**STANCE, "source": "el-pais"}
    assert stats(api_client, params)["total"] == 1

    CitationFactory(source=source, reaction=Reaction.objects.get(slug="br-1"))

    assert stats(api_client, params)["total"] == 2


def test_a_renamed_source_no_longer_matches_its_old_slug(api_client, reactions):
    source = SourceFactory(slug="el-pais")
    CitationFactory(source=source, reaction=Reaction.objects.get(slug="mx-1"))
    params = {**STANCE, "source": "el-pais"}
    assert stats(api_client, params)["total"] == 1

    source.slug = "el-pais-america"
    source.save()

    assert stats(api_client, params)["total"] == 0


def test_a_new_participant_counts_its_event_under_the_actor_filter(api_client, mexico):
    event = EventFactory(country="EC")
    params = {"group_by": "country", "actor": "mexico"}
    assert stats(api_client, params, "/api/events/stats/")["total"] == 0

    EventActorFactory(event=event, actor=mexico)

    assert stats(api_client, params, "/api/events/stats/")["results"] == [
        {"key": "EC", "label": "Ecuador", "count": 1}]


def remove_the_version_row():
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM events_dataversion")


def test_answers_stay_right_when_the_version_row_is_gone(api_client, reactions, brazil):
    # A flush empties every table, the version's too. Without a version, answers are computed afresh;
    # the next write brings the version (and caching) back.
    remove_the_version_row()
    assert stats(api_client, STANCE)["total"] == 3

    ReactionFactory(actor=brazil)
    assert DataVersion.current() is not None
    remove_the_version_row()

    assert stats(api_client, STANCE)["total"] == 4


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
def test_a_truncated_table_empties_the_counts(api_client, reactions):
    assert stats(api_client, STANCE)["total"] == 3

    with connection.cursor() as cursor:
        # The factories' foreign-key checks are deferred to commit; TRUNCATE refuses pending checks.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE events_reaction CASCADE")

    assert stats(api_client, STANCE) == {"group_by": "stance", "interval": None, "total": 0, "results": []}


# ---------------------------------------------------------------------------------------------------
# Who asks


def test_a_staff_answer_with_drafts_is_never_served_to_anyone_else(api_client, staff_client, reactions,
                                                                   django_user_model):
    assert stats(staff_client, {**STANCE, "status": "all"})["total"] == 4

    refused = api_client.get("/api/reactions/stats/", {**STANCE, "status": "all"})
    assert refused.status_code == 400
    assert "status" in refused.json()

    api_client.force_login(django_user_model.objects.create_user("reader", password="pw-reader-123"))
    assert api_client.get("/api/reactions/stats/", {**STANCE, "status": "all"}).status_code == 400


def test_an_anonymous_answer_is_not_served_to_staff_asking_for_drafts(api_client, staff_client, reactions):
    assert api_client.get("/api/reactions/stats/", {**STANCE, "status": "all"}).status_code == 400
    assert stats(api_client, STANCE)["total"] == 3

    assert stats(staff_client, {**STANCE, "status": "all"})["total"] == 4
    assert stats(staff_client, {**STANCE, "status": "draft"})["total"] == 1


# ---------------------------------------------------------------------------------------------------
# Each record counts once (the counts are plain COUNT(*), without DISTINCT)


def test_a_reaction_cited_twice_by_a_source_counts_once(api_client, reactions):
    source = SourceFactory(slug="el-pais")
    reaction = Reaction.objects.get(slug="mx-1")
    CitationFactory(source=source, reaction=reaction, excerpt="First excerpt.")
    CitationFactory(source=source, reaction=reaction, excerpt="Second excerpt.")

    for group_by in ["stance", "country", "kind", "actor_kind", "date"]:
        body = stats(api_client, {"group_by": group_by, "source": "el-pais"})
        assert body["total"] == 1
        assert sum(r["count"] for r in body["results"]) == 1


def test_an_event_with_several_matching_participants_counts_once(api_client, mexico):
    event = EventFactory(country="MX", date=datetime.date(2024, 4, 5))
    EventActorFactory(event=event, actor=mexico, role="initiator")
    EventActorFactory(event=event, actor=mexico, role="target")
    EventActorFactory(event=event, actor=ActorFactory(slug="mexico-city", country="MX"), role="participant")

    for params in [{"country": "MX"}, {"actor": "mexico,mexico-city"},
                   {"updated_after": "2000-01-01T00:00:00Z"}]:
        for group_by in ["country", "cameo", "date"]:
            body = stats(api_client, {**params, "group_by": group_by}, "/api/events/stats/")
            assert body["total"] == 1, (params, group_by)
            assert [r["count"] for r in body["results"]] == [1]


def test_a_statement_whose_speaker_and_state_share_the_country_counts_once(api_client):
    StatementFactory(speaker=PersonFactory(country="MX"), on_behalf_of=ActorFactory(slug="mx", country="MX"))

    for group_by in ["speaker", "country", "date"]:
        body = stats(api_client, {"group_by": group_by, "country": "MX"}, "/api/statements/stats/")
        assert body["total"] == 1
        assert [r["count"] for r in body["results"]] == [1]
