"""A curator adds a cited reaction in the admin, reviews it, and anonymous API users then see it."""

import io
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from core.choices import ReviewStatus
from events.models import Reaction
from tests.factories import ActorFactory, EventFactory, SourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
PASSWORD = "pw-curator-123"


def pick_autocomplete(page, container, term, choice):
    """Open a select2 autocomplete inside ``container``, type ``term`` and pick ``choice``."""
    page.locator(f"{container} .select2-selection").first.click()
    page.locator(".select2-container--open .select2-search__field").fill(term)
    page.locator(".select2-results__option", has_text=choice).first.click()


def test_curator_adds_cited_reaction_reviews_it_and_the_api_shows_it(live_server, browser,
                                                                       django_user_model):
    call_command("setup_curators", verbosity=0, stdout=io.StringIO())
    curator = django_user_model.objects.create_user("curator", password=PASSWORD, is_staff=True)
    curator.groups.add(Group.objects.get(name="curator"))
    ActorFactory(name="Synthetic Republic", slug="synthetic-republic", country="UY")
    EventFactory(title="Synthetic embassy raid", slug="synthetic-embassy-raid")
    SourceFactory(title="Synthetic wire report", publisher="Synthetic Wire")
    api_url = f"{live_server.url}/api/reactions/?country=UY"

    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", "curator")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")

    # Add a reaction with one citation, picking actor, event and source through the autocompletes.
    page.goto(f"{live_server.url}/admin/events/reaction/add/")
    page.fill("#id_slug", "synthetic-republic-condemns-raid")
    pick_autocomplete(page, ".field-actor", "synthetic rep", "Synthetic Republic")
    pick_autocomplete(page, ".field-event", "embassy", "Synthetic embassy raid")
    page.select_option("#id_kind", "condemnation")
    page.select_option("#id_stance", "condemns")
    page.fill("#id_description", "Condemned the raid.")
    page.fill("#id_date", "2024-04-06")
    page.select_option("#id_date_precision", "day")
    pick_autocomplete(page, "#citations-0", "wire", "Synthetic Wire")
    page.fill("textarea[name='citations-0-excerpt']", "A synthetic verbatim excerpt.")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")

    reaction = Reaction.objects.get(slug="synthetic-republic-condemns-raid")
    assert reaction.status == ReviewStatus.DRAFT
    assert list(reaction.citations.values_list("excerpt", flat=True)) == ["A synthetic verbatim excerpt."]

    # A draft: anonymous API users do not see it yet.
    anonymous = browser.new_context().new_page()
    anonymous.goto(api_url)
    assert "synthetic-republic-condemns-raid" not in anonymous.content()

    # Find it in the change list through the country filter, and mark it reviewed.
    page.goto(f"{live_server.url}/admin/events/reaction/")
    page.locator("#changelist-filter a", has_text="Uruguay").click()
    page.wait_for_url("**actor__country=UY**")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 1
    page.check(f"input[name=_selected_action][value='{reaction.pk}']")
    page.select_option("select[name=action]", "mark_reviewed")
    page.click("button[name=index]")
    page.wait_for_selector(".messagelist .success")
    assert "Marked 1 record(s) as reviewed." in page.inner_text(".messagelist")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "curator_reviewed_reaction.png"), full_page=True)

    reaction.refresh_from_db()
    assert reaction.status == ReviewStatus.REVIEWED
    assert reaction.reviewed_by == curator

    # Reviewed: the public API lists it under the actor's country. A reload, as a person would: the
    # anonymous answer may be kept for API_CACHE_CONTROL's max-age, and a reload revalidates it.
    anonymous.reload()
    anonymous.screenshot(path=str(ARTIFACTS / "api_reactions_country.png"), full_page=True)
    assert "synthetic-republic-condemns-raid" in anonymous.content()
    context.close()
