"""Every page keeps to its Content-Security-Policy and loads nothing from another site (finding 11 of the
second hardening round): the dashboard, both docs pages and the admin, in headless Chromium."""

from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from tests.factories import ActorFactory, EventFactory, ReactionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]



def watch(page, base):
    """Lists filled while the page runs: requests to other sites, CSP refusals, script errors."""
    seen = {"outside": [], "refused": [], "errors": []}
    host = urlsplit(base).netloc

    def on_request(request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https") and parts.netloc != host:
            seen["outside"].append(request.url)

    page.on("request", on_request)
    page.on("console", lambda msg: seen["refused"].append(msg.text)
            if "Content Security Policy" in msg.text else None)
    page.on("pageerror", lambda exc: seen["errors"].append(str(exc)))
    return seen


def test_dashboard_and_docs_load_only_this_sites_files_under_a_strict_policy(live_server, browser):
    ReactionFactory(actor=ActorFactory(name="Sylvania", slug="sylvania", country="UY"),
                    event=EventFactory(title="Border incident"))
    context = browser.new_context()
    for path, ready in (("/", "#reactions-table tbody tr"), ("/api/docs/", ".swagger-ui .opblock"),
                        ("/api/redoc/", "[role=menuitem]")):
        page = context.new_page()
        seen = watch(page, live_server.url)
        response = page.goto(f"{live_server.url}{path}")
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(
            ";")[0]
        page.wait_for_selector(ready, timeout=30_000)
        page.wait_for_load_state("networkidle")
        assert seen["outside"] == [], (path, seen["outside"])
        assert seen["errors"] == [], (path, seen["errors"])
        assert seen["refused"] == [], (path, seen["refused"])
        page.close()
    context.close()


def test_the_admin_works_under_its_policy(live_server, browser, django_user_model):
    call_command("setup_curators", verbosity=0)
    curator = django_user_model.objects.create_user("curator", password="pw-curator-123", is_staff=True)
    curator.groups.add(Group.objects.get(name="curator"))
    ActorFactory(name="Sylvania", slug="sylvania", country="UY")
    page = browser.new_context().new_page()
    seen = watch(page, live_server.url)
    page.goto(f"{live_server.url}/admin/login/?next=/admin/events/reaction/add/")
    page.fill("#id_username", "curator")
    page.fill("#id_password", "pw-curator-123")
    page.click("input[type=submit]")
    page.wait_for_selector("#id_slug")
    # The actor autocomplete (select2, scripts from this site) still works.
    page.locator(".field-actor .select2-selection").first.click()
    page.locator(".select2-container--open .select2-search__field").fill("sylv")
    page.locator(".select2-results__option", has_text="Sylvania").first.click()
    assert "Sylvania" in page.inner_text(".field-actor")
    assert seen == {"outside": [], "refused": [], "errors": []}
