"""The FilterSets on their own, without HTTP: validation and matching."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from actors.filtersets import ActorFilterSet
from actors.models import Actor
from core.filters import resolve_country
from events.filtersets import EventFilterSet, ReactionFilterSet, StatementFilterSet
from events.models import Event, Reaction, Statement
from sources.filtersets import SourceFilterSet
from sources.models import Source
from tests.factories import (
    ActorFactory,
    EventFactory,
    ReactionFactory,
    SourceFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db


def _request(user=None):
    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    return request


def _filter(filterset_class, queryset, **data):
    filterset = filterset_class(data, queryset=queryset, request=_request())
    assert filterset.is_valid(), filterset.errors
    return filterset.qs


@pytest.mark.parametrize(("given", "code"), [("NI", "NI"), ("ni", "NI"), ("NIC", "NI"), ("slv", "SV"),
                                             ("Honduras", "HN"), ("MEXICO", "MX"), (" el salvador ", "SV"),
                                             ("ZZ", ""), ("XYZ", ""), ("Narnia", "")])
def test_resolve_country(given, code):
    assert resolve_country(given) == code


def test_reaction_filterset_country_list():
    ReactionFactory(slug="ni", actor=ActorFactory(slug="ni", country="NI"))
    ReactionFactory(slug="fr")
    qs = _filter(ReactionFilterSet, Reaction.objects.all(), country="NIC,honduras")
    assert [r.slug for r in qs] == ["ni"]


def test_reaction_filterset_reports_bad_values_per_parameter():
    filterset = ReactionFilterSet({"country": "ZZ", "kind": "war", "date_after": "2024-99-01",
                                   "updated_after": "2024-04-06T00:00:00"},
                                  queryset=Reaction.objects.all(), request=_request())
    assert not filterset.is_valid()
    assert set(filterset.errors) == {"country", "kind", "date_after", "updated_after"}


def test_reviewed_filtersets_default_to_reviewed_records():
    ReactionFactory(slug="draft", status="draft")
    ReactionFactory(slug="public")
    assert [r.slug for r in _filter(ReactionFilterSet, Reaction.objects.all())] == ["public"]


def test_statement_filterset_q_and_speaker():
    StatementFactory(slug="s", quote="Violación del derecho", speaker=ActorFactory(slug="sp", kind="person",
                                                                                   country=""))
    StatementFactory(slug="other")
    assert [s.slug for s in _filter(StatementFilterSet, Statement.objects.all(), q="VIOLACION")] == ["s"]
    assert [s.slug for s in _filter(StatementFilterSet, Statement.objects.all(), speaker="sp")] == ["s"]


def test_event_filterset_cameo_prefix_and_dates():
    EventFactory(slug="a", cameo_code="111", date=datetime.date(2024, 4, 1))
    EventFactory(slug="b", cameo_code="173", date=datetime.date(2024, 4, 9))
    assert [e.slug for e in _filter(EventFilterSet, Event.objects.all(), cameo="1")] == ["a", "b"]
    assert [e.slug for e in _filter(EventFilterSet, Event.objects.all(), cameo="17")] == ["b"]
    assert [e.slug for e in _filter(EventFilterSet, Event.objects.all(), date_before="2024-04-05")] == ["a"]


def test_actor_filterset_q_folds_accents():
    ActorFactory(slug="amlo", name="López Obrador")
    ActorFactory(slug="x", name="Someone")
    assert [a.slug for a in _filter(ActorFilterSet, Actor.objects.all(), q="LOPEZ")] == ["amlo"]


def test_source_filterset_publisher_and_dates():
    SourceFactory(slug="ap", publisher="Associated Press", published_on=datetime.date(2024, 4, 6))
    SourceFactory(slug="r", publisher="Reuters", published_on=datetime.date(2024, 4, 12))
    assert [s.slug for s in _filter(SourceFilterSet, Source.objects.all(), publisher="PRESS")] == ["ap"]
    assert [s.slug for s in _filter(SourceFilterSet, Source.objects.all(),
                                    published_after="2024-04-10")] == ["r"]
