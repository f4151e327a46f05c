"""Property-based fuzzing of every API operation and parameter in /api/schema/ (Schemathesis).

Anonymous requests against the seeded database, through the WSGI app in-process. Every response
must be free of 5xx, have a documented content type, and match the schema's response body;
4xx answers to generated bad input are allowed (the schema does not list them).
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings
from rest_framework.throttling import AnonRateThrottle
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from config.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)

CHECKS = [not_a_server_error, content_type_conformance, response_schema_conformance]


@pytest.fixture
def unthrottled(monkeypatch):
    # Hundreds of generated requests per minute from one anonymous client are the point here.
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "1000000/minute"})


@pytest.fixture
def keep_test_connection():
    # Requests go through the real WSGI handler, whose request signals close "obsolete" database
    # connections: in a test transaction that would close the test's own connection. Django's
    # test client disconnects the same handler for the same reason.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.usefixtures("seeded", "unthrottled", "keep_test_connection")
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_answers_without_5xx_and_as_documented(case):
    # One savepoint per request, like autocommit in production: on PostgreSQL a failed query must
    # not abort the test's transaction and fail every later example with it.
    with transaction.atomic():
        case.call_and_validate(checks=CHECKS)
