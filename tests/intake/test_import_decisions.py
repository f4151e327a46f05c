"""A curator's decisions on an import's proposals: accept (reviewed, with who and when, history kept),
reject (the draft and its citations deleted, the proposal kept as the audit trail), merge a draft
actor into a known one."""

import pytest

from actors.models import Actor
from core.choices import ReviewStatus
from events.models import Event, Reaction, Statement
from intake.choices import ImportOrigin, ProposalKind, ProposalStatus
from intake.errors import IntakeError
from intake.services import accept_proposals, import_article, merge_actor, reject_proposals
from sources.models import Citation
from tests.factories import ActorFactory, ReactionFactory

from .importing import article, crisis_actors, crisis_event, import_kwargs

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator(django_user_model):
    return django_user_model.objects.create_user("curator", password="pw-curator-1", is_staff=True)


@pytest.fixture
def actors(db):
    return crisis_actors()


@pytest.fixture
def imported(actors):
    return import_article(text=article("fishermen.txt"), origin=ImportOrigin.PASTED,
                          new_event_title="Fishermen detained off Freedonia", **import_kwargs())


def reaction_proposal(imported, actor_slug, kind):
    return imported.article_import.proposals.filter(kind=ProposalKind.REACTION,
                                                    reaction__actor__slug=actor_slug, reaction__kind=kind)


def test_accepting_marks_the_records_reviewed_with_who_and_when_and_keeps_history(imported, curator):
    chosen = (reaction_proposal(imported, "sylvania", "recalled_or_expelled_diplomats")
              | reaction_proposal(imported, "chile", "condemnation"))
    assert accept_proposals(proposals=chosen, user=curator) == 2
    for proposal in chosen:
        assert (proposal.status, proposal.decided_by) == (ProposalStatus.ACCEPTED, curator)
        assert proposal.decided_at is not None
        reaction = proposal.reaction
        assert (reaction.status, reaction.reviewed_by) == (ReviewStatus.REVIEWED, curator)
        assert reaction.history.first().history_user == curator
        assert reaction.history.count() == 2  # created as a draft, then reviewed
    # The draft event made at import was reviewed with them: a reviewed reaction needs it.
    assert Event.objects.get(pk=imported.article_import.event_id).status == ReviewStatus.REVIEWED
    assert imported.article_import.pending == imported.article_import.proposals.count() - 2


def test_anonymous_users_then_see_exactly_the_accepted_reactions(imported, curator, api_client):
    chosen = (reaction_proposal(imported, "sylvania", "recalled_or_expelled_diplomats")
              | reaction_proposal(imported, "oas", "call_for_meeting"))
    accept_proposals(proposals=chosen, user=curator)
    reject_proposals(proposals=reaction_proposal(imported, "chile", "condemnation"), user=curator)
    answer = api_client.get("/api/reactions/").json()
    assert {(r["actor"]["slug"], r["kind"]) for r in answer["results"]} == {
        ("sylvania", "recalled_or_expelled_diplomats"), ("oas", "call_for_meeting")}


def test_accepting_a_reaction_of_a_draft_actor_accepts_the_actor_and_its_proposal(imported, curator):
    peru = Actor.objects.get(name="Peru")
    proposal = imported.article_import.proposals.filter(kind=ProposalKind.REACTION, reaction__actor=peru)
    accept_proposals(proposals=proposal, user=curator)
    peru.refresh_from_db()
    assert peru.status == ReviewStatus.REVIEWED
    actor_proposal = imported.article_import.proposals.get(kind=ProposalKind.ACTOR, actor=peru)
    assert (actor_proposal.status, actor_proposal.decided_by) == (ProposalStatus.ACCEPTED, curator)


def test_rejecting_deletes_the_draft_and_its_citations_and_keeps_the_proposal(imported, curator):
    proposal = reaction_proposal(imported, "chile", "condemnation").get()
    reaction_pk = proposal.reaction.pk
    assert Citation.objects.filter(reaction=reaction_pk).exists()
    same = imported.article_import.proposals.filter(pk=proposal.pk)
    assert reject_proposals(proposals=same, user=curator) == 1
    assert not Reaction.objects.filter(pk=reaction_pk).exists()
    assert not Citation.objects.filter(reaction=reaction_pk).exists()
    proposal.refresh_from_db()
    assert (proposal.status, proposal.reaction_id, proposal.decided_by) == (
        ProposalStatus.REJECTED, None, curator)
    assert imported.article_import.rejected == 1


def test_rejecting_an_extra_citation_deletes_only_that_citation(actors, curator):
    event = crisis_event()
    existing = ReactionFactory(actor=actors["chile"], event=event, kind="condemnation")
    result = import_article(text=article("fishermen.txt"), origin=ImportOrigin.PASTED, event=event,
                            **import_kwargs())
    extra = result.article_import.proposals.filter(kind=ProposalKind.CITATION)
    assert extra.count() == 1
    reject_proposals(proposals=extra, user=curator)
    existing.refresh_from_db()
    assert existing.status == ReviewStatus.REVIEWED
    assert not existing.citations.filter(source=result.source).exists()


def test_a_record_reviewed_since_is_never_deleted_by_a_rejection(actors, curator):
    imported = import_article(text=article("fishermen.txt"), origin=ImportOrigin.PASTED, event=crisis_event(),
                              **import_kwargs())
    proposal = reaction_proposal(imported, "oas", "call_for_meeting")
    Reaction.objects.filter(pk=proposal.get().reaction_id).update(status=ReviewStatus.REVIEWED)
    with pytest.raises(IntakeError, match="reviewed since"):
        reject_proposals(proposals=proposal, user=curator)
    assert Reaction.objects.filter(pk=proposal.get().reaction_id).exists()
    assert proposal.get().status == ProposalStatus.PENDING


def test_a_draft_actor_still_named_by_a_kept_record_is_not_rejected(imported, curator):
    peru = Actor.objects.get(name="Peru")
    actor_proposal = imported.article_import.proposals.filter(kind=ProposalKind.ACTOR, actor=peru)
    with pytest.raises(IntakeError, match="still named by"):
        reject_proposals(proposals=actor_proposal, user=curator)
    assert Actor.objects.filter(pk=peru.pk).exists()
    # Rejected together with the record naming it, it goes.
    both = imported.article_import.proposals.filter(actor=peru) | imported.article_import.proposals.filter(
        reaction__actor=peru)
    reject_proposals(proposals=both, user=curator)
    assert not Actor.objects.filter(pk=peru.pk).exists()


def test_decided_proposals_are_not_decided_again(imported, curator):
    proposal = reaction_proposal(imported, "chile", "condemnation").get()
    same = imported.article_import.proposals.filter(pk=proposal.pk)
    reject_proposals(proposals=same, user=curator)
    assert accept_proposals(proposals=same, user=curator) == 0
    assert same.get().status == ProposalStatus.REJECTED


def test_a_record_deleted_in_its_own_admin_settles_its_pending_proposal_as_rejected(imported):
    proposal = reaction_proposal(imported, "chile", "condemnation").get()
    proposal.reaction.delete()
    proposal.refresh_from_db()
    assert (proposal.status, proposal.reaction) == (ProposalStatus.REJECTED, None)


def test_merging_a_draft_actor_moves_its_records_and_keeps_its_name_as_an_alias(imported, curator):
    peru_draft = Actor.objects.get(name="Peru", status=ReviewStatus.DRAFT)
    known = ActorFactory(slug="republic-of-peru", name="Republic of Peru", country="PE")
    merge_actor(draft=peru_draft, into=known, user=curator)
    assert not Actor.objects.filter(pk=peru_draft.pk).exists()
    known.refresh_from_db()
    assert "Peru" in known.aliases
    assert Reaction.objects.filter(actor=known, proposals__article_import=imported.article_import).exists()
    actor_proposal = imported.article_import.proposals.get(kind=ProposalKind.ACTOR)
    assert actor_proposal.actor == known
    assert actor_proposal.status == ProposalStatus.ACCEPTED


def test_a_person_cannot_absorb_a_draft_actor_that_has_reactions(imported, curator):
    peru_draft = Actor.objects.get(name="Peru")
    with pytest.raises(IntakeError, match="only a state or an international organization"):
        merge_actor(draft=peru_draft, into=Actor.objects.get(slug="marta-ibanez"), user=curator)
    assert Actor.objects.filter(pk=peru_draft.pk).exists()


def test_statements_accepted_review_their_speaker_and_whom_they_speak_for(imported, curator):
    statement = Statement.objects.get(speaker__slug="marta-ibanez")
    proposal = imported.article_import.proposals.filter(statement=statement)
    accept_proposals(proposals=proposal, user=curator)
    statement.refresh_from_db()
    assert (statement.status, statement.reviewed_by) == (ReviewStatus.REVIEWED, curator)


def test_a_draft_event_the_curator_chose_is_not_reviewed_behind_their_back(actors, curator):
    chosen = crisis_event()
    Event.objects.filter(pk=chosen.pk).update(status=ReviewStatus.DRAFT)
    result = import_article(text=article("fishermen.txt"), origin=ImportOrigin.PASTED, event=chosen,
                            **import_kwargs())
    proposal = reaction_proposal(result, "chile", "condemnation")
    with pytest.raises(IntakeError, match="Review these drafts first: event"):
        accept_proposals(proposals=proposal, user=curator)
    assert Event.objects.get(pk=chosen.pk).status == ReviewStatus.DRAFT
    assert proposal.get().status == ProposalStatus.PENDING
