"""The loopback topology serves the seeded API through the caching reverse proxy (nginx): public answers
come from its cache, expired ones are revalidated with their ETag, signed-in users always reach the app."""

import time

from tests.scaleout.conftest import PROXY_MAX_AGE, HttpClient, sign_in

LIST = "/api/reactions/?country=NI"


def test_the_seeded_api_is_served_through_the_proxy_and_repeats_come_from_its_cache(topology):
    proxy = HttpClient(topology.url("proxy"))
    path = f"{LIST}&proxy-test=repeat"
    first = proxy.get(path)
    second = proxy.get(path)

    assert first.status == 200 and second.status == 200
    assert first.json()["count"] >= 1  # the seed data: Nicaragua severs ties
    assert [r["actor"]["slug"] for r in first.json()["results"]] == ["nicaragua"] * first.json()["count"]
    assert first.headers["X-Cache-Status"] == "MISS"
    assert second.headers["X-Cache-Status"] == "HIT"
    assert second.body == first.body and second.headers["ETag"] == first.headers["ETag"]


def test_the_proxy_answers_a_conditional_request_with_304_from_its_cache(topology):
    proxy = HttpClient(topology.url("proxy"))
    path = "/api/reactions/stats/?group_by=stance&proxy-test=etag"
    etag = proxy.get(path).headers["ETag"]
    again = proxy.get(path, **{"If-None-Match": etag})
    assert again.status == 304 and again.body == b""
    assert again.headers["X-Cache-Status"] == "HIT"


def test_an_expired_answer_is_revalidated_with_its_etag(topology):
    proxy = HttpClient(topology.url("proxy"))
    path = f"{LIST}&proxy-test=revalidate"
    first = proxy.get(path)
    time.sleep(PROXY_MAX_AGE + 1.5)  # nginx counts whole seconds: expired once a full second past max-age
    again = proxy.get(path)
    # The app answered the proxy's If-None-Match with 304; the proxy served its copy, now fresh again.
    assert again.status == 200 and again.body == first.body
    assert again.headers["X-Cache-Status"] == "REVALIDATED"


def test_signed_in_users_always_reach_the_app_and_are_never_cached(topology):
    topology.manage("setup_curators", "--user", "proxy-curator")
    topology.manage("shell", "-c", "from django.contrib.auth import get_user_model; "
                    "u = get_user_model().objects.get(username='proxy-curator'); "
                    "u.set_password('pw-curator-456'); u.save()")
    curator = HttpClient(topology.url("proxy"))
    sign_in(curator, "proxy-curator", "pw-curator-456")
    path = f"{LIST}&proxy-test=signed-in"
    answers = [curator.get(path) for _ in range(2)]
    assert [a.headers["X-Cache-Status"] for a in answers] == ["BYPASS", "BYPASS"]
    assert answers[0].headers["Cache-Control"] == "private, no-store"
    # An anonymous client asking the same thing gets a fresh, public answer, not the curator's.
    anonymous = HttpClient(topology.url("proxy")).get(path)
    assert anonymous.headers["X-Cache-Status"] == "MISS"
    assert anonymous.headers["Cache-Control"] == f"public, max-age={PROXY_MAX_AGE}"


def test_the_proxy_spreads_requests_over_both_app_processes(topology):
    # Two app processes behind one upstream: stopping one leaves the API answering through the other.
    for service in ("app1", "app2"):
        assert HttpClient(topology.url(service)).get("/api/actors/nicaragua/").status == 200
    proxy = HttpClient(topology.url("proxy"))
    topology.stop_service("app2")
    try:
        statuses = [proxy.get(f"/api/actors/?proxy-test=spread-{i}").status for i in range(6)]
        assert statuses == [200] * 6
    finally:
        topology.start_app("app2")
