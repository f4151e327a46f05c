"""Property-based fuzzing of every API operation and parameter in /api/schema/ (Schemathesis).

Anonymous requests against the seeded database, through the WSGI app in-process, with all of
Schemathesis' checks: no 5xx, no status, content type or header the schema does not document, bodies
that match the schema, 405 with Allow for methods the schema does not list, and no schema-valid request
refused. The one exception to the last is explicit and checked: a few rules span several parameters,
which an OpenAPI parameter list cannot express, so a request breaking one may get a 400, and then only
a 400 naming the parameter of that rule (each rule is also in that parameter's description):

- ``cursor`` is opaque: only the one in a ``next`` link is valid, and it does not combine with ``page``;
- ``ordering`` does not combine with ``updated_after`` (whose results come in (updated_at, id) order);
- ``interval`` goes with ``group_by=date`` only;
- ``status=draft`` and ``status=all`` are for staff.

Schema-invalid requests must be refused (negative_data_rejection), with two exceptions: an empty value
(``?country=``, ``?ordering=,``) is the parameter not given, as for every parameter, and a 414 for an
overlong query string is a refusal too. (The API is also lenient where the schema names the canonical
form: ``country`` documents the ISO alpha-2 codes typed clients send, and people may type ``nic`` or
``Nicaragua``; random generation practically never hits those.)
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings
from rest_framework.throttling import AnonRateThrottle
from schemathesis.checks import CHECKS, load_all_checks

from config.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
# NUL is refused anywhere in a query (a JSON 400 naming the parameter: PostgreSQL cannot store it); the
# schema does not spell that out in a pattern on every string parameter.
schema.config.generation.update(allow_x00=False)

load_all_checks()
positive_data_acceptance = CHECKS.get_one("positive_data_acceptance")
negative_data_rejection = CHECKS.get_one("negative_data_rejection")


def _serialises_empty(value) -> bool:
    """Whether a generated value reaches the server as nothing: "", [], ["", ""], {}."""
    if isinstance(value, list | tuple | dict):
        return all(_serialises_empty(item) for item in value)
    return value is None or (isinstance(value, str) and not value.strip(","))


def _given(query, name):
    value = query.get(name)
    return value not in (None, "", [])


def cross_parameter_refusals(case) -> set[str]:
    """The parameters a schema-valid request may be refused for, by the rules in the module docstring."""
    query = case.query or {}
    refusals = set()
    if _given(query, "cursor") or ("cursor" in query and _given(query, "page")):
        refusals.add("cursor")
    if _given(query, "ordering") and _given(query, "updated_after"):
        refusals.add("ordering")
    if _given(query, "interval") and query.get("group_by") != "date":
        refusals.add("interval")
    if query.get("status") in ("draft", "all"):
        refusals.add("status")
    return refusals


def positive_data_acceptance_but_cross_parameter_rules(ctx, response, case):
    if response.status_code == 400:
        named = set(response.json())
        if named and named <= cross_parameter_refusals(case):
            return None
    return positive_data_acceptance(ctx, response, case)


def negative_data_rejection_but_empty_values(ctx, response, case):
    if response.status_code == 414:
        return None  # refused, as documented: the query string is too long
    if any(_serialises_empty(value) for value in (case.query or {}).values()):
        return None  # ?certainty= (or ?ordering=,) is the parameter not given, as for every parameter
    return negative_data_rejection(ctx, response, case)


REPLACED = {"positive_data_acceptance": positive_data_acceptance_but_cross_parameter_rules,
            "negative_data_rejection": negative_data_rejection_but_empty_values}
ALL_CHECKS = [REPLACED.get(check.__name__, check) for check in CHECKS.get_all()]


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
def test_every_operation_answers_as_documented_and_accepts_what_the_schema_allows(case):
    # One savepoint per request, like autocommit in production: on PostgreSQL a failed query must
    # not abort the test's transaction and fail every later example with it.
    with transaction.atomic():
        case.call_and_validate(checks=ALL_CHECKS)
