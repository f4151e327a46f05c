"""Every admin page a curator uses loads on the real seed data, and search finds names by alias."""

import warnings

import pytest
from django.contrib.admin.sites import site
from django.core.paginator import UnorderedObjectListWarning
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actors.models import Actor, Role
from events.models import Event, EventActor, Reaction, Statement
from sources.models import Citation, Source
from tests.factories import (
    ActorFactory,
    CitationFactory,
    EventActorFactory,
    EventFactory,
    ReactionFactory,
    RoleFactory,
    SourceFactory,
    StatementFactory,
)

MODELS = [Actor, Role, Event, EventActor, Reaction, Statement, Source, Citation]


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_curator_sees_changelist_add_and_change_form_for_every_model(seeded, curator_client, model):
    assert curator_client.get(_url(model, "changelist")).status_code == 200
    assert curator_client.get(_url(model, "add")).status_code == 200
    obj = model.objects.order_by("pk").first()
    assert obj is not None, f"the seed data has no {model.__name__}"
    assert curator_client.get(_url(model, "change", obj.pk)).status_code == 200
    assert curator_client.get(_url(model, "history", obj.pk)).status_code == 200


def _make(model, n):
    for _ in range(n):
        if model is Citation:
            CitationFactory(reaction=ReactionFactory())
        else:
            FACTORIES[model]()


FACTORIES = {Actor: ActorFactory, Role: RoleFactory, Event: EventFactory, EventActor: EventActorFactory,
             Reaction: ReactionFactory, Statement: StatementFactory, Source: SourceFactory}


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_query_count_does_not_grow_with_rows(curator_client, model):
    _make(model, 1)
    with CaptureQueriesContext(connection) as one_row:
        assert curator_client.get(_url(model, "changelist")).status_code == 200
    _make(model, 5)
    with CaptureQueriesContext(connection) as six_rows:
        response = curator_client.get(_url(model, "changelist"))
    assert response.context["cl"].result_count == model.objects.count() >= 6
    assert len(six_rows) == len(one_row), [q["sql"] for q in six_rows.captured_queries]


def test_actor_search_finds_lopez_obrador_by_alias_amlo(seeded, curator_client):
    response = curator_client.get(_url(Actor, "changelist"), {"q": "AMLO"})
    assert response.status_code == 200
    names = [a.name for a in response.context["cl"].result_list]
    assert len(names) == 1
    assert "López Obrador" in names[0] or "Lopez Obrador" in names[0]


def test_actor_search_ignores_accents(seeded, curator_client):
    plain = curator_client.get(_url(Actor, "changelist"), {"q": "lopez obrador"}).context["cl"]
    accented = curator_client.get(_url(Actor, "changelist"), {"q": "López Obrador"}).context["cl"]
    assert plain.result_count >= 1
    assert list(plain.result_list) == list(accented.result_list)


def test_statement_search_matches_quote_words(seeded, curator_client):
    statement = Statement.objects.order_by("pk").first()
    word = max(statement.quote.split(), key=len).strip(".,;:“”\"'")
    response = curator_client.get(_url(Statement, "changelist"), {"q": word})
    assert statement in response.context["cl"].result_list


def test_reaction_changelist_filters_by_the_actors_country(seeded, curator_client):
    reaction = Reaction.objects.select_related("actor").exclude(actor__country="").order_by("pk").first()
    code = reaction.actor.country.code
    response = curator_client.get(_url(Reaction, "changelist"), {"actor__country": code})
    results = list(response.context["cl"].result_list)
    assert reaction in results
    assert all(r.actor.country.code == code for r in results)


def test_event_page_links_to_its_reactions_and_statements(seeded, curator_client):
    event = Event.objects.filter(reactions__isnull=False).distinct().order_by("pk").first()
    page = curator_client.get(_url(Event, "change", event.pk)).content.decode()
    assert f"{_url(Reaction, 'changelist')}?event__id__exact={event.pk}" in page
    listed = curator_client.get(_url(Reaction, "changelist"), {"event__id__exact": event.pk})
    assert set(listed.context["cl"].result_list) == set(event.reactions.all())


def test_autocomplete_finds_actor_for_reaction_form(seeded, curator_client):
    response = curator_client.get(reverse("admin:autocomplete"), {
        "term": "amlo", "app_label": "events", "model_name": "statement", "field_name": "speaker"})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 1


def test_a_source_url_typed_without_a_scheme_is_saved_as_https():
    form_class = site._registry[Source].get_form(None)
    field = form_class.base_fields["url"]
    assert field.clean("apnews.com/article/quito") == "https://apnews.com/article/quito"


def test_source_autocomplete_lists_sources_in_their_publication_order(seeded, curator_client):
    with warnings.catch_warnings():
        # An unordered page warns, and could repeat or skip sources from one page to the next.
        warnings.simplefilter("error", UnorderedObjectListWarning)
        response = curator_client.get(reverse("admin:autocomplete"), {
            "term": "", "app_label": "sources", "model_name": "citation", "field_name": "source"})
    assert response.status_code == 200
    listed = [row["id"] for row in response.json()["results"]]
    in_order = Source.objects.order_by(*Source._meta.ordering).values_list("pk", flat=True)
    assert listed == [str(pk) for pk in in_order]
