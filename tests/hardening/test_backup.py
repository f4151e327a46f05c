"""A backup exported with export_backup restores into an empty database with identical API output."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from actors.models import Actor
from core.choices import ReviewStatus
from events import services
from events.models import Reaction
from sources.models import Citation, Source, SourceText
from tests.factories import ReactionFactory, SourceFactory

DRAFT = ReviewStatus.DRAFT

LIST_ENDPOINTS = ["reactions", "statements", "events", "actors", "sources"]


def api_snapshot(client):
    snapshot = {}
    for endpoint in LIST_ENDPOINTS:
        response = client.get(f"/api/{endpoint}/", {"page_size": 1000})
        assert response.status_code == 200
        body = response.json()
        assert body["next"] is None  # everything on one page
        snapshot[endpoint] = body["results"]
    return snapshot


def archived_texts(staff_client):
    """Each source's archived text as staff read it from the API (all of it: text, hash, provenance)."""
    texts = {}
    for slug in Source.objects.values_list("slug", flat=True):
        response = staff_client.get(f"/api/sources/{slug}/text/")
        texts[slug] = response.json() if response.status_code == 200 else response.status_code
    return texts


def first_difference(before, after):
    """(endpoint, slug, field, before, after) of the first difference, or None."""
    for endpoint in LIST_ENDPOINTS:
        if len(before[endpoint]) != len(after[endpoint]):
            return endpoint, None, "count", len(before[endpoint]), len(after[endpoint])
        for old, new in zip(before[endpoint], after[endpoint], strict=True):
            for field in sorted(old.keys() | new.keys()):
                if old.get(field) != new.get(field):
                    return endpoint, old.get("slug"), field, old.get(field), new.get(field)
    return None


# Outside a test transaction: PostgreSQL will not TRUNCATE (flush) tables with pending trigger events.
@pytest.mark.django_db(transaction=True)
def test_backup_round_trip_gives_identical_api_output(seeded_with_texts, api_client, staff_client,
                                                      tmp_path):
    # An older, distinct updated_at: a restore that re-stamped it (auto_now) would show.
    Actor.objects.filter(pk=Actor.objects.order_by("pk").first().pk).update(
        updated_at=dt.datetime(2024, 5, 1, 12, 0, tzinfo=dt.UTC))
    before = api_snapshot(api_client)
    assert all(before[endpoint] for endpoint in LIST_ENDPOINTS)
    reaction_count = Reaction.objects.count()
    texts_before = archived_texts(staff_client)
    assert all(isinstance(text, dict) and text["text"] for text in texts_before.values())
    assert Citation.objects.filter(excerpt_start__isnull=False).count() == Citation.objects.count()

    backup = tmp_path / "backup.json"
    call_command("export_backup", output=str(backup), verbosity=0)
    records = json.loads(backup.read_text())
    exported = {record["model"] for record in records}
    assert {"actors.actor", "actors.role", "sources.source", "sources.sourcetext", "events.event",
            "events.eventactor", "events.statement", "events.reaction", "sources.citation"} <= exported
    assert not any(label.split(".")[1].startswith("historical") for label in exported)
    # Slug-keyed records carry no database ids; references are by slug.
    reaction = next(r for r in records if r["model"] == "events.reaction")
    assert "pk" not in reaction and isinstance(reaction["fields"]["actor"], list)

    # A text travels keyed by its source's slug, with its provenance.
    text = next(r for r in records if r["model"] == "sources.sourcetext")
    assert "pk" not in text and isinstance(text["fields"]["source"], list) and text["fields"]["text"]

    call_command("flush", interactive=False, verbosity=0)
    assert Reaction.objects.count() == 0 and Actor.objects.count() == 0 and SourceText.objects.count() == 0
    assert all(api_snapshot(api_client)[endpoint] == [] for endpoint in LIST_ENDPOINTS)

    call_command("loaddata", str(backup), verbosity=0)
    assert Reaction.objects.count() == reaction_count
    # Sources (has_text, text_sha256), citations (offsets, verified) and statements (quote positions)
    # are part of the list output compared here; the texts themselves through the staff endpoint.
    assert first_difference(before, api_snapshot(api_client)) is None
    assert archived_texts(staff_client) == texts_before


def removals(client, since):
    response = client.get("/api/deletions/", {"since": since.isoformat(), "page_size": 1000})
    assert response.status_code == 200, response.content
    return response.json()["results"]


# Finding 12 of the second hardening round: backups carry the deletions feed and the reviewers.
@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_answers_the_deletions_feed_as_before_without_accounts_created_first(
        seeded, api_client, django_user_model, tmp_path):
    maria = django_user_model.objects.create_user("maria", password="pw-maria-123", is_staff=True)
    since = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    draft = ReactionFactory(slug="reviewed-by-maria", actor=Actor.objects.get(slug="mexico"), status=DRAFT)
    services.mark_reviewed(queryset=Reaction.objects.filter(pk=draft.pk), user=maria)
    withdrawn, deleted = Reaction.objects.exclude(pk=draft.pk).order_by("pk")[:2]
    services.return_to_draft(queryset=Reaction.objects.filter(pk__in=[withdrawn.pk, deleted.pk]), user=maria)
    Reaction.objects.get(pk=deleted.pk).delete()                # once public: the feed names it
    ReactionFactory(slug="never-public", status=DRAFT).delete()  # never public: only staff hear of it
    SourceFactory(slug="retracted-source").delete()             # sources are always public
    staff_client = APIClient()
    staff_client.force_authenticate(maria)
    before_anonymous, before_staff = removals(api_client, since), removals(staff_client, since)
    assert {(r["type"], r["reason"]) for r in before_anonymous} == {
        ("reaction", "withdrawn"), ("reaction", "deleted"), ("source", "deleted")}
    assert len(before_staff) == 3  # two deletions and the never-public draft; no withdrawals

    backup = tmp_path / "backup.json"
    call_command("export_backup", output=str(backup), verbosity=0)
    assert "pw-maria" not in backup.read_text() and maria.password not in backup.read_text()
    call_command("flush", interactive=False, verbosity=0)
    assert not django_user_model.objects.exists()

    call_command("loaddata", str(backup), verbosity=0)  # no account created first

    assert removals(api_client, since) == before_anonymous
    restored = django_user_model.objects.get(username="maria")
    assert not restored.has_usable_password() and not restored.is_staff
    assert Reaction.objects.get(slug="reviewed-by-maria").reviewed_by == restored
    staff_client.force_authenticate(django_user_model.objects.create_user("staffer", is_staff=True))
    assert removals(staff_client, since) == before_staff


@pytest.mark.django_db(transaction=True)
def test_restoring_a_backup_leaves_an_existing_account_as_it_is(seeded, django_user_model, tmp_path):
    maria = django_user_model.objects.create_user("maria", password="pw-maria-123", is_staff=True)
    services.mark_reviewed(queryset=Reaction.objects.filter(pk=ReactionFactory(status=DRAFT).pk), user=maria)
    backup = tmp_path / "backup.json"
    call_command("export_backup", output=str(backup), verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    django_user_model.objects.create_user("maria", password="a-new-password-456", is_staff=True,
                                          email="maria@example.org")

    call_command("loaddata", str(backup), verbosity=0)

    maria = django_user_model.objects.get(username="maria")
    assert maria.check_password("a-new-password-456")
    assert maria.is_staff and maria.email == "maria@example.org"
