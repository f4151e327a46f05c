"""A mirror that copies everything once, then stays exact using only `updated_after` and the
deletions feed, while curators add, edit, withdraw and delete records."""

import datetime

import pytest
from django.utils import timezone

from core.choices import ReviewStatus
from events.models import Statement
from tests.factories import ActorFactory, CitationFactory, EventFactory, ReactionFactory, StatementFactory

pytestmark = pytest.mark.django_db

ENDPOINTS = {"reaction": "/api/reactions/", "statement": "/api/statements/", "event": "/api/events/",
             "actor": "/api/actors/", "source": "/api/sources/"}


def fetch_all(client, url, params=None):
    rows, page = [], 1
    while True:
        response = client.get(url, {**(params or {}), "page": page, "page_size": 100})
        assert response.status_code == 200, response.content
        body = response.json()
        rows.extend(body["results"])
        if not body["next"]:
            return rows
        page += 1


def full_copy(client):
    return {kind: {row["public_id"]: row for row in fetch_all(client, url)}
            for kind, url in ENDPOINTS.items()}


def sync(client, mirror, since):
    """One round of the README's sync loop: upsert what changed, drop what was removed."""
    for kind, url in ENDPOINTS.items():
        for row in fetch_all(client, url, {"updated_after": since.isoformat()}):
            mirror[kind][row["public_id"]] = row
    for removal in fetch_all(client, "/api/deletions/", {"since": since.isoformat()}):
        mirror[removal["type"]].pop(removal["public_id"], None)


@pytest.fixture
def curator_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("curator", "c@example.org", "pw-curator-123")
    client.force_login(user)
    return client


def some_data():
    mexico = ActorFactory(name="Mexico", slug="mexico", country="MX")
    event = EventFactory(slug="raid")
    reactions = [ReactionFactory(actor=mexico, event=event) for _ in range(3)]
    for reaction in reactions:
        CitationFactory(reaction=reaction)
    statements = [StatementFactory(event=event) for _ in range(2)]
    return mexico, event, reactions, statements


def test_mirror_synced_incrementally_equals_a_fresh_full_copy(api_client, curator_client):
    mexico, event, reactions, statements = some_data()
    mirror = full_copy(api_client)
    assert len(mirror["reaction"]) == 3
    since = timezone.now() - datetime.timedelta(milliseconds=1)

    # A curator adds, edits, renames, withdraws and deletes.
    added = ReactionFactory(actor=ActorFactory(name="Nicaragua", slug="nicaragua", country="NI"), event=event)
    CitationFactory(reaction=added)
    edited = reactions[0]
    edited.description = "Corrected description."
    edited.save()
    mexico.name = "United Mexican States"  # changes how every Mexican reaction is shown
    mexico.save()
    withdrawn = reactions[1]
    withdrawn.status = ReviewStatus.DRAFT
    withdrawn.save()
    draft_only = ReactionFactory(status=ReviewStatus.DRAFT)  # never public: must not leak
    deleted_statement = statements[0]
    response = curator_client.post(f"/admin/events/statement/{deleted_statement.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302, response.content
    assert not Statement.objects.filter(pk=deleted_statement.pk).exists()

    sync(api_client, mirror, since)

    assert mirror == full_copy(api_client)
    assert str(added.public_id) in mirror["reaction"]
    assert str(withdrawn.public_id) not in mirror["reaction"]
    assert str(draft_only.public_id) not in mirror["reaction"]
    assert str(deleted_statement.public_id) not in mirror["statement"]
    assert mirror["reaction"][str(reactions[2].public_id)]["actor"]["name"] == "United Mexican States"


def test_deletion_feed_lists_a_curators_delete_with_type_and_time(api_client, curator_client):
    reaction = ReactionFactory()
    public_id = str(reaction.public_id)
    since = timezone.now()
    curator_client.post(f"/admin/events/reaction/{reaction.pk}/delete/", {"post": "yes"})

    body = api_client.get("/api/deletions/", {"since": since.isoformat()}).json()

    assert [(r["public_id"], r["type"], r["reason"]) for r in body["results"]] == [
        (public_id, "reaction", "deleted")]
    assert datetime.datetime.fromisoformat(body["results"][0]["removed_at"]) >= since


def test_deletion_feed_hides_drafts_that_were_never_public(api_client):
    since = timezone.now()
    ReactionFactory(status=ReviewStatus.DRAFT)
    assert api_client.get("/api/deletions/", {"since": since.isoformat()}).json()["results"] == []


def test_a_draft_deleted_before_anyone_reviewed_it_is_not_named_to_anonymous_users(
        api_client, staff_client, curator_client):
    draft = ReactionFactory(status=ReviewStatus.DRAFT)
    since = timezone.now()
    response = curator_client.post(f"/admin/events/reaction/{draft.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302

    anonymous = api_client.get("/api/deletions/", {"since": since.isoformat()}).json()["results"]
    staff = staff_client.get("/api/deletions/", {"since": since.isoformat()}).json()["results"]

    assert anonymous == []
    # Staff could see the draft, so their mirrors learn it is gone.
    assert [(r["public_id"], r["reason"]) for r in staff] == [(str(draft.public_id), "deleted")]


def test_a_record_once_public_then_withdrawn_and_deleted_is_named_as_deleted(api_client, curator_client):
    reaction = ReactionFactory()  # reviewed: anonymous users saw it
    reaction.status = ReviewStatus.DRAFT
    reaction.save()
    since = timezone.now()
    curator_client.post(f"/admin/events/reaction/{reaction.pk}/delete/", {"post": "yes"})

    body = api_client.get("/api/deletions/", {"since": since.isoformat()}).json()
    assert [(r["public_id"], r["reason"]) for r in body["results"]] == [(str(reaction.public_id), "deleted")]


def test_withdrawn_record_is_listed_for_anonymous_but_not_for_staff(api_client, staff_client):
    reaction = ReactionFactory()
    since = timezone.now()
    reaction.status = ReviewStatus.DRAFT
    reaction.save()

    anonymous = api_client.get("/api/deletions/", {"since": since.isoformat()}).json()["results"]
    staff = staff_client.get("/api/deletions/", {"since": since.isoformat()}).json()["results"]

    assert [(r["public_id"], r["reason"]) for r in anonymous] == [(str(reaction.public_id), "withdrawn")]
    assert staff == []


def test_a_record_reviewed_again_leaves_the_feed_and_comes_back_through_updated_after(api_client):
    reaction = ReactionFactory()
    since = timezone.now()
    reaction.status = ReviewStatus.DRAFT
    reaction.save()
    reaction.status = ReviewStatus.REVIEWED
    reaction.save()

    assert api_client.get("/api/deletions/", {"since": since.isoformat()}).json()["results"] == []
    changed = api_client.get("/api/reactions/", {"updated_after": since.isoformat()}).json()["results"]
    assert [r["public_id"] for r in changed] == [str(reaction.public_id)]


def test_deletion_feed_can_be_limited_to_types(api_client):
    reaction, statement = ReactionFactory(), StatementFactory()
    since = timezone.now()
    reaction.delete()
    statement.delete()
    body = api_client.get("/api/deletions/", {"since": since.isoformat(), "type": "statement"}).json()
    assert [r["type"] for r in body["results"]] == ["statement"]


@pytest.mark.parametrize("params, message", [
    ({}, "required"),
    ({"since": ""}, "required"),
    ({"since": "2024-04-06T00:00:00"}, "time zone"),
    ({"since": "yesterday"}, "ISO 8601"),
    ({"since": "2024-04-06T00:00:00Z", "type": "planet"}, "valid choice"),
])
def test_deletion_feed_rejects_bad_parameters_naming_them(api_client, params, message):
    response = api_client.get("/api/deletions/", params)
    assert response.status_code == 400
    body = response.json()
    name = "type" if "type" in params else "since"
    assert message in " ".join(body[name])


def test_updated_after_includes_a_reaction_whose_actor_was_renamed(api_client):
    reaction = ReactionFactory()
    since = timezone.now()
    assert api_client.get("/api/reactions/", {"updated_after": since.isoformat()}).json()["results"] == []
    reaction.actor.name = "Renamed"
    reaction.actor.save()
    rows = api_client.get("/api/reactions/", {"updated_after": since.isoformat()}).json()["results"]
    assert [r["actor"]["name"] for r in rows] == ["Renamed"]


@pytest.mark.parametrize("path, params", [
    ("/api/reactions/", {}), ("/api/reactions/", {"cursor": ""}),
    ("/api/actors/", {"updated_after": "2024-01-01T00:00:00Z"}),
    ("/api/deletions/", {"since": "2024-01-01T00:00:00Z"}),
])
def test_every_page_says_until_when_its_data_is_complete(api_client, path, params):
    ReactionFactory()
    before = timezone.now()
    response = api_client.get(path, params)
    after = timezone.now()
    assert response.status_code == 200
    # Served by the primary here: complete up to the moment the request started (replicas: test_mirror_lag).
    complete_until = datetime.datetime.fromisoformat(response["Data-Complete-Until"])
    assert complete_until.tzinfo is not None and before <= complete_until <= after


def test_the_moment_is_a_header_so_the_etag_stays_the_same_while_the_data_does(api_client):
    ReactionFactory()
    first, second = api_client.get("/api/reactions/"), api_client.get("/api/reactions/")
    assert first["Data-Complete-Until"] < second["Data-Complete-Until"]
    assert first["ETag"] == second["ETag"]
    assert api_client.get("/api/reactions/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
