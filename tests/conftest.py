import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def _clear_cache():
    # Throttle counters live in the cache, and a failed connection makes this process answer 503 for a
    # few seconds (config/errors.py): each test starts with a clean slate.
    from config.errors import outage

    cache.clear()
    outage.clear()
    yield
    cache.clear()
    outage.clear()


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def staff_client(django_user_model):
    user = django_user_model.objects.create_user("staff", password="pw-staff-123", is_staff=True)
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def seeded(db):
    """The real seed data built from the five articles, loaded the way a user loads it (with the
    articles' texts when the citation corpus is there)."""
    call_command("load_seeds", verbosity=0)


@pytest.fixture
def seed_corpus() -> Path:
    """The folder of the five articles' texts (CITATION_CORPUS, ../shared/seeds). Never in the project;
    a test that needs it fails, never skips, when it is missing."""
    corpus = Path(settings.CITATION_CORPUS)
    if not corpus.is_dir():
        pytest.fail(f"citation corpus {corpus} is missing (set CITATION_CORPUS)")
    return corpus


@pytest.fixture
def seeded_with_texts(seed_corpus, db):
    """The seed data with every article's text archived, so every citation is verified."""
    call_command("load_seeds", "--corpus", str(seed_corpus), verbosity=0)


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium for one test module. Playwright's sync API allows one running instance per
    thread, so it is started and stopped per module: two modules never hold one at the same time."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from test bodies are
    # still synchronous, so allow them.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # Debian's Chromium (bin/test installs it); never a downloaded browser.
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, timeout=60_000)
        yield browser
        browser.close()
