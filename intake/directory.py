"""The actors in the database, as the intake engine's ``ActorDirectory`` (intake/proposals)."""

from actors.models import Actor, Role
from intake.proposals import ActorDirectory, KnownActor


def directory_from_database() -> ActorDirectory:
    """Every actor, drafts included (a draft made by an earlier import is matched, not made again),
    with its aliases and, for a person, whom a current role says they speak for. Two queries."""
    represents = {}
    for person, organization in (Role.objects.filter(is_current=True).order_by("id")
                                 .values_list("person__slug", "organization__slug")):
        represents.setdefault(person, organization)
    actors = [
        KnownActor(slug=slug, name=name, kind=kind, country=str(country) or None,
                   aliases=tuple(aliases or ()), represents=represents.get(slug))
        for slug, name, kind, country, aliases in (Actor.objects.order_by("id")
                                                   .values_list("slug", "name", "kind", "country", "aliases"))
    ]
    return ActorDirectory(actors)
