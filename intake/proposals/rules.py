"""Loading and checking the curator-editable rules file (`intake/rules.yaml`).

The file's format is documented in the file itself. `Rules.load()` reads the default file;
`Rules.load(path)` another one; `Rules.from_dict()` a mapping (tests). A malformed file raises
`RulesError` naming the section and entry at fault, so a curator's typo is a clear message.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .organizations import Organization
from .types import ACTOR_KINDS, REACTION_KINDS, STANCES

DEFAULT_RULES_PATH = Path(__file__).resolve().parent.parent / "rules.yaml"


class RulesError(ValueError):
    """The rules file is malformed; the message names the section and entry."""


@dataclass(frozen=True)
class Example:
    text: str
    actors: tuple[str, ...] = ()
    stance: str | None = None


@dataclass(frozen=True)
class ReactionPattern:
    kind: str
    stance: str  # a stance, or "cues" (decided by Rules.stance_cues)
    cameo_code: str | None
    regex: re.Pattern
    agent_after: bool  # the actor follows the match ("condemnation from Chile")
    only_if_alone: bool  # proposed only when the actor has no other reaction in the sentence
    conditional_ok: bool  # "ready to mediate if asked": a condition after the verb blocks nothing
    with_other_kinds: bool  # a statement kept beside the actor's other reactions
    aimed_at_initiator_kind: str | None  # "solidarity with X": `support` when X started the crisis
    name: str  # "condemnation#2": for tests and for ReactionProposal.rule
    examples: tuple[Example, ...] = ()
    not_examples: tuple[str, ...] = ()
    # Proposed only when a state is named right after the verb ("backed Belgrade", not "backed
    # the idea of talks").
    needs_target: bool = False
    # Proposed only when no other pattern gives the actor anything in the sentence (a plain "X said").
    last_resort: bool = False
    # The reaction of an `agent` named after the verb is dated by the verb's clause.
    dated_by_clause: bool = False
    # Proposed only when this matches the sentence or one of the two before it ("sponsored the
    # text" after a resolution that condemns).
    after: re.Pattern | None = None
    # The states named after the verb are others doing the same, not its targets ("echoed Chile's
    # criticism").
    no_target: bool = False


@dataclass(frozen=True)
class Cue:
    regex: re.Pattern
    stance: str
    kind: str | None = None
    cameo_code: str | None = None
    examples: tuple[Example, ...] = ()
    scope: str = "before"


@dataclass(frozen=True)
class Rules:
    reactions: tuple[ReactionPattern, ...]
    stance_cues: tuple[Cue, ...]
    # A step taken "as a precaution" (a border closed during a coup next door) takes no side.
    precautions: tuple[Cue, ...]
    statement_reactions: tuple[Cue, ...]
    attribution_verbs: re.Pattern
    according_to: re.Pattern
    platforms: frozenset[str]
    anaphora: tuple[tuple[str, tuple[str, ...]], ...]  # (phrase, kinds), longest phrase first
    hedges: tuple[Cue, ...]
    negations: tuple[Cue, ...]
    hypotheticals: tuple[Cue, ...]
    echoes: tuple[Cue, ...]
    clause_breaks: re.Pattern
    roles: re.Pattern
    # Offices one person holds ("Brazil's president"): "he said" after one named only by office points
    # back to it.
    office_holders: re.Pattern
    former_markers: re.Pattern
    object_prepositions: frozenset[str]
    list_introducers: tuple[str, ...]
    kind_words: dict[str, tuple[str, ...]]
    titles: frozenset[str]
    not_actor_words: frozenset[str]
    function_words: frozenset[str]
    country_aliases: dict[str, tuple[str, ...]]
    not_countries: tuple[str, ...]
    capital_aliases: dict[str, tuple[str, ...]]
    # A short name two states share ("Congo"): ISO code -> the fuller names and capitals that, named
    # in the article, say which state it means.
    ambiguous_country_names: dict[str, dict[str, tuple[str, ...]]]
    not_capitals: tuple[str, ...]
    not_states: tuple[str, ...]
    organizations: tuple[Organization, ...]
    state_nouns: re.Pattern  # "Peruvian police", "the Kyrgyz side": a demonym that is the state
    thing_nouns: re.Pattern  # "the trawler Nordkapp": the name after it is a thing, not an actor
    aimed_at_nouns: re.Pattern  # "Russia's ambassador", "the Turkish move": whom a protest is aimed at
    body_nouns: re.Pattern  # "the Turkish foreign ministry": a body of the state, a speaker of its own
    raw: dict = field(repr=False, compare=False, default_factory=dict)

    @functools.cached_property
    def kind_word_regexes(self) -> dict[str, re.Pattern]:
        """One regex per kind of `kind_words`, in the file's order (the first kind found wins)."""
        return {kind: _words(list(words)) for kind, words in self.kind_words.items() if words}

    @classmethod
    def load(cls, path: str | Path | None = None) -> Rules:
        path = Path(path) if path else DEFAULT_RULES_PATH
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # noqa: S506
        except (OSError, yaml.YAMLError) as exc:
            raise RulesError(f"{path}: cannot read the rules file: {exc}") from exc
        return cls.from_dict(data, origin=str(path))

    @classmethod
    def from_dict(cls, data: dict, *, origin: str = "rules") -> Rules:
        if not isinstance(data, dict):
            raise RulesError(f"{origin}: the rules file must be a mapping of sections")
        reader = _Reader(origin)
        reactions = []
        numbers: dict[str, int] = {}
        for index, group in enumerate(reader.section(data, "reactions", list)):
            where = f"reactions[{index}]"
            kind = reader.choice(group, "kind", REACTION_KINDS, where)
            stance = reader.choice(group, "stance", (*STANCES, "cues"), where)
            code = reader.code(group.get("cameo_code"), where)
            for entry in reader.section(group, "patterns", list, where):
                number = numbers[kind] = numbers.get(kind, 0) + 1
                at = f"{where} ({kind}) pattern {number}"
                reactions.append(
                    ReactionPattern(
                        kind=kind,
                        stance=reader.choice(entry, "stance", (*STANCES, "cues"), at, default=stance),
                        cameo_code=reader.code(entry.get("cameo_code", code), at),
                        regex=reader.regex(entry, at),
                        agent_after=bool(entry.get("agent_after", False)),
                        only_if_alone=bool(entry.get("only_if_alone", False)),
                        conditional_ok=bool(entry.get("conditional_ok", False)),
                        with_other_kinds=bool(entry.get("with_other_kinds", False)),
                        needs_target=bool(entry.get("needs_target", False)),
                        last_resort=bool(entry.get("last_resort", False)),
                        dated_by_clause=bool(entry.get("dated_by_clause", False)),
                        after=reader.regex({"pattern": entry["after"]}, at) if "after" in entry else None,
                        no_target=bool(entry.get("no_target", False)),
                        aimed_at_initiator_kind=(
                            reader.choice(entry, "if_aimed_at_initiator", REACTION_KINDS, at)
                            if "if_aimed_at_initiator" in entry
                            else None
                        ),
                        name=f"{kind}#{number}",
                        examples=reader.examples(entry, at),
                        not_examples=tuple(str(t) for t in entry.get("not_examples", []) or []),
                    )
                )
        stance_cues = tuple(
            Cue(
                reader.regex(entry, f"stance_cues[{i}]"),
                reader.choice(entry, "stance", STANCES, f"stance_cues[{i}]"),
                examples=reader.examples(entry, f"stance_cues[{i}]"),
            )
            for i, entry in enumerate(reader.section(data, "stance_cues", list))
        )
        statement_reactions = tuple(
            Cue(
                reader.regex(entry, f"statement_reactions[{i}]"),
                reader.choice(entry, "stance", STANCES, f"statement_reactions[{i}]"),
                kind=reader.choice(entry, "kind", REACTION_KINDS, f"statement_reactions[{i}]"),
                cameo_code=reader.code(entry.get("cameo_code"), f"statement_reactions[{i}]"),
                examples=reader.examples(entry, f"statement_reactions[{i}]"),
            )
            for i, entry in enumerate(reader.section(data, "statement_reactions", list))
        )
        attribution = reader.section(data, "attribution", dict)
        anaphora = []
        for i, entry in enumerate(reader.section(data, "anaphora", list)):
            kinds = reader.words(entry, "kinds", f"anaphora[{i}]")
            for kind in kinds:
                if kind not in ACTOR_KINDS:
                    reader.fail(f"anaphora[{i}]", f"kind {kind!r} is not one of {', '.join(ACTOR_KINDS)}")
            anaphora.extend((w.lower(), tuple(kinds)) for w in reader.words(entry, "words", f"anaphora[{i}]"))
        anaphora.sort(key=lambda item: len(item[0]), reverse=True)
        kind_words = reader.section(data, "kind_words", dict)
        aliases = reader.section(data, "country_aliases", dict)
        ambiguous = reader.section(data, "ambiguous_country_names", dict)
        return cls(
            reactions=tuple(reactions),
            stance_cues=stance_cues,
            precautions=reader.cues(data, "precautions"),
            statement_reactions=statement_reactions,
            attribution_verbs=_words(reader.words(attribution, "verbs", "attribution")),
            according_to=re.compile(
                "|".join(f"(?:{p})" for p in reader.words(attribution, "according_to", "attribution"))
            ),
            platforms=frozenset(reader.words(attribution, "platforms", "attribution")),
            anaphora=tuple(anaphora),
            hedges=reader.cues(data, "hedges"),
            negations=reader.cues(data, "negations"),
            hypotheticals=reader.cues(data, "hypotheticals"),
            echoes=reader.cues(data, "echoes"),
            clause_breaks=re.compile(
                "|".join(f"(?:{c.regex.pattern})" for c in reader.cues(data, "clause_breaks"))
            ),
            roles=_words(reader.words(data, "roles")),
            office_holders=_words(reader.words(data, "office_holders")),
            former_markers=_words(reader.words(data, "former_markers")),
            object_prepositions=frozenset(w.lower() for w in reader.words(data, "object_prepositions")),
            list_introducers=tuple(w.lower() for w in reader.words(data, "list_introducers")),
            kind_words={
                kind: tuple(w.lower() for w in reader.words(kind_words, kind, "kind_words"))
                for kind in kind_words
            },
            titles=frozenset(w.lower() for w in reader.words(data, "titles")),
            not_actor_words=frozenset(w.lower() for w in reader.words(data, "not_actor_words")),
            function_words=frozenset(w.lower() for w in reader.words(data, "function_words")),
            country_aliases={
                str(code).upper(): tuple(str(n) for n in names or []) for code, names in aliases.items()
            },
            not_countries=tuple(w.lower() for w in reader.words(data, "not_countries")),
            capital_aliases={
                str(code).upper(): tuple(str(n) for n in names or [])
                for code, names in reader.section(data, "capital_aliases", dict).items()
            },
            ambiguous_country_names={
                str(name): {
                    str(code).upper(): tuple(str(c) for c in clues or [])
                    for code, clues in reader.section(
                        ambiguous, str(name), dict, "ambiguous_country_names"
                    ).items()
                }
                for name in reader.section(data, "ambiguous_country_names", dict)
            },
            not_capitals=tuple(reader.words(data, "not_capitals")),
            not_states=tuple(w.upper() for w in reader.words(data, "not_states")),
            organizations=reader.organizations(data),
            state_nouns=_words(reader.words(data, "state_nouns")),
            thing_nouns=_words(reader.words(data, "thing_nouns")),
            aimed_at_nouns=_words(reader.words(data, "aimed_at_nouns")),
            body_nouns=_words(reader.words(data, "body_nouns")),
            raw=data,
        )


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses a key given twice in one mapping (YAML would keep the last one and
    silently drop a curator's earlier entry), and reads only true/false as booleans: in YAML 1.1
    the words "on", "no", "yes" and "off" of a word list would silently become True or False."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"{key!r} is given twice in the same section", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_UniqueKeyLoader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_UniqueKeyLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _words(words: list[str]) -> re.Pattern:
    """One regex for a list of words or phrases, longest first, whole words, on folded text."""
    ordered = sorted({w.lower() for w in words}, key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])")


class _Reader:
    def __init__(self, origin: str):
        self.origin = origin

    def fail(self, where: str, problem: str):
        raise RulesError(f"{self.origin}: {where}: {problem}")

    def section(self, data: dict, name: str, kind: type, where: str = ""):
        value = data.get(name)
        label = f"{where}.{name}" if where else name
        if not isinstance(value, kind):
            self.fail(label, f"missing or not a {'list' if kind is list else 'mapping'}")
        if kind is list and not all(isinstance(entry, dict) for entry in value):
            self.fail(label, "every entry must be a mapping (pattern: ..., examples: ...)")
        return value

    def words(self, data: dict, name: str, where: str = "") -> list[str]:
        value = data.get(name)
        label = f"{where}.{name}" if where else name
        if not isinstance(value, list) or not value:
            self.fail(label, "missing or not a non-empty list of words")
        return [str(v) for v in value]

    def choice(self, data: dict, name: str, allowed, where: str, default=None) -> str:
        value = data.get(name, default)
        if value not in allowed:
            self.fail(where, f"{name} is {value!r}; allowed: {', '.join(allowed)}")
        return value

    def code(self, value, where: str) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or not value.isdigit():
            self.fail(where, f'cameo_code must be a quoted string of digits such as "111", not {value!r}')
        return value

    def regex(self, entry: dict, where: str) -> re.Pattern:
        pattern = entry.get("pattern")
        if not isinstance(pattern, str) or not pattern:
            self.fail(where, "missing pattern")
        try:
            return re.compile(pattern)
        except re.error as exc:
            self.fail(where, f"pattern is not a valid regular expression: {exc}")

    def examples(self, entry: dict, where: str) -> tuple[Example, ...]:
        raw = entry.get("examples")
        if not isinstance(raw, list) or not raw:
            self.fail(where, "every pattern needs at least one example")
        examples = []
        for item in raw:
            if isinstance(item, str):
                examples.append(Example(item))
            elif isinstance(item, dict) and isinstance(item.get("text"), str):
                stance = item.get("stance")
                if stance is not None and stance not in STANCES:
                    self.fail(where, f"example stance {stance!r} is not one of {', '.join(STANCES)}")
                examples.append(
                    Example(item["text"], tuple(str(a) for a in item.get("actors", []) or []), stance)
                )
            else:
                self.fail(where, f"an example must be a sentence or a mapping with text: {item!r}")
        return tuple(examples)

    def organizations(self, data: dict) -> tuple[Organization, ...]:
        found = []
        for i, entry in enumerate(self.section(data, "organizations", list)):
            where = f"organizations[{i}]"
            unknown = sorted(str(key) for key in entry if key not in ("name", "aliases", "kind"))
            if unknown:
                # {name: Educational, Scientific and Cultural Organization} reads "Scientific and
                # Cultural Organization" as a key of its own: a name with a comma must be quoted.
                self.fail(where, f"unknown key {unknown[0]!r} (quote a name that holds a comma)")
            name = entry.get("name")
            if not isinstance(name, str) or not name.strip():
                self.fail(where, "missing name")
            aliases = entry.get("aliases") or []
            if not isinstance(aliases, list):
                self.fail(where, "aliases must be a list")
            kind = self.choice(entry, "kind", ACTOR_KINDS, where, default="international_organization")
            found.append(Organization(name.strip(), tuple(str(a) for a in aliases), kind))
        return tuple(found)

    def cues(self, data: dict, name: str) -> tuple[Cue, ...]:
        return tuple(
            Cue(
                self.regex(entry, f"{name}[{i}]"),
                stance="neutral",
                examples=self.examples(entry, f"{name}[{i}]"),
                scope=self.choice(entry, "scope", ("before", "after"), f"{name}[{i}]", default="before"),
            )
            for i, entry in enumerate(self.section(data, name, list))
        )
