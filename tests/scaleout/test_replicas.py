"""Reads from a real streaming replica: anonymous reads land on it, writes and signed-in users on the
primary, a writer reads its own writes, and a replica that lags past the threshold or goes down leaves the
rotation (reads fall back to the primary), /readyz says so, and it comes back by itself.

"The replica serves this read" is shown the way a user would notice it: with replay paused on the
replica (pg_wal_replay_pause()), a change committed on the primary is not there yet, so an answer without
it came from the replica and an answer with it came from the primary.
"""

import re

import pytest

from tests.scaleout.conftest import (
    REPLICA_MAX_LAG,
    HttpClient,
    form_fields,
    heartbeat,
    sign_in,
    wait_until,
)

SLUG = "nicaragua"


@pytest.fixture(scope="module")
def curator(topology):
    topology.manage("setup_curators", "--user", "maria")
    topology.manage("shell", "-c", "from django.contrib.auth import get_user_model; "
                    "u = get_user_model().objects.get(username='maria'); u.set_password('pw-curator-123'); "
                    "u.save()")
    return "maria", "pw-curator-123"


@pytest.fixture
def paused_replica(topology):
    """Replay paused right after a fresh commit was replayed (so the lag clock starts at zero)."""
    heartbeat(topology)
    topology.replica_sql("SELECT pg_wal_replay_pause()")
    try:
        yield
    finally:
        topology.replica_sql("SELECT pg_wal_replay_resume()")
        topology.wait_for_replication()


def actor_name(client, slug=SLUG):
    response = client.get(f"/api/actors/{slug}/")
    assert response.status == 200, response.body[:300]
    return response.json()["name"]


def name_in(topology, where):
    sql = "SELECT name FROM actors_actor WHERE slug = 'nicaragua'"
    rows = topology.primary_sql(sql) if where == "primary" else topology.replica_sql(sql)
    return rows[0][0]


def rename_in_admin(client, topology, new_name):
    pk = topology.primary_sql("SELECT id FROM actors_actor WHERE slug = %s", (SLUG,))[0][0]
    page = client.get(f"/admin/actors/actor/{pk}/change/")
    assert page.status == 200, page.body[:300]
    fields = form_fields(page.body)
    fields["name"] = [new_name]
    fields["_save"] = ["Save"]
    response = client.post(f"/admin/actors/actor/{pk}/change/", fields)
    assert response.status == 302, re.findall(rb"errorlist.{0,300}", response.body)[:5]


def readyz(topology, service="app1"):
    response = HttpClient(topology.url(service)).get("/readyz")
    assert response.status == 200, response.body
    return response.json()["databases"]


def replica_reads(topology, reads):
    """/readyz's databases when it says reads do (or do not) go to the replica, else None."""
    state = readyz(topology)
    return state if state["replica1"]["reads"] is reads else None


def test_anonymous_reads_come_from_the_replica_and_a_curators_edit_is_visible_to_the_curator_at_once(
        topology, curator, paused_replica):
    before = name_in(topology, "replica")
    maria = HttpClient(topology.url("app1"))
    sign_in(maria, *curator)

    rename_in_admin(maria, topology, "Republic of Nicaragua (edited)")

    # The write went to the primary; the paused replica has not replayed it.
    assert name_in(topology, "primary") == "Republic of Nicaragua (edited)"
    assert name_in(topology, "replica") == before
    # The curator sees the edit at once (signed in: every read on the primary) ...
    assert actor_name(maria) == "Republic of Nicaragua (edited)"
    # ... while anonymous readers of both app processes are served by the replica.
    for service in ("app1", "app2"):
        assert actor_name(HttpClient(topology.url(service))) == before
    assert readyz(topology)["replica1"]["reads"] is True

    topology.replica_sql("SELECT pg_wal_replay_resume()")
    wait_until(lambda: actor_name(HttpClient(topology.url("app2"))) == "Republic of Nicaragua (edited)",
               message="the replica to replay the edit")
    rename_in_admin(maria, topology, before)


def test_a_client_that_wrote_keeps_reading_from_the_primary_for_the_pinning_time(topology, curator,
                                                                                paused_replica):
    before = name_in(topology, "replica")
    client = HttpClient(topology.url("app1"))
    sign_in(client, *curator)
    rename_in_admin(client, topology, "Nicaragua (pinned read)")
    response = client.post("/admin/logout/", {"csrfmiddlewaretoken": client.cookies["csrftoken"]})
    assert response.status in (200, 302)

    # Signed out, no session: only the pinning cookie set by its writes keeps it on the primary.
    assert "sessionid" not in client.cookies and "pin_primary" in client.cookies
    pin = next(c for c in response.headers.get_all("Set-Cookie") if c.startswith("pin_primary="))
    assert "Max-Age=6" in pin  # REPLICA_MAX_LAG + one check interval, rounded up
    assert actor_name(client) == "Nicaragua (pinned read)"
    assert actor_name(HttpClient(topology.url("app1"))) == before

    topology.replica_sql("SELECT pg_wal_replay_resume()")
    topology.wait_for_replication()
    sign_in(client, *curator)
    rename_in_admin(client, topology, before)


def test_a_replica_lagging_past_the_threshold_leaves_the_rotation_and_readyz_says_so(topology,
                                                                                     paused_replica):
    before = name_in(topology, "replica")
    topology.primary_sql("UPDATE actors_actor SET name = 'Nicaragua (lag test)' WHERE slug = %s", (SLUG,))
    anonymous = HttpClient(topology.url("app1"))
    assert actor_name(anonymous) == before  # still within the threshold: the replica answers

    state = wait_until(lambda: replica_reads(topology, False),
                       timeout=REPLICA_MAX_LAG + 10, message="the replica to leave the rotation")
    assert state["replica1"]["status"] == "lagging"
    assert state["replica1"]["lag_seconds"] > REPLICA_MAX_LAG
    assert state["default"]["reads"] is True
    # Reads moved to the primary, in both app processes.
    assert actor_name(anonymous) == "Nicaragua (lag test)"
    wait_until(lambda: actor_name(HttpClient(topology.url("app2"))) == "Nicaragua (lag test)",
               message="app2 to read from the primary")

    topology.replica_sql("SELECT pg_wal_replay_resume()")
    state = wait_until(lambda: replica_reads(topology, True),
                       message="the replica to rejoin the rotation")
    assert state["replica1"]["status"] == "ok" and state["default"]["reads"] is False
    topology.primary_sql("UPDATE actors_actor SET name = %s WHERE slug = %s", (before, SLUG))


def test_a_replica_that_is_down_leaves_the_rotation_and_comes_back_by_itself(topology):
    topology.stop_replica()
    try:
        state = wait_until(lambda: replica_reads(topology, False),
                           message="the replica to leave the rotation")
        assert state["replica1"]["status"] == "unavailable"
        assert state["default"] == {"role": "primary", "status": "ok", "reads": True}
        readyz(topology, "app2")  # each process checks for itself; this one has now seen it too
        for service in ("app1", "app2"):
            client = HttpClient(topology.url(service))
            statuses = [client.get(path).status for path in ("/api/reactions/?country=NI", "/api/actors/",
                                                             f"/api/actors/{SLUG}/", "/api/events/")]
            assert statuses == [200, 200, 200, 200]
    finally:
        topology.start_replica()
    heartbeat(topology)  # a restarted replica joins once it has replayed a commit (complete_until known)
    state = wait_until(lambda: replica_reads(topology, True),
                       message="the replica to rejoin the rotation")
    assert state["replica1"]["status"] == "ok"
