"""The dashboard at / in headless Chromium: it shows what the public API says, and filters work."""

import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from events.models import Reaction

# Playwright's sync API runs an event loop in this thread; Django's ORM calls here are still synchronous.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors
    yield page
    context.close()


def wait_loaded(page):
    page.wait_for_selector("body[data-loaded=true]", timeout=20_000)


def bars(page, chart):
    return {row.get_attribute("data-key"): int(row.get_attribute("data-count"))
            for row in page.query_selector_all(f"[data-chart={chart}] .bar-row")}


def test_dashboard_shows_the_api_figures_and_filters_the_table(transactional_db, live_server, page, client):
    call_command("load_seeds", verbosity=0)

    page.goto(f"{live_server.url}/")
    wait_loaded(page)

    stance = client.get("/api/reactions/stats/", {"group_by": "stance"}).json()
    country = client.get("/api/reactions/stats/", {"group_by": "country"}).json()
    assert bars(page, "stance") == {r["key"]: r["count"] for r in stance["results"]}
    assert bars(page, "country") == {(r["key"] or ""): r["count"] for r in country["results"]}
    assert stance["total"] == Reaction.objects.reviewed().count() > 0
    assert page.text_content("#table-count") == f"({stance['total']})"

    # Each event of the API appears on the timeline list.
    events = client.get("/api/events/", {"page_size": 1000}).json()["results"]
    timeline = page.text_content("#timeline-events")
    assert all(e["title"] in timeline for e in events if e["date"])

    # Table rows link to the cited sources, with the excerpt shown.
    first_row = page.query_selector("#reactions-table tbody tr")
    link = first_row.query_selector(".citations a")
    assert re.fullmatch(r"/api/sources/[-a-z0-9]+/", link.get_attribute("href"))
    assert first_row.query_selector(".citations blockquote").text_content().strip()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard-top.png"))

    # Filtering by stance narrows the table, the charts and the figures to the API's answer.
    page.select_option("#f-stance", "condemns")
    # Waits that run no string as script: the page's Content-Security-Policy forbids eval (config/csp.py).
    page.wait_for_url(re.compile(r"condemns"))
    wait_loaded(page)
    condemns = client.get("/api/reactions/", {"stance": "condemns", "page_size": 25}).json()
    assert page.text_content("#table-count") == f"({condemns['count']})"
    shown = [tr.get_attribute("data-slug") for tr in page.query_selector_all("#reactions-table tbody tr")]
    assert shown == [r["slug"] for r in condemns["results"]]
    assert set(bars(page, "stance")) == {"condemns"}

    # A search with no match says so instead of showing stale rows.
    page.fill("#f-q", "no-such-words-anywhere")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"no-such-words"))
    wait_loaded(page)
    assert page.text_content("#table-count") == "(0)"
    assert page.errors == []


def test_dashboard_assets_are_served_by_the_project(client):
    html = client.get("/").content.decode()
    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', html)

    assert {a.rsplit("/", 1)[-1] for a in assets} == {"dashboard.css", "dashboard.js"}
    for asset in assets:
        response = client.get(asset)
        assert response.status_code == 200, asset
    assert "cdn" not in html.lower()
