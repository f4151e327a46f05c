"""Invariants hold in the database itself, whatever path the write takes."""

import pytest
from django.db import IntegrityError, transaction

from actors.choices import ActorKind
from actors.models import Actor
from core.dates import DatePrecision
from sources.models import Citation
from tests.factories import ActorFactory, CitationFactory, EventFactory, PersonFactory, ReactionFactory

pytestmark = pytest.mark.django_db


def test_a_state_must_have_a_country():
    with pytest.raises(IntegrityError), transaction.atomic():
        Actor.objects.create(name="Nowhere", slug="nowhere", kind=ActorKind.STATE, country="")


def test_a_person_may_have_no_country():
    assert Actor.objects.create(name="Someone", slug="someone", kind=ActorKind.PERSON).country == ""


def test_slugs_are_unique():
    ActorFactory(slug="mexico", name="Mexico", country="MX")
    with pytest.raises(IntegrityError), transaction.atomic():
        Actor.objects.create(name="Mexico again", slug="mexico", kind=ActorKind.STATE, country="MX")


def test_a_reaction_actor_must_be_a_state_or_international_organization():
    person = PersonFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ReactionFactory(actor=person)


def test_an_actor_with_reactions_cannot_become_a_person():
    reaction = ReactionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Actor.objects.filter(pk=reaction.actor_id).update(kind=ActorKind.PERSON)


def test_date_precision_must_match_presence_of_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(date=None, date_precision=DatePrecision.DAY)
    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(date_precision=DatePrecision.UNKNOWN)
    assert EventFactory(date=None, date_precision=DatePrecision.UNKNOWN).date is None


def test_a_citation_supports_exactly_one_record():
    reaction = ReactionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CitationFactory(reaction=reaction, event=reaction.event)
    with pytest.raises(IntegrityError), transaction.atomic():
        CitationFactory()
    assert Citation.objects.count() == 0


def test_search_text_folds_accents_and_case():
    actor = ActorFactory(name="Alicia Bárcena", kind=ActorKind.PERSON, country="", aliases=["Barcena"])
    assert "alicia barcena" in actor.search_text
