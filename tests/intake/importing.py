"""Shared by the import tests: the actors of our invented crises in the database, and our articles.

The articles in tests/intake/imports/ are our own words about invented crises (Freedonia, Sylvania)."""

import datetime
from pathlib import Path

from actors.choices import ActorKind
from tests.factories import ActorFactory, EventFactory, PersonFactory, RoleFactory

ARTICLES = Path(__file__).with_name("imports")
PUBLISHED = datetime.date(2026, 3, 5)  # a Thursday: "on Tuesday" is 3 March


def article(name: str) -> str:
    return (ARTICLES / name).read_text(encoding="utf-8")


def crisis_actors() -> dict:
    """Known actors: two invented states (user-assigned country codes), real ones, the OAS, and
    Sylvania's foreign minister with a current role."""
    actors = {
        "freedonia": ActorFactory(slug="freedonia", name="Freedonia", country="XF", aliases=["Freedonian"]),
        "sylvania": ActorFactory(slug="sylvania", name="Sylvania", country="XS", aliases=["Sylvanian"]),
        "chile": ActorFactory(slug="chile", name="Chile", country="CL"),
        "oas": ActorFactory(slug="oas", name="Organization of American States", country="",
                            kind=ActorKind.INTERNATIONAL_ORGANIZATION, aliases=["OAS"]),
        "marta-ibanez": PersonFactory(slug="marta-ibanez", name="Marta Ibáñez"),
    }
    RoleFactory(person=actors["marta-ibanez"], organization=actors["sylvania"], title="Foreign Minister",
                is_current=True)
    return actors


def crisis_event():
    return EventFactory(slug="fishermen-detained", title="Sylvanian fishermen detained by Freedonia",
                        place="", country="", cameo_code="173")


def import_kwargs(**overrides) -> dict:
    values = {"publisher": "The Arborian Post",
              "title": "Sylvania recalls ambassador over detained fishermen", "published": PUBLISHED,
              "language": "en"}
    return values | overrides
