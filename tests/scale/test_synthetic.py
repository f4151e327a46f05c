"""generate_synthetic: counts, determinism, derived columns, constraints, and the API working on it.

Runs on whichever database the suite uses (SQLite, or PostgreSQL with COPY in CI's second pass).
"""

from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from actors.choices import REACTING_KINDS
from actors.models import Actor
from core.choices import ReviewStatus
from core.text import fold
from events.models import Event, Reaction, Statement
from intake.synthetic import Plan
from sources.models import Citation, Source

pytestmark = pytest.mark.django_db(transaction=False)
N = 500


def generate(n=N, seed=42, **kwargs):
    call_command("generate_synthetic", reactions=n, seed=seed, verbosity=0, **kwargs)


def snapshot():
    return list(Reaction.objects.order_by("slug").values_list(
        "slug", "public_id", "actor__slug", "event__slug", "kind", "stance", "date", "date_precision",
        "description", "cameo_code", "certainty", "created_at"))


def test_generates_the_requested_number_of_reactions_and_proportional_related_rows():
    generate()
    plan = Plan(reactions=N)
    assert Reaction.objects.filter(slug__startswith="syn-").count() == N
    assert Event.objects.filter(slug__startswith="syn-").count() == plan.events
    assert Statement.objects.filter(slug__startswith="syn-").count() == plan.statements
    assert Source.objects.filter(slug__startswith="syn-").count() == plan.sources
    # One state per country known to django_countries, plus organizations and people.
    assert Actor.objects.filter(slug__startswith="syn-state-").count() >= 240
    # Every reaction, statement and event cites at least one source.
    assert not Reaction.objects.filter(citations__isnull=True).exists()
    assert not Statement.objects.filter(citations__isnull=True).exists()
    assert not Event.objects.filter(citations__isnull=True).exists()
    assert Citation.objects.count() >= N + plan.statements + plan.events


def test_same_seed_gives_the_same_data_and_another_seed_does_not():
    generate()
    first = snapshot()
    generate(replace=True, seed=7)
    other = snapshot()
    generate(replace=True, seed=42)
    again = snapshot()
    assert first == again
    assert first != other
    assert len(other) == N


def test_rerun_with_same_size_and_seed_is_a_no_op_and_other_data_needs_replace():
    generate()
    ids = list(Reaction.objects.values_list("id", flat=True))
    generate()
    assert list(Reaction.objects.values_list("id", flat=True)) == ids
    with pytest.raises(CommandError, match="--replace"):
        generate(n=N + 1)


def test_derived_columns_are_filled_as_save_would_fill_them():
    generate()
    for reaction in Reaction.objects.order_by("?")[:50]:
        assert reaction.search_text == fold(reaction.description)
        assert reaction.status == ReviewStatus.REVIEWED
        assert reaction.created_at is not None and reaction.updated_at is not None
    for actor in Actor.objects.filter(slug__startswith="syn-")[:50]:
        assert actor.search_text == Actor.build_search_text(actor.name, actor.aliases)
    assert Reaction.objects.values("public_id").distinct().count() == N


def test_reactions_come_from_states_and_organizations_skewed_by_country():
    generate(n=2000)
    assert set(Reaction.objects.values_list("actor__kind", flat=True).distinct()) <= set(REACTING_KINDS)
    countries = Reaction.objects.exclude(actor__country="").values_list("actor__country", flat=True)
    per_country = Counter(countries)
    top = per_country.most_common()
    # Zipf-like: the busiest country reacts far more often than the median one.
    assert top[0][1] >= 10 * top[len(top) // 2][1]


def test_real_data_is_left_alone(seeded):
    real = Reaction.objects.count()
    generate()
    generate(n=N + 10, replace=True)
    assert Reaction.objects.exclude(slug__startswith="syn-").count() == real
    assert Reaction.objects.count() == real + N + 10


def test_api_filters_work_on_synthetic_data(api_client):
    generate()
    country, expected = Counter(
        Reaction.objects.exclude(actor__country="").values_list("actor__country", flat=True)
    ).most_common(1)[0]

    body = api_client.get("/api/reactions/", {"country": country, "page_size": 1000}).json()
    assert body["count"] == expected
    assert {r["actor"]["country"] for r in body["results"]} == {country}

    body = api_client.get("/api/reactions/", {"q": "ceasefire", "page_size": 1000}).json()
    assert body["count"] == Reaction.objects.filter(search_text__contains="ceasefire").count() > 0
    assert all("ceasefire" in r["description"] for r in body["results"])

    body = api_client.get("/api/reactions/", {"date_after": "2018-01-01", "date_before": "2018-12-31",
                                              "page_size": 1000}).json()
    assert body["count"] == Reaction.objects.filter(date__year=2018).count() > 0
    assert all(r["date"].startswith("2018") for r in body["results"])

    slug = Reaction.objects.order_by("id").values_list("slug", flat=True)[N // 2]
    assert api_client.get(f"/api/reactions/{slug}/").json()["slug"] == slug
