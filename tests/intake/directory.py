"""The actor directory the intake tests use: invented states next to real ones, in invented crises."""

from intake.proposals import ActorDirectory, KnownActor

ACTORS = [
    KnownActor("freedonia", "Freedonia", "state", aliases=("Freedonian",)),
    KnownActor("sylvania", "Sylvania", "state", aliases=("Sylvanian",)),
    KnownActor("ruritania", "Ruritania", "state", aliases=("Ruritanian",)),
    KnownActor("carpania", "Carpania", "state", aliases=("Carpanian",)),
    KnownActor("chile", "Chile", "state", country="CL"),
    KnownActor("peru", "Peru", "state", country="PE"),
    KnownActor("bolivia", "Bolivia", "state", country="BO"),
    KnownActor("brazil", "Brazil", "state", country="BR"),
    KnownActor("argentina", "Argentina", "state", country="AR"),
    KnownActor("mexico", "Mexico", "state", country="MX"),
    KnownActor("united-states", "United States", "state", country="US", aliases=("U.S.", "US")),
    KnownActor("oas", "Organization of American States", "international_organization", aliases=("OAS",)),
    KnownActor("united-nations", "United Nations", "international_organization", aliases=("UN", "U.N.")),
    KnownActor(
        "us-state-department",
        "United States Department of State",
        "government_body",
        country="US",
        aliases=("State Department",),
    ),
    KnownActor(
        "rufus-firefly", "Rufus T. Firefly", "person", aliases=("Rufus Firefly",), represents="freedonia"
    ),
    KnownActor("marta-ibanez", "Marta Ibáñez", "person", aliases=("Ibanez",), represents="sylvania"),
    KnownActor("tomas-keller", "Tomas Keller", "person"),
]

# Names as the rules file's examples write them -> slugs.
BY_NAME = {actor.name: actor.slug for actor in ACTORS} | {"OAS": "oas", "UN": "united-nations"}


def directory() -> ActorDirectory:
    return ActorDirectory(ACTORS)
