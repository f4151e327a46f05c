"""The import's review page: the article with each proposal's passage highlighted (escaped), the proposals
with their records, accept and reject one by one or selected, what is left to review, refusals as
messages, and who may decide."""

import re
from html import unescape

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actors.models import Actor
from core.choices import ReviewStatus
from events.models import Reaction, Statement
from intake.choices import ProposalKind, ProposalStatus
from intake.models import ArticleImport, Proposal
from sources.models import Citation
from tests.factories import PersonFactory, ReactionFactory
from tests.intake.admin_setup import IMPORT_URL, import_form, make_crisis, review_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def article_import(curator_client):
    event = make_crisis()
    curator_client.post(IMPORT_URL, import_form(event))
    return ArticleImport.objects.get()


def reaction_proposal(article_import, actor_slug):
    return article_import.proposals.get(kind=ProposalKind.REACTION, reaction__actor__slug=actor_slug)


def page_of(client, article_import):
    response = client.get(review_url(article_import))
    assert response.status_code == 200
    return response.content.decode()


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def decide(client, article_import, **data):
    return client.post(review_url(article_import), data, follow=True)


# --- what the page shows ----------------------------------------------------------------------------

def test_each_proposal_passage_is_highlighted_in_the_article_from_its_offsets(curator_client, article_import):
    html = page_of(curator_client, article_import)
    article = re.search(r'<div id="article-text">(.*?)</div>', html, re.S).group(1)
    text = article_import.source.archived_text.text
    for proposal in article_import.proposals.exclude(start=None):
        assert f'id="passage-{proposal.pk}"' in article
        mark = rf'<mark [^>]*data-proposals="[^"]*\b{proposal.pk}\b[^"]*"[^>]*>(.*?)</mark>'
        marked = "".join(re.findall(mark, article, re.S))
        assert unescape(marked) == text[proposal.start:proposal.end]
    # The three condemnations share one sentence: one mark for the three of them.
    shared = [reaction_proposal(article_import, slug).pk for slug in ("chile", "peru", "argentina")]
    assert re.search(r'data-proposals="{} {} {}"'.format(*sorted(shared)), article)
    # Nothing of the text is lost: the marks removed, the article reads as it was archived.
    assert unescape(re.sub(r"<[^>]+>", "", article)) == text
    assert "strayed into our waters &amp; ignored" in article  # escaped, never raw


def test_the_article_text_is_escaped_never_rendered_as_markup(curator_client):
    event = make_crisis()
    hostile = ('Chile condemned the boarding on Wednesday. <script>alert("owned")</script> '
               '<img src=x onerror=alert(1)> Peru condemned it too.')
    curator_client.post(IMPORT_URL, import_form(event, text=hostile, title="Hostile markup"))
    html = page_of(curator_client, ArticleImport.objects.get())
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_the_proposals_list_links_each_record_to_its_own_admin_page_and_passage(curator_client,
                                                                                   article_import):
    html = page_of(curator_client, article_import)
    chile = reaction_proposal(article_import, "chile")
    row = re.search(rf'<tr id="proposal-{chile.pk}".*?</tr>', html, re.S).group(0)
    assert reverse("admin:events_reaction_change", args=[chile.reaction_id]) in row
    assert chile.summary in row and "Reaction" in row and chile.rule in row and "Pending" in row
    assert f'href="#passage-{chile.pk}"' in row
    assert "Chile, Peru and Argentina condemned the boarding" in row
    statement = article_import.proposals.filter(kind=ProposalKind.STATEMENT).first()
    assert reverse("admin:events_statement_change", args=[statement.statement_id]) in html


def test_the_page_says_how_many_proposals_are_left_to_review(curator_client, article_import):
    total = article_import.proposals.count()
    assert f"{total} of {total} proposals left to review." in page_of(curator_client, article_import)


# --- deciding ---------------------------------------------------------------------------------------

def test_accepting_one_reaction_marks_it_reviewed_by_the_curator(curator, curator_client, article_import):
    chile = reaction_proposal(article_import, "chile")
    total = article_import.proposals.count()
    response = decide(curator_client, article_import, accept_one=chile.pk)
    chile.refresh_from_db()
    assert chile.status == ProposalStatus.ACCEPTED and chile.decided_by == curator
    assert chile.reaction.status == ReviewStatus.REVIEWED and chile.reaction.reviewed_by == curator
    assert chile.reaction.history.first().history_user == curator  # the change history says who
    assert f"Accepted 1 proposal(s). {total - 1} left to review." in messages_of(response)
    assert f"{total - 1} of {total} proposals left to review." in response.content.decode()
    # Accepted: the anonymous API shows it.
    slugs = [r["slug"] for r in Client().get("/api/reactions/").json()["results"]]
    assert slugs == [chile.reaction.slug]


def test_rejecting_one_deletes_its_draft_and_citations_and_keeps_the_proposal(curator, curator_client,
                                                                              article_import):
    bolivia = reaction_proposal(article_import, "bolivia")
    reaction_id = bolivia.reaction_id
    assert Citation.objects.filter(reaction_id=reaction_id).exists()
    response = decide(curator_client, article_import, reject_one=bolivia.pk)
    bolivia.refresh_from_db()
    assert bolivia.status == ProposalStatus.REJECTED and bolivia.decided_by == curator
    assert not Reaction.objects.filter(pk=reaction_id).exists()
    assert not Citation.objects.filter(reaction_id=reaction_id).exists()
    assert any(m.startswith("Rejected 1 proposal(s).") for m in messages_of(response))
    html = response.content.decode()
    assert f'id="passage-{bolivia.pk}"' not in html  # no longer highlighted
    assert re.search(rf'<tr id="proposal-{bolivia.pk}".*?Rejected.*?</tr>', html, re.S)


def test_selected_proposals_are_accepted_or_rejected_together(curator_client, article_import):
    chile, peru, argentina = (reaction_proposal(article_import, s) for s in ("chile", "peru", "argentina"))
    total = article_import.proposals.count()
    accepted = decide(curator_client, article_import, proposal=[chile.pk, peru.pk], accept_selected="1")
    assert f"Accepted 2 proposal(s). {total - 2} left to review." in messages_of(accepted)
    rejected = decide(curator_client, article_import, proposal=[argentina.pk], reject_selected="1")
    assert any(m.startswith("Rejected 1 proposal(s).") for m in messages_of(rejected))
    assert set(Reaction.objects.filter(status=ReviewStatus.REVIEWED).values_list("actor__slug", flat=True)) \
        == {"chile", "peru"}
    assert not Reaction.objects.filter(actor__slug="argentina").exists()
    page = rejected.content.decode()
    assert f"{total - 3} of {total} proposals left to review." in page
    assert "2 accepted, 1 rejected." in page


def test_deciding_everything_says_nothing_is_left(curator_client, article_import):
    every = list(article_import.proposals.values_list("pk", flat=True))
    response = decide(curator_client, article_import, proposal=every, accept_selected="1")
    assert any("Every proposal of this article is decided." in m for m in messages_of(response))
    assert "Nothing left to review" in response.content.decode()
    assert not Reaction.objects.filter(status=ReviewStatus.DRAFT).exists()
    assert not Statement.objects.filter(status=ReviewStatus.DRAFT).exists()


def test_a_decided_proposal_is_left_alone_and_the_curator_told(curator_client, article_import):
    chile = reaction_proposal(article_import, "chile")
    decide(curator_client, article_import, accept_one=chile.pk)
    response = decide(curator_client, article_import, reject_one=chile.pk)
    assert "Nothing was done: the selected proposals were already decided." in messages_of(response)
    assert Reaction.objects.get(pk=chile.reaction_id).status == ReviewStatus.REVIEWED


def test_no_selection_changes_nothing(curator_client, article_import):
    response = decide(curator_client, article_import, accept_selected="1")
    assert "Nothing was done: select the proposals first." in messages_of(response)
    assert not article_import.proposals.exclude(status=ProposalStatus.PENDING).exists()


def test_a_refusal_of_the_services_is_a_message_and_changes_nothing(curator_client, article_import):
    # Reviewed since, in the reaction's own admin page: rejecting would delete a public record.
    chile, peru = reaction_proposal(article_import, "chile"), reaction_proposal(article_import, "peru")
    Reaction.objects.filter(pk=chile.reaction_id).update(status=ReviewStatus.REVIEWED)
    response = decide(curator_client, article_import, proposal=[peru.pk, chile.pk], reject_selected="1")
    assert response.status_code == 200
    message = messages_of(response)[-1]
    assert chile.summary in message and "Nothing was rejected." in message
    assert Reaction.objects.filter(pk__in=[chile.reaction_id, peru.reaction_id]).count() == 2
    assert not article_import.proposals.exclude(status=ProposalStatus.PENDING).exists()


# --- merging a draft actor --------------------------------------------------------------------------

def test_a_draft_actor_is_merged_into_an_existing_one(curator_client):
    event = make_crisis()
    known = PersonFactory(name="Rufus Firefly", slug="rufus-firefly-known")
    curator_client.post(IMPORT_URL, import_form(event))
    article_import = ArticleImport.objects.get()
    proposal = article_import.proposals.get(kind=ProposalKind.ACTOR)
    draft = proposal.actor
    assert draft.status == ReviewStatus.DRAFT and draft.name == "Rufus T. Firefly"
    merge = reverse("admin:intake_articleimport_merge_actor", args=[article_import.pk, proposal.pk])
    assert merge in page_of(curator_client, article_import)
    assert curator_client.get(merge).status_code == 200
    response = curator_client.post(merge, {"into": known.pk}, follow=True)
    assert any("Merged the draft actor" in m for m in messages_of(response))
    assert not Actor.objects.filter(pk=draft.pk).exists()
    known.refresh_from_db()
    assert "Rufus T. Firefly" in known.aliases
    assert Statement.objects.get(event=event, speaker=known)


def test_merging_into_the_draft_itself_is_a_form_error(curator_client):
    event = make_crisis()
    curator_client.post(IMPORT_URL, import_form(event))
    article_import = ArticleImport.objects.get()
    proposal = article_import.proposals.get(kind=ProposalKind.ACTOR)
    merge = reverse("admin:intake_articleimport_merge_actor", args=[article_import.pk, proposal.pk])
    response = curator_client.post(merge, {"into": proposal.actor_id})
    assert response.status_code == 200
    assert "into" in response.context["form"].errors
    assert Actor.objects.filter(pk=proposal.actor_id).exists()


# --- who may review ---------------------------------------------------------------------------------

def test_a_user_who_is_not_staff_cannot_open_or_decide(django_user_model, article_import):
    user = django_user_model.objects.create_user("reader", password="pw-reader-123")
    client = Client()
    client.force_login(user)
    assert "/admin/login/" in client.get(review_url(article_import))["Location"]
    proposal = article_import.proposals.first()
    client.post(review_url(article_import), {"accept_one": proposal.pk})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING


def test_staff_who_may_only_view_imports_see_the_page_without_decision_buttons(django_user_model,
                                                                               article_import):
    user = django_user_model.objects.create_user("viewer", password="pw-viewer-123", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_articleimport"))
    client = Client()
    client.force_login(user)
    html = page_of(client, article_import)
    assert 'name="accept_one"' not in html and 'name="proposal"' not in html
    proposal = article_import.proposals.first()
    assert client.post(review_url(article_import), {"accept_one": proposal.pk}).status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING


def test_the_import_list_shows_what_is_left_to_review(curator_client, article_import):
    chile = reaction_proposal(article_import, "chile")
    decide(curator_client, article_import, accept_one=chile.pk)
    response = curator_client.get(reverse("admin:intake_articleimport_changelist"))
    assert response.status_code == 200
    [row] = response.context["cl"].result_list
    assert (row.pending, row.accepted, row.rejected) == (Proposal.objects.count() - 1, 1, 0)


def test_an_extra_citation_on_an_existing_record_links_both_and_rejecting_keeps_the_record(curator_client):
    event = make_crisis()
    existing = ReactionFactory(actor=Actor.objects.get(slug="chile"), event=event, kind="condemnation",
                               slug="chile-condemned-earlier")
    curator_client.post(IMPORT_URL, import_form(event))
    article_import = ArticleImport.objects.get()
    proposal = article_import.proposals.get(kind=ProposalKind.CITATION)
    assert proposal.reaction_id == existing.pk
    html = page_of(curator_client, article_import)
    row = re.search(rf'<tr id="proposal-{proposal.pk}".*?</tr>', html, re.S).group(0)
    assert reverse("admin:events_reaction_change", args=[existing.pk]) in row
    assert reverse("admin:sources_citation_change", args=[proposal.citation_id]) in row
    decide(curator_client, article_import, reject_one=proposal.pk)
    assert not Citation.objects.filter(pk=proposal.citation_id).exists()
    assert Reaction.objects.filter(pk=existing.pk, status=ReviewStatus.REVIEWED).exists()


def test_the_review_page_and_the_import_list_take_as_many_queries_whatever_the_number_of_proposals(
        curator_client):
    event = make_crisis()
    curator_client.post(IMPORT_URL, import_form(event, text="Chile condemned the boarding on Wednesday.",
                                                title="Short"))
    short = ArticleImport.objects.get()
    curator_client.post(IMPORT_URL, import_form(event))
    long = ArticleImport.objects.exclude(pk=short.pk).get()
    assert short.proposals.count() < long.proposals.count()
    queries = []
    for article_import in (short, long):
        with CaptureQueriesContext(connection) as captured:
            page_of(curator_client, article_import)
        queries.append(len(captured))
    assert queries[0] == queries[1]
    with CaptureQueriesContext(connection) as captured:
        assert curator_client.get(reverse("admin:intake_articleimport_changelist")).status_code == 200
    two = len(captured)
    curator_client.post(IMPORT_URL, import_form(event, text="Peru condemned the boarding on Wednesday.",
                                                title="Third"))
    with CaptureQueriesContext(connection) as captured:
        curator_client.get(reverse("admin:intake_articleimport_changelist"))
    assert len(captured) == two
