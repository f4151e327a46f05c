"""Which database a read goes to, decided in-process (the real replicas are in test_replicas.py)."""

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.test import RequestFactory
from django.test.utils import override_settings
from multidb.pinning import unpin_this_thread

from config import db_routers
from config.db_routers import ReplicaRouter, ReplicaRoutingMiddleware, ReplicaState


@pytest.fixture(autouse=True)
def _forget_the_choice():
    yield
    # The choice is per thread, and pytest runs every test in this one: later tests must read "default".
    db_routers._clear_request_state()
    unpin_this_thread()


def choose_replica(monkeypatch):
    state = ReplicaState("replica1", "ok", 0.0, lag_seconds=0.0, replayed_until="2026-01-01T00:00:00Z")
    monkeypatch.setattr(db_routers.health, "choose", lambda: state)


def route(request):
    unpin_this_thread()
    ReplicaRoutingMiddleware(lambda r: None).process_request(request)
    return ReplicaRouter().db_for_read(User)


def test_an_anonymous_read_goes_to_the_replica_in_rotation(monkeypatch):
    choose_replica(monkeypatch)
    assert route(RequestFactory().get("/api/reactions/")) == "replica1"


def test_signed_in_users_the_admin_and_writers_read_from_the_primary(monkeypatch):
    choose_replica(monkeypatch)
    factory = RequestFactory()
    assert route(factory.get("/api/reactions/", HTTP_COOKIE="sessionid=abc")) == "default"
    assert route(factory.get("/api/reactions/", HTTP_AUTHORIZATION="Basic bWFyaWE6cHc=")) == "default"
    assert route(factory.get("/admin/events/reaction/")) == "default"
    assert route(factory.post("/admin/login/")) == "default"


@override_settings(MULTIDB_PINNING_COOKIE="pin_primary")
def test_a_client_that_just_wrote_reads_from_the_primary(monkeypatch):
    choose_replica(monkeypatch)
    assert route(RequestFactory().get("/api/reactions/", HTTP_COOKIE="pin_primary=y")) == "default"


def test_with_no_replica_in_rotation_reads_go_to_the_primary(monkeypatch):
    monkeypatch.setattr(db_routers.health, "choose", lambda: None)
    assert route(RequestFactory().get("/api/reactions/")) == "default"


def test_a_read_inside_a_transaction_goes_to_the_primary(monkeypatch, db):
    choose_replica(monkeypatch)
    route(RequestFactory().get("/api/reactions/"))
    with transaction.atomic():
        assert ReplicaRouter().db_for_read(User) == "default"


def test_outside_a_request_reads_go_to_the_primary():
    db_routers._clear_request_state()
    assert ReplicaRouter().db_for_read(User) == "default"


def test_writes_always_go_to_the_primary(monkeypatch):
    choose_replica(monkeypatch)
    route(RequestFactory().get("/api/reactions/"))
    assert ReplicaRouter().db_for_write(User) == "default"
