"""Shared by the intake admin tests: the actors and event of the test article's invented crisis, a
curator, and the import form as a curator fills it in."""

import io
from pathlib import Path

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from tests.factories import ActorFactory, EventFactory

ARTICLE_PATH = Path(__file__).resolve().parents[1] / "browser" / "articles" / "trawler_standoff.txt"
ARTICLE = ARTICLE_PATH.read_text(encoding="utf-8")
PASSWORD = "pw-curator-123"
IMPORT_URL = reverse("admin:intake_articleimport_add")

# The database requires an ISO code for a state: the invented ones get codes of states the article never
# names. All reviewed, as a curator's database would have them.
STATES = [("freedonia", "Freedonia", "MC", ["Freedonian"]), ("sylvania", "Sylvania", "LI", ["Sylvanian"]),
          ("chile", "Chile", "CL", []), ("peru", "Peru", "PE", []), ("argentina", "Argentina", "AR", []),
          ("bolivia", "Bolivia", "BO", [])]


def make_crisis():
    """The states of the article and a reviewed event about it; returns the event."""
    for slug, name, country, aliases in STATES:
        ActorFactory(slug=slug, name=name, country=country, aliases=aliases)
    return EventFactory(title="Freedonian navy boards Sylvanian trawlers", slug="freedonia-boards-trawlers",
                        place="Marbella Bank", country="")


def make_curator(django_user_model, username="curator"):
    call_command("setup_curators", verbosity=0, stdout=io.StringIO())
    user = django_user_model.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="curator"))
    return user


def import_form(event=None, **overrides):
    data = {"text": ARTICLE, "event": event.pk if event is not None else "", "new_event_title": "",
            "publisher": "The Marbella Gazette", "title": "Sylvania recalls envoy as Freedonian navy holds "
            "trawler crews", "author": "", "published": "2026-03-12", "language": "en"}
    data.update(overrides)
    return data


def review_url(article_import):
    return reverse("admin:intake_articleimport_change", args=[article_import.pk])
