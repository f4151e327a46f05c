"""Scoring proposals against curated (gold) records, for development and `evaluate_intake`.

    gold_reactions, gold_statements = gold_from_seed_records(source_slug, reaction_records, statement_records)
    row = score(proposals, reactions=gold_reactions, statements=gold_statements, name="ap")
    print(format_table([row, ...]))

Measures (issue 14):
- reactions: a proposal is right when its actor and kind are those of a gold reaction of the
  article (precision over proposals, recall over gold); stance accuracy over the right ones;
- statements: right when speaker and quote match (quotes compared folded, one containing the other
  or 90 % alike); "speaker right" is, over gold quotes the engine found at all, the share with the
  right speaker;
- dates, over matched reactions and statements: right, missing (engine says unknown, gold has one)
  and invented (engine gives a date the gold does not have);
- verbatim: every cited span is exactly text[start:end].
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, fields

from rapidfuzz import fuzz

from .text import fold
from .types import Proposals


@dataclass(frozen=True)
class GoldReaction:
    actor: str
    kind: str
    stance: str
    date: datetime.date | None = None
    date_precision: str = "unknown"
    excerpts: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoldStatement:
    speaker: str
    quote: str
    on_behalf_of: str | None = None
    date: datetime.date | None = None
    date_precision: str = "unknown"


@dataclass
class ArticleScore:
    name: str = ""
    reactions_proposed: int = 0
    reactions_gold: int = 0
    reactions_right: int = 0
    stance_right: int = 0
    statements_proposed: int = 0
    statements_gold: int = 0
    statements_right: int = 0
    quotes_found: int = 0
    dates_checked: int = 0
    dates_right: int = 0
    dates_missing: int = 0
    dates_invented: int = 0
    spans: int = 0
    spans_verbatim: int = 0

    def __add__(self, other: ArticleScore) -> ArticleScore:
        total = ArticleScore(name="overall")
        for f in fields(self):
            if f.name != "name":
                setattr(total, f.name, getattr(self, f.name) + getattr(other, f.name))
        return total

    @staticmethod
    def _ratio(part: int, whole: int) -> float | None:
        return part / whole if whole else None

    @property
    def reaction_precision(self):
        return self._ratio(self.reactions_right, self.reactions_proposed)

    @property
    def reaction_recall(self):
        return self._ratio(self.reactions_right, self.reactions_gold)

    @property
    def stance_accuracy(self):
        return self._ratio(self.stance_right, self.reactions_right)

    @property
    def statement_precision(self):
        return self._ratio(self.statements_right, self.statements_proposed)

    @property
    def statement_recall(self):
        return self._ratio(self.statements_right, self.statements_gold)

    @property
    def speaker_accuracy(self):
        return self._ratio(self.statements_right, self.quotes_found)

    @property
    def verbatim(self):
        return self._ratio(self.spans_verbatim, self.spans)


def _quote_key(value: str) -> str:
    return re.sub(r"[^\w]+", " ", fold(value)).strip()


def quotes_match(proposed: str, gold: str) -> bool:
    a, b = _quote_key(proposed), _quote_key(gold)
    if not a or not b:
        return False
    return a in b or b in a or fuzz.ratio(a, b) >= 90


def _date_outcome(value, precision, gold_value, gold_precision) -> str:
    if precision == "unknown" or value is None:
        return "missing" if gold_value is not None else "right"
    if gold_value is not None and value == gold_value and precision == gold_precision:
        return "right"
    return "invented"


def score(
    proposals: Proposals, *, reactions: list[GoldReaction], statements: list[GoldStatement], name: str = ""
) -> ArticleScore:
    result = ArticleScore(name=name)
    text = proposals.text
    for cited in proposals.spans():
        result.spans += 1
        result.spans_verbatim += int(
            0 <= cited.start <= cited.end <= len(text) and text[cited.start : cited.end] == cited.text
        )

    gold_by_key = {(g.actor, g.kind): g for g in reactions}
    result.reactions_gold = len(gold_by_key)
    result.reactions_proposed = len(proposals.reactions)
    for reaction in proposals.reactions:
        gold = gold_by_key.get((reaction.actor.key, reaction.kind))
        if gold is None:
            continue
        result.reactions_right += 1
        result.stance_right += int(reaction.stance == gold.stance)
        _count_date(result, reaction.date, gold)

    result.statements_gold = len(statements)
    result.statements_proposed = len(proposals.statements)
    matched_proposals: set[int] = set()
    for gold in statements:
        found_any = False
        right = None
        for index, statement in enumerate(proposals.statements):
            if not quotes_match(statement.quote.text, gold.quote):
                continue
            found_any = True
            if statement.speaker.key == gold.speaker and index not in matched_proposals:
                right = index
                break
        result.quotes_found += int(found_any)
        if right is not None:
            matched_proposals.add(right)
            result.statements_right += 1
            _count_date(result, proposals.statements[right].date, gold)
    return result


def _count_date(result: ArticleScore, date, gold) -> None:
    outcome = _date_outcome(date.value, date.precision, gold.date, gold.date_precision)
    result.dates_checked += 1
    result.dates_right += outcome == "right"
    result.dates_missing += outcome == "missing"
    result.dates_invented += outcome == "invented"


def _as_date(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


def gold_from_seed_records(
    source_slug: str, reaction_records: list[dict], statement_records: list[dict]
) -> tuple[list[GoldReaction], list[GoldStatement]]:
    """Gold records of one article from records shaped like seeds/reactions.yaml and
    seeds/statements.yaml: those citing `source_slug`."""

    def cites(record):
        return any(c.get("source") == source_slug for c in record.get("citations") or [])

    reactions = []
    for record in reaction_records:
        if not cites(record):
            continue
        date = _as_date(record.get("date"))
        reactions.append(
            GoldReaction(
                actor=record["actor"],
                kind=record["kind"],
                stance=record["stance"],
                date=date,
                date_precision=record.get("date_precision") or ("day" if date else "unknown"),
                excerpts=tuple(
                    c["excerpt"] for c in record.get("citations") or [] if c.get("source") == source_slug
                ),
            )
        )
    statements = []
    for record in statement_records:
        if not cites(record):
            continue
        date = _as_date(record.get("date"))
        statements.append(
            GoldStatement(
                speaker=record["speaker"],
                quote=record["quote"],
                on_behalf_of=record.get("on_behalf_of"),
                date=date,
                date_precision=record.get("date_precision") or ("day" if date else "unknown"),
            )
        )
    return reactions, statements


def _pct(value) -> str:
    return "-" if value is None else f"{100 * value:.0f} %"


def format_table(rows: list[ArticleScore]) -> str:
    """A markdown table: one row per article and an overall row."""
    total = ArticleScore(name="overall")
    for row in rows:
        total = total + row
    header = (
        "| article | reactions P | reactions R | stance | statements P | statements R | speaker right "
        "| dates right / missing / invented | verbatim |"
    )
    lines = [header, "|" + "---|" * 9]
    for row in [*rows, total]:
        lines.append(
            f"| {row.name} | {_pct(row.reaction_precision)} ({row.reactions_right}/{row.reactions_proposed}) "
            f"| {_pct(row.reaction_recall)} ({row.reactions_right}/{row.reactions_gold}) "
            f"| {_pct(row.stance_accuracy)} "
            f"| {_pct(row.statement_precision)} ({row.statements_right}/{row.statements_proposed}) "
            f"| {_pct(row.statement_recall)} ({row.statements_right}/{row.statements_gold}) "
            f"| {_pct(row.speaker_accuracy)} ({row.statements_right}/{row.quotes_found}) "
            f"| {row.dates_right} / {row.dates_missing} / {row.dates_invented} "
            f"| {_pct(row.verbatim)} |"
        )
    return "\n".join(lines)
