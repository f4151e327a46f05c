"""The engine's vocabulary and its output: plain dataclasses, no Django.

Every value here is a plain string from a fixed list (the same values as the Django TextChoices in
`events.choices` and `actors`), so the Django side maps them one to one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

REACTION_KINDS = (
    "severed_ties",
    "condemnation",
    "statement",
    "legal_action",
    "call_for_meeting",
    "abstention",
    "support",
    "recalled_or_expelled_diplomats",
    "other",
)
STANCES = ("condemns", "supports", "neutral", "abstains")
CERTAINTIES = ("reported", "alleged")
ACTOR_KINDS = (
    "state",
    "international_organization",
    "person",
    "government_body",
    "political_party",
    "criminal_group",
    "other_organization",
)
DATE_PRECISIONS = ("day", "month", "year", "unknown")
# Kinds of actor whose reactions the intake proposes (issue 14: "reactions of states and
# international organizations").
REACTING_KINDS = ("state", "international_organization")


@dataclass(frozen=True)
class Span:
    """A verbatim piece of the article: always exactly `article_text[start:end]`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ActorRef:
    """Points at a known actor (`slug`) or at one of `Proposals.new_actors` (`new`, its key)."""

    slug: str | None = None
    new: str | None = None

    def __post_init__(self):
        if (self.slug is None) == (self.new is None):
            raise ValueError("ActorRef needs exactly one of slug and new")

    @property
    def key(self) -> str:
        return self.slug if self.slug is not None else f"new:{self.new}"

    def __str__(self) -> str:
        return self.key


@dataclass(frozen=True)
class ProposedDate:
    """A date and how much of it the article gives. `value` is None exactly when precision is unknown;
    month and year precision store the first day of the period."""

    value: datetime.date | None = None
    precision: str = "unknown"
    # The words it was read from (verbatim, with offsets), None when unknown.
    source: Span | None = None

    @classmethod
    def unknown(cls) -> ProposedDate:
        return cls()


@dataclass
class NewActor:
    """A name the directory did not know: a draft actor for the curator to confirm or merge."""

    key: str  # stable within one Proposals, e.g. "will-freeman"
    name: str  # as first written in the article
    kind: str  # one of ACTOR_KINDS (a guess from the words in the name)
    country: str | None = None  # ISO 3166 alpha-2, only when the article states it
    mentions: list[Span] = field(default_factory=list)
    # Other names the article or the rules file give it: acronyms ("SICA"), long forms.
    aliases: list[str] = field(default_factory=list)

    @property
    def ref(self) -> ActorRef:
        return ActorRef(new=self.key)


@dataclass
class StatementProposal:
    speaker: ActorRef
    quote: Span  # the words inside the quotation marks, verbatim
    excerpt: Span  # the sentence(s) holding the quote and its attribution
    on_behalf_of: ActorRef | None = None
    date: ProposedDate = field(default_factory=ProposedDate.unknown)
    certainty: str = "reported"
    # Why the speaker was chosen: "after" ("...," X said), "before" (X said: "..."), "according_to",
    # "previous" (named in the sentence before), "continued" (same speaker as the quote before),
    # "subject" (the subject of the quote's sentence).
    attribution: str = ""


@dataclass
class ReactionProposal:
    actor: ActorRef
    kind: str
    stance: str
    cameo_code: str | None
    excerpts: list[Span]  # one or more; duplicates within an article are merged here
    date: ProposedDate = field(default_factory=ProposedDate.unknown)
    certainty: str = "reported"
    # Which rule produced it: "pattern:<kind>#<n>" or "statement" (an official's quote).
    rule: str = ""

    @property
    def excerpt(self) -> Span:
        return self.excerpts[0]


@dataclass
class Proposals:
    text: str
    published: datetime.date | None
    new_actors: list[NewActor] = field(default_factory=list)
    statements: list[StatementProposal] = field(default_factory=list)
    reactions: list[ReactionProposal] = field(default_factory=list)

    def spans(self):
        """Every verbatim span the proposals cite (for checks and highlighting)."""
        for statement in self.statements:
            yield statement.quote
            yield statement.excerpt
        for reaction in self.reactions:
            yield from reaction.excerpts

    def new_actor(self, key: str) -> NewActor | None:
        return next((actor for actor in self.new_actors if actor.key == key), None)
