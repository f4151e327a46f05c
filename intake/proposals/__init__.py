"""The article intake proposal engine: pure Python, no Django, offline.

    from intake.proposals import ActorDirectory, KnownActor, propose

    directory = ActorDirectory([KnownActor("chile", "Chile", "state", country="CL"), ...])
    proposals = propose(text, published=datetime.date(2024, 4, 6), directory=directory)
    for reaction in proposals.reactions: ...

See README.md in this folder for the interface and intake/rules.yaml for the rules.
"""

from .directory import ActorDirectory, KnownActor
from .engine import propose
from .evaluation import (
    ArticleScore,
    GoldReaction,
    GoldStatement,
    format_table,
    gold_from_seed_records,
    score,
)
from .rules import Rules, RulesError
from .types import (
    ACTOR_KINDS,
    CERTAINTIES,
    DATE_PRECISIONS,
    REACTION_KINDS,
    STANCES,
    ActorRef,
    NewActor,
    Proposals,
    ProposedDate,
    ReactionProposal,
    Span,
    StatementProposal,
)

__all__ = [
    "ACTOR_KINDS",
    "CERTAINTIES",
    "DATE_PRECISIONS",
    "REACTION_KINDS",
    "STANCES",
    "ActorDirectory",
    "ActorRef",
    "ArticleScore",
    "GoldReaction",
    "GoldStatement",
    "KnownActor",
    "NewActor",
    "ProposedDate",
    "Proposals",
    "ReactionProposal",
    "Rules",
    "RulesError",
    "Span",
    "StatementProposal",
    "format_table",
    "gold_from_seed_records",
    "propose",
    "score",
]
