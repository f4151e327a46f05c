"""A backup exported with export_backup restores into an empty database with identical API output."""

import datetime as dt
import json

import pytest
from django.core.management import call_command

from actors.models import Actor
from events.models import Reaction

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
def test_backup_round_trip_gives_identical_api_output(seeded, api_client, tmp_path):
    # An older, distinct updated_at: a restore that re-stamped it (auto_now) would show.
    Actor.objects.filter(pk=Actor.objects.order_by("pk").first().pk).update(
        updated_at=dt.datetime(2024, 5, 1, 12, 0, tzinfo=dt.UTC))
    before = api_snapshot(api_client)
    assert all(before[endpoint] for endpoint in LIST_ENDPOINTS)
    reaction_count = Reaction.objects.count()

    backup = tmp_path / "backup.json"
    call_command("export_backup", output=str(backup), verbosity=0)
    records = json.loads(backup.read_text())
    exported = {record["model"] for record in records}
    assert {"actors.actor", "actors.role", "sources.source", "events.event", "events.eventactor",
            "events.statement", "events.reaction", "sources.citation"} <= exported
    assert not any(label.split(".")[1].startswith("historical") for label in exported)
    # Slug-keyed records carry no database ids; references are by slug.
    reaction = next(r for r in records if r["model"] == "events.reaction")
    assert "pk" not in reaction and isinstance(reaction["fields"]["actor"], list)

    call_command("flush", interactive=False, verbosity=0)
    assert Reaction.objects.count() == 0 and Actor.objects.count() == 0
    assert all(api_snapshot(api_client)[endpoint] == [] for endpoint in LIST_ENDPOINTS)

    call_command("loaddata", str(backup), verbosity=0)
    assert Reaction.objects.count() == reaction_count
    assert first_difference(before, api_snapshot(api_client)) is None
