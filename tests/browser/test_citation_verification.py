"""A curator cites a seed article in the admin: an excerpt that is in the archived text is saved with its
position and shown highlighted in context; one that differs by a word is refused, the form naming the
nearest passage, and nothing is saved."""

import io
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from events.models import Reaction
from sources.models import Citation, SourceText
from tests.browser.test_curator_flow import pick_autocomplete

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
PASSWORD = "pw-curator-123"
AP = "ap-mexico-breaks-ties-with-ecuador"
# As a curator types it: straight apostrophe where the article prints a curly one.
EXCERPT = ("The foreign ministries of Latin American nations, including Argentina, Cuba and Brazil, released "
           "statements on Saturday condemning Ecuador's actions.")
ONE_WORD_OFF = EXCERPT.replace("on Saturday", "on Friday")


def add_cuban_reaction(page, base_url, slug, excerpt):
    page.goto(f"{base_url}/admin/events/reaction/add/")
    page.fill("#id_slug", slug)
    pick_autocomplete(page, ".field-actor", "cuba", "Cuba")
    pick_autocomplete(page, ".field-event", "raid", "Ecuadorian police raid")
    page.select_option("#id_kind", "condemnation")
    page.select_option("#id_stance", "condemns")
    page.fill("#id_description", "Condemned Ecuador's actions in a foreign ministry statement.")
    page.fill("#id_date", "2024-04-06")
    page.select_option("#id_date_precision", "day")
    pick_autocomplete(page, "#citations-0", "associated", "The Associated Press")
    page.fill("textarea[name='citations-0-excerpt']", excerpt)
    page.click("input[name=_continue]")


def test_curator_cites_a_seed_article_and_a_one_word_slip_is_refused(live_server, browser, seed_corpus,
                                                                      django_user_model):
    call_command("load_seeds", "--corpus", str(seed_corpus), verbosity=0)
    call_command("setup_curators", verbosity=0, stdout=io.StringIO())
    curator = django_user_model.objects.create_user("curator", password=PASSWORD, is_staff=True)
    curator.groups.add(Group.objects.get(name="curator"))
    article = SourceText.objects.get(source__slug=AP).text
    ARTIFACTS.mkdir(exist_ok=True)

    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", "curator")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")

    # In the text: saved ("Save and continue editing" shows the saved citation), position and passage shown.
    add_cuban_reaction(page, live_server.url, "cuba-condemns-raid-in-statement", EXCERPT)
    page.wait_for_selector(".messagelist .success")
    citation = Citation.objects.get(reaction__slug="cuba-condemns-raid-in-statement")
    printed = article[citation.excerpt_start:citation.excerpt_end]
    assert printed == EXCERPT.replace("Ecuador's", "Ecuador’s")
    passage = page.locator("#citations-0 .field-passage")
    assert passage.locator("mark").inner_text() == printed
    assert f"characters {citation.excerpt_start}–{citation.excerpt_end}" in passage.inner_text()
    # In context: the sentence before it and the sentence after it, unhighlighted.
    shown = passage.inner_text()
    before, after = "Colombia’s government said in a statement.", "López Obrador thanked global leaders"
    assert shown.index(before) < shown.index(printed) < shown.index(after)
    page.screenshot(path=str(ARTIFACTS / "citation_verified_passage.png"), full_page=True)

    # One word different: refused, the nearest passage named, nothing saved.
    reactions, citations = Reaction.objects.count(), Citation.objects.count()
    add_cuban_reaction(page, live_server.url, "cuba-condemns-raid-on-friday", ONE_WORD_OFF)
    page.wait_for_selector(".errornote")
    error = page.locator("#citations-0 .errorlist").inner_text()
    assert "The excerpt is not in the archived text of" in error
    assert f"Nearest passage: “{printed}”" in error
    page.screenshot(path=str(ARTIFACTS / "citation_refused_nearest_passage.png"), full_page=True)
    assert (Reaction.objects.count(), Citation.objects.count()) == (reactions, citations)
    assert not Reaction.objects.filter(slug="cuba-condemns-raid-on-friday").exists()
    context.close()
