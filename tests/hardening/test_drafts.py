"""Drafts never show through reviewed records (finding 1 of the second hardening round).

The rule: a reviewed record points only at reviewed ones (each model's ``review_requires``). Reviewing is
refused while a record needs a draft; returning a record to draft takes the reviewed records that point at
it along; forms and the database refuse the rest. So anonymous users, who see reviewed records only,
never see a draft inlined or find one through a filter, on any surface of the API.
"""

import importlib
import io
import itertools

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from actors.models import Actor, Role
from core.choices import ReviewStatus
from core.review import ReviewBlocked, requirements
from events import services
from events.models import Event, EventActor, Reaction, Statement
from tests.factories import (
    ActorFactory,
    CitationFactory,
    EventFactory,
    PersonFactory,
    ReactionFactory,
    RoleFactory,
    SourceFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db

RAID = "raid-on-mexican-embassy-quito"
DRAFT, REVIEWED = ReviewStatus.DRAFT, ReviewStatus.REVIEWED


@pytest.fixture
def curator(django_user_model):
    call_command("setup_curators", verbosity=0, stdout=io.StringIO())
    user = django_user_model.objects.create_user("curator", password="pw-curator-123", is_staff=True)
    user.groups.add(Group.objects.get(name="curator"))
    return user


@pytest.fixture
def curator_client(curator):
    client = Client()
    client.force_login(curator)
    return client


def everything_anonymous_users_get(client) -> str:
    """Every list, CSV export and stats answer, as one text to search."""
    texts = []
    for endpoint in ("reactions", "statements", "events", "actors"):
        texts.append(client.get(f"/api/{endpoint}/", {"page_size": 1000}).content.decode())
        texts.append(b"".join(client.get(f"/api/{endpoint}/", {"format": "csv"}).streaming_content).decode())
    for endpoint, group in (("reactions", "country"), ("statements", "speaker"), ("events", "country")):
        texts.append(client.get(f"/api/{endpoint}/stats/", {"group_by": group}).content.decode())
    return "\n".join(texts)


# ---- The audit's case: a curator returns the raid to draft ---------------------------------------------

def test_returning_the_raid_to_draft_takes_what_points_at_it_along_on_every_surface(
        seeded, curator_client, api_client):
    raid = Event.objects.get(slug=RAID)
    reactions = list(raid.reactions.values_list("slug", flat=True))
    children = list(raid.children.values_list("slug", flat=True))
    assert len(reactions) > 10 and children
    since = timezone.now()
    changelist = reverse("admin:events_event_changelist")
    form = {"action": "return_to_draft", "_selected_action": [raid.pk]}

    # The admin first shows what goes back to draft with it, and changes nothing yet.
    page = curator_client.post(changelist, form)
    assert page.status_code == 200
    text = page.content.decode()
    assert "reviewed record(s) point at it" in text
    assert all(slug in text for slug in children)
    assert Event.objects.get(slug=RAID).status == REVIEWED

    done = curator_client.post(changelist, {**form, "confirm": "yes"}, follow=True)
    assert "went back to draft with them" in done.content.decode()

    # Nothing anonymous users can fetch names the raid or shows a record that points at it.
    assert api_client.get(f"/api/events/{RAID}/").status_code == 404
    assert api_client.get("/api/reactions/", {"event": RAID}).json()["results"] == []
    assert api_client.get("/api/statements/", {"event": RAID}).json()["results"] == []
    assert api_client.get("/api/events/", {"parent": RAID}).json()["results"] == []
    assert api_client.get(f"/api/reactions/{reactions[0]}/").status_code == 404
    public = everything_anonymous_users_get(api_client)
    assert RAID not in public and raid.title not in public
    changed = api_client.get("/api/reactions/", {"updated_after": since.isoformat()}).json()["results"]
    assert changed == []
    # Mirrors learn that the raid and everything that pointed at it are gone; each history says why.
    gone = {(r["type"], r["reason"]) for r in api_client.get(
        "/api/deletions/", {"since": since.isoformat(), "page_size": 1000}).json()["results"]}
    assert gone == {("event", "withdrawn"), ("reaction", "withdrawn"), ("statement", "withdrawn")}
    dependent = Reaction.objects.get(slug=reactions[0])
    assert dependent.status == DRAFT
    assert dependent.history.first().history_change_reason.startswith("Returned to draft with event")


def test_return_to_draft_reports_every_dependent_it_withdrew(seeded, curator):
    raid = Event.objects.filter(slug=RAID)
    withdrawal = services.return_to_draft(queryset=raid, user=curator)

    assert withdrawal.changed == 1
    kinds = {type(r).__name__ for r in withdrawal.dependents}
    assert kinds == {"Reaction", "Statement", "Event"}
    assert not Reaction.objects.filter(event__slug=RAID, status=REVIEWED).exists()
    assert not Event.objects.filter(parent__slug=RAID, status=REVIEWED).exists()
    # Reviewing the raid again does not republish what went with it: a curator reviews each again.
    assert services.mark_reviewed(queryset=raid, user=curator) == 1
    assert not Reaction.objects.filter(event__slug=RAID, status=REVIEWED).exists()


# ---- A reviewed record may not point at a draft -------------------------------------------------------

def test_reviewing_a_reaction_whose_event_is_a_draft_is_refused_naming_the_event(curator):
    event = EventFactory(slug="secret-summit", title="Secret summit", status=DRAFT)
    reaction = ReactionFactory(event=event, status=DRAFT)

    with pytest.raises(ReviewBlocked) as refused:
        services.mark_reviewed(queryset=Reaction.objects.filter(pk=reaction.pk), user=curator)

    assert "secret-summit" in str(refused.value) and reaction.slug in str(refused.value)
    reaction.refresh_from_db()
    assert reaction.status == DRAFT


def test_the_admin_action_says_what_to_review_first_and_changes_nothing(curator_client):
    actor = ActorFactory(slug="draft-republic", status=DRAFT)
    reaction = ReactionFactory(actor=actor, status=DRAFT)

    response = curator_client.post(reverse("admin:events_reaction_changelist"), {
        "action": "mark_reviewed", "_selected_action": [reaction.pk]}, follow=True)

    assert "Review these drafts first: actor" in response.content.decode()
    assert "draft-republic" in response.content.decode()
    assert Reaction.objects.get(pk=reaction.pk).status == DRAFT


def test_records_reviewed_together_with_what_they_need_are_reviewed_in_order(curator):
    parent = EventFactory(status=DRAFT)
    child = EventFactory(parent=parent, status=DRAFT)
    both = Event.objects.filter(pk__in=[child.pk, parent.pk])
    changed = services.mark_reviewed(queryset=both, user=curator)
    assert changed == 2
    assert set(Event.objects.values_list("status", flat=True)) == {REVIEWED}


def test_the_admin_form_refuses_to_point_a_reviewed_reaction_at_a_draft_event(curator_client):
    reaction = ReactionFactory()
    CitationFactory(reaction=reaction)
    draft_event = EventFactory(slug="unreviewed-event", status=DRAFT)
    citation = reaction.citations.get()
    response = curator_client.post(reverse("admin:events_reaction_change", args=[reaction.pk]), {
        "slug": reaction.slug, "actor": reaction.actor.pk, "event": draft_event.pk, "kind": reaction.kind,
        "stance": reaction.stance, "description": "Changed.", "date": "2024-04-06", "date_precision": "day",
        "cameo_code": "111", "certainty": "reported",
        "citations-TOTAL_FORMS": "1", "citations-INITIAL_FORMS": "1", "citations-MIN_NUM_FORMS": "0",
        "citations-MAX_NUM_FORMS": "1000", "citations-0-id": citation.pk,
        "citations-0-source": citation.source.pk, "citations-0-excerpt": citation.excerpt,
        "citations-0-reaction": reaction.pk})

    assert response.status_code == 200
    assert "is a draft: review it first" in response.content.decode()
    reaction.refresh_from_db()
    assert reaction.event_id != draft_event.pk and reaction.description != "Changed."


def test_the_admin_form_refuses_a_draft_participant_on_a_reviewed_event(curator_client):
    event = EventFactory()
    draft_actor = ActorFactory(slug="draft-state", status=DRAFT)
    data = {"title": event.title, "slug": event.slug, "parent": "", "description": event.description,
            "date": "2024-04-05", "date_precision": "day", "place": "Quito", "country": "EC",
            "cameo_code": "173", "certainty": "reported"}
    for prefix, total in (("participants", 1), ("citations", 0), ("reactions", 0), ("statements", 0)):
        data.update({f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0",
                     f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
    data.update({"participants-0-actor": draft_actor.pk, "participants-0-role": "target"})

    response = curator_client.post(reverse("admin:events_event_change", args=[event.pk]), data)

    assert response.status_code == 200
    assert "is a draft: review it first" in response.content.decode()
    assert not EventActor.objects.filter(event=event).exists()


@pytest.mark.parametrize("write", [
    "reviewed reaction, draft event", "event to draft under a reviewed reaction",
    "draft participant of a reviewed event", "role at a draft organization",
    "actor to draft under a reviewed statement"])
def test_the_database_refuses_whatever_bypasses_the_services(write):
    # The shell, raw SQL, loaddata: no validation runs, the triggers of events migration 0011 do.
    reaction = ReactionFactory()
    writes = {
        "reviewed reaction, draft event": lambda: ReactionFactory(event=EventFactory(status=DRAFT)),
        "event to draft under a reviewed reaction":
            lambda: Event.objects.filter(pk=reaction.event_id).update(status=DRAFT),
        "draft participant of a reviewed event":
            lambda: EventActor.objects.create(event=reaction.event, actor=ActorFactory(status=DRAFT),
                                              role="target"),
        "role at a draft organization":
            lambda: Role.objects.create(person=PersonFactory(), organization=ActorFactory(status=DRAFT),
                                        title="Envoy"),
        "actor to draft under a reviewed statement":
            lambda: Actor.objects.filter(pk=StatementFactory().speaker_id).update(status=DRAFT),
    }
    with pytest.raises(IntegrityError, match="reviewed_points_at_reviewed"), transaction.atomic():
        writes[write]()


def test_the_database_triggers_cover_exactly_the_declared_requirements():
    migration = importlib.import_module("events.migrations.0011_reviewed_points_at_reviewed_triggers")
    direct, through = set(), set()
    for requirement in requirements():
        link = requirement.link
        if link is None:
            column = requirement.model._meta.get_field(requirement.path).column
            direct.add((requirement.model._meta.db_table, column, requirement.target._meta.db_table))
        else:
            link_model, owner_field, target_field = link
            through.add((link_model._meta.db_table, link_model._meta.get_field(owner_field).column,
                         requirement.model._meta.db_table, link_model._meta.get_field(target_field).column,
                         requirement.target._meta.db_table))
    assert direct == set(migration.DIRECT)
    assert through == set(migration.THROUGH)


# ---- Filters and drafts -----------------------------------------------------------------------------

def test_a_draft_events_slug_finds_nothing_for_anonymous_users_but_staff_find_its_drafts(
        api_client, staff_client):
    event = EventFactory(slug="draft-crisis", status=DRAFT)
    ReactionFactory(slug="draft-reaction", event=event, status=DRAFT)

    assert api_client.get("/api/reactions/", {"event": "draft-crisis"}).json()["results"] == []
    assert api_client.get("/api/events/", {"parent": "draft-crisis"}).json()["results"] == []
    staff = staff_client.get("/api/reactions/", {"event": "draft-crisis", "status": "all"}).json()
    assert [r["slug"] for r in staff["results"]] == ["draft-reaction"]


# ---- Actors have a review state ------------------------------------------------------------------------

def test_a_draft_actor_is_hidden_from_anonymous_users_and_shown_to_staff(api_client, staff_client):
    ActorFactory(slug="freedonia", name="Freedonia", status=DRAFT)
    ActorFactory(slug="sylvania", name="Sylvania")

    assert [a["slug"] for a in api_client.get("/api/actors/").json()["results"]] == ["sylvania"]
    assert api_client.get("/api/actors/freedonia/").status_code == 404
    assert "freedonia" not in everything_anonymous_users_get(api_client)
    assert api_client.get("/api/actors/", {"status": "draft"}).status_code == 400
    drafts = staff_client.get("/api/actors/", {"status": "draft"}).json()["results"]
    assert [(a["slug"], a["status"]) for a in drafts] == [("freedonia", "draft")]


def test_withdrawing_an_actor_withdraws_what_names_it_and_the_feed_says_so(api_client, curator):
    freedonia = ActorFactory(slug="freedonia", name="Freedonia")
    reaction = ReactionFactory(actor=freedonia)
    statement = StatementFactory(on_behalf_of=freedonia)
    event = EventFactory()
    EventActor.objects.create(event=event, actor=freedonia, role="target")
    envoy = RoleFactory(organization=freedonia).person
    unrelated = ReactionFactory()
    since = timezone.now()

    withdrawal = services.return_to_draft(queryset=Actor.objects.filter(pk=freedonia.pk), user=curator)

    assert set(withdrawal.dependents) == {reaction, statement, event, envoy, *Reaction.objects.filter(
        event=event)}
    public = everything_anonymous_users_get(api_client)
    assert "freedonia" not in public and "Freedonia" not in public and unrelated.slug in public
    gone = api_client.get("/api/deletions/", {"since": since.isoformat(), "type": "actor"}).json()["results"]
    assert {r["public_id"] for r in gone} == {str(freedonia.public_id), str(envoy.public_id)}


def test_existing_actors_are_reviewed_after_migrating_and_seeds_load_reviewed(seeded):
    assert set(Actor.objects.values_list("status", flat=True)) == {REVIEWED}
    assert set(itertools.chain(*(m.objects.values_list("status", flat=True)
                                 for m in (Event, Reaction, Statement)))) == {REVIEWED}


def test_a_source_cited_by_a_draft_is_still_public(api_client):
    # Sources have no review state: a source is public whoever cites it.
    source = SourceFactory(slug="wire")
    CitationFactory(source=source, reaction=ReactionFactory(status=DRAFT))
    assert api_client.get("/api/sources/wire/").status_code == 200
