"""Factories for synthetic test data (the real articles' data lives in seeds/)."""

import datetime

import factory

from actors.choices import ActorKind
from actors.models import Actor, Role
from core.choices import ReviewStatus
from core.dates import DatePrecision
from events.choices import Certainty, ReactionKind, Stance
from events.models import Event, EventActor, Reaction, Statement
from sources.choices import SourceKind
from sources.models import Citation, Source


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"State {n}")
    slug = factory.Sequence(lambda n: f"state-{n}")
    kind = ActorKind.STATE
    country = "FR"
    aliases = factory.LazyFunction(list)
    status = ReviewStatus.REVIEWED


class PersonFactory(ActorFactory):
    name = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.Sequence(lambda n: f"person-{n}")
    kind = ActorKind.PERSON
    country = ""


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    person = factory.SubFactory(PersonFactory)
    title = "Foreign Minister"
    organization = factory.SubFactory(ActorFactory)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    slug = factory.Sequence(lambda n: f"source-{n}")
    publisher = factory.Sequence(lambda n: f"Publisher {n}")
    title = factory.Sequence(lambda n: f"Report {n}")
    published_on = datetime.date(2024, 4, 6)
    published_precision = DatePrecision.DAY
    kind = SourceKind.NEWS_REPORT
    summary = "A synthetic report."


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    date = datetime.date(2024, 4, 5)
    date_precision = DatePrecision.DAY
    place = "Quito"
    country = "EC"
    description = "A synthetic event."
    cameo_code = "173"
    status = ReviewStatus.REVIEWED


class EventActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventActor

    event = factory.SubFactory(EventFactory)
    actor = factory.SubFactory(ActorFactory)
    role = "initiator"


class ReactionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reaction

    slug = factory.Sequence(lambda n: f"reaction-{n}")
    actor = factory.SubFactory(ActorFactory)
    event = factory.SubFactory(EventFactory)
    kind = ReactionKind.CONDEMNATION
    stance = Stance.CONDEMNS
    date = datetime.date(2024, 4, 6)
    date_precision = DatePrecision.DAY
    description = "Condemned the event."
    cameo_code = "111"
    certainty = Certainty.REPORTED
    status = ReviewStatus.REVIEWED


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    slug = factory.Sequence(lambda n: f"statement-{n}")
    speaker = factory.SubFactory(PersonFactory)
    on_behalf_of = factory.SubFactory(ActorFactory)
    quote = factory.Sequence(lambda n: f"Quote number {n}.")
    event = factory.SubFactory(EventFactory)
    date = datetime.date(2024, 4, 6)
    date_precision = DatePrecision.DAY
    status = ReviewStatus.REVIEWED


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    source = factory.SubFactory(SourceFactory)
    excerpt = factory.Sequence(lambda n: f"Excerpt {n}.")
