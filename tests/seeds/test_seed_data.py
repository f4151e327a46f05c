"""The real seed data built from the five articles, as a user sees it after `manage.py load_seeds`."""

import datetime
from collections import Counter

import pytest

from actors.models import Actor
from events.models import Event, Reaction, Statement
from sources.models import Citation, Source

pytestmark = pytest.mark.django_db

AP = "ap-mexico-breaks-ties-with-ecuador"
RESUMEN = "resumen-latinoamericano-assault-designed-in-washington"


def test_seed_counts_by_kind(seeded):
    assert Counter(Reaction.objects.values_list("kind", flat=True)) == {
        "severed_ties": 2, "condemnation": 5, "statement": 3, "legal_action": 2, "call_for_meeting": 2,
        "abstention": 1, "support": 1, "other": 3,
    }
    assert Statement.objects.count() == 44
    assert Event.objects.count() == 11
    assert Source.objects.count() == 5
    assert Counter(Actor.objects.values_list("kind", flat=True)) == {
        "state": 11, "international_organization": 4, "government_body": 5, "political_party": 2,
        "criminal_group": 2, "other_organization": 6, "person": 17,
    }


def test_nicaragua_severed_ties_on_6_april_2024_cited_to_ap(seeded):
    reaction = Reaction.objects.get(actor__slug="nicaragua")
    assert reaction.kind == "severed_ties"
    assert (reaction.date, reaction.date_precision) == (datetime.date(2024, 4, 6), "day")
    assert [c.source.slug for c in reaction.citations.all()] == [AP]


def test_el_salvador_abstained(seeded):
    reaction = Reaction.objects.get(actor__slug="el-salvador")
    assert (reaction.kind, reaction.stance) == ("abstention", "abstains")
    assert [c.source.slug for c in reaction.citations.all()] == [RESUMEN]


def test_every_reaction_statement_and_event_has_a_citation(seeded):
    for model in (Reaction, Statement, Event):
        uncited = model.objects.filter(citations__isnull=True).values_list("slug", flat=True)
        assert list(uncited) == [], model.__name__


def test_allegations_are_marked_alleged_and_cite_only_the_opinion_piece(seeded):
    alleged = [*Reaction.objects.filter(certainty="alleged"), *Event.objects.filter(certainty="alleged")]
    assert {r.slug for r in alleged} == {
        "alleged-united-states-backing-for-raid", "alleged-cia-preparation-of-raid",
        "alleged-noboa-meeting-with-us-ambassador",
    }
    for record in alleged:
        assert {c.source.slug for c in record.citations.all()} == {RESUMEN}, record.slug
    us_support = Reaction.objects.get(actor__slug="united-states", kind="support")
    assert us_support.certainty == "alleged"


def test_claims_of_us_involvement_are_never_recorded_as_reported(seeded):
    reported_us_support = Reaction.objects.filter(actor__slug="united-states", stance="supports",
                                                  certainty="reported")
    assert not reported_us_support.exists()
    assert not Event.objects.filter(participants__actor__slug="cia", certainty="reported").exists()


def test_celac_is_an_actor_without_reactions_of_its_own(seeded):
    celac = Actor.objects.get(slug="celac")
    assert celac.kind == "international_organization"
    assert not celac.reactions.exists()


def test_seeded_claims_are_reviewed_by_nobody_in_particular(seeded):
    for model in (Reaction, Statement, Event):
        assert set(model.objects.values_list("status", flat=True)) == {"reviewed"}
        assert not model.objects.filter(reviewed_at__isnull=True).exists()
        assert not model.objects.filter(reviewed_by__isnull=False).exists()


def test_no_source_has_a_url(seeded):
    assert Source.objects.count() == 5
    assert not Source.objects.filter(url__isnull=False).exists()


def test_related_events_hang_under_the_raid(seeded):
    raid = Event.objects.get(slug="raid-on-mexican-embassy-quito")
    assert (raid.date, raid.cameo_code, raid.country.code) == (datetime.date(2024, 4, 5), "173", "EC")
    # Every event but the raid hangs under it, except the background the AP report gives (January's
    # declaration of an internal armed conflict), which is not part of the raid.
    related = Event.objects.exclude(pk=raid.pk).exclude(slug="ecuador-declares-internal-armed-conflict")
    assert set(related.values_list("parent__slug", flat=True)) == {raid.slug}
    background = Event.objects.get(slug="ecuador-declares-internal-armed-conflict")
    assert background.parent is None and (background.date, background.date_precision) == (
        datetime.date(2024, 1, 1), "month")
    roles = {(p.actor.slug, p.role) for p in raid.participants.all()}
    assert {("ecuador", "initiator"), ("mexico", "target"), ("jorge-glas", "target")} <= roles


def test_partial_dates_use_month_precision(seeded):
    hospital = Event.objects.get(slug="glas-taken-to-hospital")
    assert (hospital.date, hospital.date_precision) == (datetime.date(2024, 4, 1), "month")
    noboa = Actor.objects.get(slug="daniel-noboa").roles.get(organization__slug="ecuador")
    assert (noboa.start_date, noboa.start_precision) == (datetime.date(2023, 11, 1), "month")


def test_lopez_obrador_is_found_by_his_aliases(seeded):
    amlo = Actor.objects.get(slug="andres-manuel-lopez-obrador")
    assert {"AMLO", "Lopez Obrador", "Andres Manuel Lopez Obrador"} <= set(amlo.aliases)
    assert amlo.roles.get().title == "President"
    assert amlo.statements.count() == 6


def test_citation_excerpts_are_short(seeded):
    longest = max(len(e) for e in Citation.objects.values_list("excerpt", flat=True))
    assert longest <= 300


def test_short_quoted_phrases_attributed_to_named_people_and_bodies_are_statements(seeded):
    # Re-reading every quotation mark in the five articles (second hardening round): a communiqué's
    # title, the words of January's declaration, a slogan quoted in a panel answer, an analyst's aside.
    presidency = "presidency-of-ecuador"
    expected = {
        "ecuador-presidency-communique-title":
            (presidency, "Let’s Defend National Sovereignty—Zero Impunity"),
        "ecuador-presidency-mission-that-protected-glas":
            (presidency, "diplomatic mission that protected Glas"),
        "noboa-internal-armed-conflict": ("daniel-noboa", "internal armed conflict"),
        "noboa-gangs-to-neutralize": ("daniel-noboa", "neutralize"),
        "lopez-obrador-hugs-not-bullets": ("andres-manuel-lopez-obrador", "hugs, not bullets"),
        "freeman-separate-issue": ("will-freeman", "separate issue"),
    }
    found = {s.slug: (s.speaker.slug, s.quote) for s in Statement.objects.filter(slug__in=expected)}
    assert found == expected
