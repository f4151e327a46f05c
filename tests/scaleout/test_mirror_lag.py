"""A mirror syncing through the README's loop stays exact while its pages come from a lagging replica.

The replica's replay is paused while a curator adds, edits, renames, withdraws and deletes on the primary,
and the mirror syncs in between: it reads the replica's stale pages, as any reader would. Each page says
until when its data is complete (``Data-Complete-Until``: the replica's last replayed commit), and the loop
takes its next ``since`` from that, not from its own clock, so once the replica catches up the next round
brings every change. A loop that used its own clock (the README's earlier version) loses them for good:
this test runs both and checks that difference too, so it shows the lag really was there.
"""

import datetime
import json
import time
import urllib.parse

import pytest

from deploy.local.topology import Topology
from tests.scaleout.conftest import HttpClient, wait_until

TYPES = {"reaction": "reactions", "statement": "statements", "event": "events", "actor": "actors",
         "source": "sources"}
MARGIN = datetime.timedelta(seconds=5)  # the README loop's margin

CREATE = """
from tests.factories import ActorFactory, CitationFactory, EventFactory, ReactionFactory, StatementFactory
freedonia = ActorFactory(name="Freedonia", slug="freedonia", country="MX")
event = EventFactory(slug="border-incident")
for n in range(3):
    CitationFactory(reaction=ReactionFactory(actor=freedonia, event=event, slug=f"freedonia-{n}"))
for n in range(2):
    StatementFactory(event=event, slug=f"statement-{n}")
"""

CURATE = """
import factory
from tests import factories
# A new process: start the factories' sequences past those CREATE used, so slugs stay unique.
for made in vars(factories).values():
    if isinstance(made, type) and issubclass(made, factory.django.DjangoModelFactory):
        try:
            made.reset_sequence(1000)
        except ValueError:  # shares its sequence with a parent factory, reset there
            pass
from actors.models import Actor
from events.models import Reaction, Statement
from tests.factories import ActorFactory, CitationFactory, ReactionFactory
event = Reaction.objects.get(slug="freedonia-0").event
added = ReactionFactory(actor=ActorFactory(name="Sylvania", slug="sylvania", country="NI"), event=event,
                        slug="sylvania-0")
CitationFactory(reaction=added)
edited = Reaction.objects.get(slug="freedonia-0")
edited.description = "Corrected once the border commission reported."
edited.save()
freedonia = Actor.objects.get(slug="freedonia")
freedonia.name = "Republic of Freedonia"
freedonia.save()
withdrawn = Reaction.objects.get(slug="freedonia-1")
withdrawn.status = "draft"
withdrawn.save()
Statement.objects.get(slug="statement-0").delete()
"""


# The README's loop ("Keeping a mirror in sync"), with this folder's HTTP client instead of requests.
def pages(client, path, params, complete):
    url = f"{path}?{urllib.parse.urlencode(params)}" if params else path
    while url:
        response = client.get(url)
        assert response.status == 200, response.body[:300]
        complete.append(datetime.datetime.fromisoformat(response.headers["Data-Complete-Until"]))
        body = json.loads(response.body)
        yield from body["results"]
        url = body["next"] and urllib.parse.urlsplit(body["next"])._replace(scheme="", netloc="").geturl()


def sync(client, mirror, since):
    complete = []
    for kind, path in TYPES.items():
        for row in pages(client, f"/api/{path}/", {"updated_after": since.isoformat()} if since else {},
                         complete):
            mirror[kind][row["public_id"]] = row
    if since:
        for gone in pages(client, "/api/deletions/", {"since": since.isoformat()}, complete):
            mirror[gone["type"]].pop(gone["public_id"], None)
    return min(complete) - MARGIN


def sync_by_own_clock(client, mirror, since):
    """The earlier loop: the next `since` is when this round started, by the mirror's clock."""
    started = datetime.datetime.now(datetime.UTC)
    sync(client, mirror, since)
    return started - MARGIN


def empty():
    return {kind: {} for kind in TYPES}


@pytest.fixture(scope="module")
def lagging_topology():
    # A generous threshold: the replica stays in rotation however far behind the test pushes it.
    with Topology(seeds=False, app_env={"DATABASE_REPLICA_MAX_LAG": "3600",
                                        "DATABASE_REPLICA_CHECK_INTERVAL": "0.2"}) as running:
        yield running


def test_mirror_stays_exact_when_its_pages_come_from_a_lagging_replica(lagging_topology):
    topology = lagging_topology
    topology.manage("shell", "-c", CREATE)
    topology.wait_for_replication()
    reader = HttpClient(topology.url("app1"))  # anonymous: served by the replica
    mirror, by_clock = empty(), empty()
    since = sync(reader, mirror, None)
    clock_since = sync_by_own_clock(reader, by_clock, None)
    assert len(mirror["reaction"]) == 3 and by_clock == mirror

    topology.replica_sql("SELECT pg_wal_replay_pause()")
    try:
        topology.manage("shell", "-c", CURATE)
        time.sleep(MARGIN.total_seconds() + 1)  # the replica now lags more than the loop's margin
        # Both mirrors sync from the stale replica: nothing new is visible yet.
        since = sync(reader, mirror, since)
        clock_since = sync_by_own_clock(reader, by_clock, clock_since)
        assert "sylvania" not in {r["actor"]["slug"] for r in mirror["reaction"].values()}
        state = json.loads(reader.get("/readyz").body)["databases"]["replica1"]
        assert state["reads"] is True and state["lag_seconds"] > MARGIN.total_seconds()
    finally:
        topology.replica_sql("SELECT pg_wal_replay_resume()")
    topology.wait_for_replication()
    wait_until(lambda: "sylvania" in reader.get("/api/actors/sylvania/").body.decode(),
               message="the app to read the caught-up replica")

    sync(reader, mirror, since)
    sync_by_own_clock(reader, by_clock, clock_since)

    fresh = empty()
    sync(reader, fresh, None)
    assert mirror == fresh
    reactions = {r["slug"]: r for r in mirror["reaction"].values()}
    assert "sylvania-0" in reactions and "freedonia-1" not in reactions
    assert reactions["freedonia-0"]["description"] == "Corrected once the border commission reported."
    assert reactions["freedonia-2"]["actor"]["name"] == "Republic of Freedonia"
    assert {s["slug"] for s in mirror["statement"].values()} == {"statement-1"}
    # The clock-based loop skipped the changes the lagging replica had not shown it yet.
    assert by_clock != fresh
    assert "sylvania-0" not in {r["slug"] for r in by_clock["reaction"].values()}
