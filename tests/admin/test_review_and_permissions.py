"""Review actions record who and when in the history; curator permissions; invariants as form errors."""

import io

import pytest
from django.urls import reverse

from actors.choices import ActorKind
from core.choices import ReviewStatus
from events.models import Reaction
from sources.models import Citation
from tests.factories import ActorFactory, EventFactory, ReactionFactory, SourceFactory

CHANGELIST = "admin:events_reaction_changelist"


def test_mark_reviewed_action_records_reviewer_time_and_history(curator, curator_client):
    draft = ReactionFactory(status=ReviewStatus.DRAFT)
    response = curator_client.post(reverse(CHANGELIST), {
        "action": "mark_reviewed", "_selected_action": [draft.pk]}, follow=True)
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.status == ReviewStatus.REVIEWED
    assert draft.reviewed_by == curator
    assert draft.reviewed_at is not None
    latest = draft.history.first()
    assert latest.status == ReviewStatus.REVIEWED
    assert latest.history_user == curator
    assert latest.history_change_reason == "Marked as reviewed"
    history_page = curator_client.get(reverse("admin:events_reaction_history", args=[draft.pk]))
    assert "Marked as reviewed" in history_page.content.decode()


def test_return_to_draft_hides_the_record_from_anonymous_api_users(curator, curator_client, client):
    reviewed = ReactionFactory(status=ReviewStatus.REVIEWED)
    curator_client.post(reverse(CHANGELIST), {"action": "return_to_draft", "_selected_action": [reviewed.pk]})
    reviewed.refresh_from_db()
    assert reviewed.status == ReviewStatus.DRAFT
    assert reviewed.reviewed_by is None
    assert reviewed.history.first().history_user == curator
    assert not Reaction.objects.visible_to(None).filter(pk=reviewed.pk).exists()


def test_curator_can_change_a_reaction_but_not_manage_users(curator, curator_client):
    reaction = ReactionFactory()
    assert curator.has_perm("events.change_reaction")
    assert curator_client.get(reverse("admin:events_reaction_change", args=[reaction.pk])).status_code == 200
    assert not curator.has_perm("auth.change_user")
    assert not curator.has_perm("auth.add_group")
    assert curator_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert curator_client.get(reverse("admin:auth_group_add")).status_code == 403


def test_curator_cannot_delete_a_reviewed_reaction_but_can_delete_a_draft(curator_client):
    reviewed = ReactionFactory(status=ReviewStatus.REVIEWED)
    draft = ReactionFactory(status=ReviewStatus.DRAFT)
    assert curator_client.get(reverse("admin:events_reaction_delete", args=[reviewed.pk])).status_code == 403
    curator_client.post(reverse("admin:events_reaction_delete", args=[draft.pk]), {"post": "yes"})
    assert not Reaction.objects.filter(pk=draft.pk).exists()


def test_setup_curators_is_idempotent(curator):
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    before = set(Group.objects.get(name="curator").permissions.values_list("codename", flat=True))
    call_command("setup_curators", verbosity=0, stdout=io.StringIO())
    after = set(Group.objects.get(name="curator").permissions.values_list("codename", flat=True))
    assert before == after
    assert Group.objects.filter(name="curator").count() == 1
    assert "change_reaction" in after and "delete_source" not in after


def _reaction_form(actor, event, source, **overrides):
    data = {
        "slug": "new-reaction", "actor": actor.pk, "event": event.pk, "kind": "condemnation",
        "stance": "condemns", "description": "Condemned it.", "date": "2024-04-06",
        "date_precision": "day", "cameo_code": "111", "certainty": "reported",
        "citations-TOTAL_FORMS": "1", "citations-INITIAL_FORMS": "0",
        "citations-MIN_NUM_FORMS": "0", "citations-MAX_NUM_FORMS": "1000",
        "citations-0-source": source.pk, "citations-0-excerpt": "A verbatim excerpt.",
    }
    data.update(overrides)
    return data


def test_reaction_with_citation_is_saved_through_the_add_form(curator_client):
    actor, event, source = ActorFactory(), EventFactory(), SourceFactory()
    response = curator_client.post(reverse("admin:events_reaction_add"), _reaction_form(actor, event, source))
    assert response.status_code == 302
    reaction = Reaction.objects.get(slug="new-reaction")
    assert reaction.status == ReviewStatus.DRAFT
    assert list(reaction.citations.values_list("excerpt", flat=True)) == ["A verbatim excerpt."]


@pytest.mark.parametrize(("overrides", "message"), [
    ({"date": ""}, "A date must be given exactly when its precision is not"),
    ({"date_precision": "unknown"}, "A date must be given exactly when its precision is not"),
    ({"actor": "PERSON"}, "must be a state or an international organization"),
], ids=["day-precision-without-date", "date-with-unknown-precision", "person-as-reacting-actor"])
def test_invariant_violation_is_a_form_error_and_nothing_is_saved(curator_client, overrides, message):
    actor, event, source = ActorFactory(), EventFactory(), SourceFactory()
    if overrides.get("actor") == "PERSON":
        actor = ActorFactory(kind=ActorKind.PERSON, country="", slug="a-person")
        overrides = {}
    response = curator_client.post(reverse("admin:events_reaction_add"),
                                   _reaction_form(actor, event, source, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Reaction.objects.filter(slug="new-reaction").exists()
    assert not Citation.objects.exists()


def test_state_without_country_is_a_form_error(curator_client):
    response = curator_client.post(reverse("admin:actors_actor_add"), {
        "name": "Nowhere", "slug": "nowhere", "kind": "state", "country": "", "aliases": "[]",
        "description": "", "roles-TOTAL_FORMS": "0", "roles-INITIAL_FORMS": "0",
        "roles-MIN_NUM_FORMS": "0", "roles-MAX_NUM_FORMS": "1000"})
    assert response.status_code == 200
    assert "A state must have a country." in response.content.decode()


def test_citation_with_two_targets_is_a_form_error(curator_client):
    reaction = ReactionFactory()
    source = SourceFactory()
    response = curator_client.post(reverse("admin:sources_citation_add"), {
        "source": source.pk, "excerpt": "Two targets.", "reaction": reaction.pk, "event": reaction.event.pk,
        "statement": ""})
    assert response.status_code == 200
    assert "exactly one reaction, statement or event" in response.content.decode()
    assert not Citation.objects.exists()
