"""A curator imports one of our own test articles through the admin, sees the proposals with their
passages highlighted, accepts two reactions and rejects one; anonymous API users then see exactly the
two accepted reactions, and the rejected one is gone from the database."""

from pathlib import Path

import pytest

from core.choices import ReviewStatus
from events.models import Reaction
from intake.choices import ProposalKind, ProposalStatus
from intake.models import ArticleImport
from tests.browser.test_curator_flow import pick_autocomplete
from tests.intake.admin_setup import ARTICLE, PASSWORD, make_crisis, make_curator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


def row_of(page, summary):
    return page.locator("#proposals tr.proposal-row", has_text=summary)


def test_curator_imports_an_article_reviews_its_proposals_and_the_api_shows_the_accepted(
        live_server, browser, django_user_model):
    make_crisis()
    curator = make_curator(django_user_model)
    ARTIFACTS.mkdir(exist_ok=True)

    context = browser.new_context()
    page = context.new_page()
    console_errors = []
    page.on("console", lambda message: message.type == "error" and not message.location["url"].endswith(
        "/favicon.ico") and console_errors.append(message.text))  # the site has no icon: not this page's
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", "curator")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")

    # From the admin's home page to the import form, as a new curator would find it.
    page.click("a[href='/admin/intake/articleimport/']")
    page.click("#import-article-link")
    page.wait_for_selector("#import-form")
    # Sent without the article: the form says which field is missing and nothing is imported.
    page.fill("#id_publisher", "The Marbella Gazette")
    page.click("input[name=_import]")
    page.wait_for_selector(".errornote")
    assert "No article was given" in page.inner_text(".field-text .errorlist")
    assert "Pick the event" in page.inner_text(".field-event .errorlist")
    page.screenshot(path=str(ARTIFACTS / "intake_import_form_errors.png"), full_page=True)
    assert not ArticleImport.objects.exists()
    page.fill("#id_text", ARTICLE)
    pick_autocomplete(page, ".field-event", "trawlers", "Freedonian navy boards Sylvanian trawlers")
    page.fill("#id_publisher", "The Marbella Gazette")
    page.fill("#id_title", "Sylvania recalls envoy as Freedonian navy holds trawler crews")
    page.fill("#id_published", "2026-03-12")
    page.click("input[name=_import]")

    # The review page: the article with the passages highlighted, the proposals listed.
    page.wait_for_selector("#article-text")
    assert "Imported" in page.inner_text(".messagelist")
    article_import = ArticleImport.objects.get()
    assert article_import.created_by == curator
    total = article_import.proposals.count()
    assert f"{total} of {total} proposals left to review." in page.inner_text("#review-counts")
    marks = page.locator("#article-text mark")
    assert marks.count() >= 4
    marked_text = " ".join(marks.all_inner_texts())
    assert "Chile, Peru and Argentina condemned the boarding" in marked_text
    assert "Bolivia called for an emergency meeting" in marked_text
    # The passage link of a proposal points at its highlight in the article.
    chile_row = row_of(page, "Chile — condemnation")
    chile_row.locator("a.passage-link").click()
    assert page.evaluate("location.hash").startswith("#passage-")
    assert page.locator(page.evaluate("location.hash")).count() == 1
    # "Select every pending proposal" (a script file) ticks every pending row, and unticks them again.
    page.check("#select-all-pending")
    assert page.locator("input.proposal-select:checked").count() == total
    page.uncheck("#select-all-pending")
    assert page.locator("input.proposal-select:checked").count() == 0
    page.screenshot(path=str(ARTIFACTS / "intake_review_page.png"), full_page=True)

    # Accept two reactions together, then reject one on its own.
    chile_row.locator("input.proposal-select").check()
    row_of(page, "Peru — condemnation").locator("input.proposal-select").check()
    page.click("button[name=accept_selected]")
    page.wait_for_selector(".messagelist .success")
    assert f"Accepted 2 proposal(s). {total - 2} left to review." in page.inner_text(".messagelist")
    row_of(page, "Argentina — condemnation").locator("button[name=reject_one]").click()
    page.wait_for_selector(".messagelist .success")
    assert "Rejected 1 proposal(s)." in page.inner_text(".messagelist")
    assert f"{total - 3} of {total} proposals left to review." in page.inner_text("#review-counts")
    assert "Accepted" in row_of(page, "Chile — condemnation").inner_text()
    assert "Rejected" in row_of(page, "Argentina — condemnation").inner_text()
    page.screenshot(path=str(ARTIFACTS / "intake_review_decided.png"), full_page=True)

    reactions = article_import.proposals.filter(kind=ProposalKind.REACTION)
    decided = {p.summary.split(" — ")[0]: p.status for p in reactions.exclude(status=ProposalStatus.PENDING)}
    assert decided == {"Chile": ProposalStatus.ACCEPTED, "Peru": ProposalStatus.ACCEPTED,
                       "Argentina": ProposalStatus.REJECTED}
    assert not Reaction.objects.filter(actor__slug="argentina").exists()
    accepted = Reaction.objects.filter(status=ReviewStatus.REVIEWED)
    assert {r.actor.slug for r in accepted} == {"chile", "peru"}
    assert all(r.reviewed_by == curator for r in accepted)

    # Anonymous users see exactly the two accepted reactions through the API.
    anonymous = browser.new_context()
    answer = anonymous.request.get(f"{live_server.url}/api/reactions/")
    assert answer.ok
    results = answer.json()["results"]
    assert sorted(r["slug"] for r in results) == sorted(r.slug for r in accepted)
    assert sorted(r["actor"]["slug"] for r in results) == ["chile", "peru"]
    anonymous.close()
    # The pages keep to the admin's Content-Security-Policy (no inline script) and run without errors.
    assert console_errors == []
    context.close()
