"""The list serializers write their dicts by hand for speed (core/api/representation.py).

What a client receives must be exactly what the declared fields (and so the OpenAPI schema) promise:
for every record of the real seed data, and for synthetic records with every optional value empty,
the hand-written dict equals DRF's generic output for the same instance, keys in the same order.
"""

import datetime

import pytest
from rest_framework import serializers

from actors.api.serializers import ActorBriefSerializer
from actors.choices import ActorKind
from events.api.serializers import (
    EventBriefSerializer,
    EventSerializer,
    ParticipantSerializer,
    ReactionSerializer,
    StatementSerializer,
)
from events.models import Event, Reaction, Statement
from sources.api.serializers import CitationSerializer, SourceBriefSerializer
from tests.factories import (
    ActorFactory,
    CitationFactory,
    EventActorFactory,
    EventFactory,
    ReactionFactory,
    StatementFactory,
)

RECORD_SERIALIZERS = [(Reaction, ReactionSerializer), (Statement, StatementSerializer),
                      (Event, EventSerializer)]


def generic(serializer_class, instance):
    """DRF's own field-by-field representation of ``instance`` (nested ones by the same rule)."""
    serializer = serializer_class()
    data = serializers.ModelSerializer.to_representation(serializer, instance)
    return dict(data)


def assert_same(serializer_class, instance):
    fast = serializer_class().to_representation(instance)
    slow = generic(serializer_class, instance)
    assert fast == slow
    assert list(fast) == list(slow) == serializer_class.Meta.fields


@pytest.mark.parametrize(("model", "serializer_class"), RECORD_SERIALIZERS)
def test_every_seed_record_is_shown_as_its_declared_fields_say(seeded, model, serializer_class):
    records = list(model.objects.for_api())
    assert records
    for record in records:
        assert_same(serializer_class, record)


def test_brief_serializers_match_their_declared_fields_on_seed_data(seeded):
    reaction = Reaction.objects.for_api().filter(citations__isnull=False).first()
    event = Event.objects.for_api().filter(participants__isnull=False).first()
    assert_same(ActorBriefSerializer, reaction.actor)
    assert_same(EventBriefSerializer, reaction.event)
    citation = reaction.citations.all()[0]
    assert_same(CitationSerializer, citation)
    assert_same(SourceBriefSerializer, citation.source)
    assert_same(ParticipantSerializer, event.participants.all()[0])


@pytest.mark.django_db
def test_empty_optional_values_are_shown_as_the_schema_says():
    # An organization with no country, an undated event with no country, CAMEO code or parent, a
    # statement by no one in particular: the nulls and empty strings a client must handle.
    organization = ActorFactory(kind=ActorKind.INTERNATIONAL_ORGANIZATION, country="")
    event = EventFactory(date=None, date_precision="unknown", country="", cameo_code="", parent=None)
    EventActorFactory(event=event, actor=organization)
    reaction = ReactionFactory(actor=organization, event=event, date=None, date_precision="unknown",
                               cameo_code="")
    statement = StatementFactory(event=event, on_behalf_of=None)
    CitationFactory(reaction=reaction)

    for model, serializer_class in RECORD_SERIALIZERS:
        for record in model.objects.for_api():
            assert_same(serializer_class, record)
    shown = ReactionSerializer().to_representation(Reaction.objects.for_api().get(pk=reaction.pk))
    assert shown["actor"]["country"] == "" and shown["actor"]["country_name"] == ""
    assert shown["date"] is None and shown["cameo_label"] == ""
    assert StatementSerializer().to_representation(
        Statement.objects.for_api().get(pk=statement.pk))["on_behalf_of"] is None


@pytest.mark.django_db
def test_timestamps_are_iso_8601_in_utc_with_a_z():
    reaction = ReactionFactory()
    quito = datetime.timezone(datetime.timedelta(hours=-5))
    at_quito = datetime.datetime(2024, 4, 6, 3, 30, tzinfo=quito)
    Reaction.objects.filter(pk=reaction.pk).update(updated_at=at_quito)
    shown = ReactionSerializer().to_representation(Reaction.objects.for_api().get(pk=reaction.pk))
    assert shown["updated_at"] == "2024-04-06T08:30:00Z"
