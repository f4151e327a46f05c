"""``evaluate_intake``: the seed articles imported as a curator would, scored against the curated records.

Each seed source (one with a ``corpus_name``) is imported with ``import_article`` inside a transaction
that is then rolled back, so the database is left as it was. The seed texts are already archived by
``load_seeds`` with the same SHA-256, which would make every import a duplicate: inside the rolled-back
transaction the seed's archived text is removed first. The proposals go to a new draft event, so none is
merged into the curated records as an extra citation: every one is stored as a record of its own, and
what is stored is checked too (every citation and quote verbatim at its offsets in the archived text).

The gold records are the database's reactions and statements citing the seed source: the curated seed
records (and whatever curators have added since). Scores use intake.proposals.evaluation, the same as
bench/intake_seeds.py, which scores the engine alone against seeds/*.yaml.
"""

import time
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from events.models import Reaction, Statement
from intake.choices import ImportOrigin
from intake.proposals import ArticleScore, GoldReaction, GoldStatement, score
from intake.services import import_article
from sources.models import Citation, Source, SourceText


class Rollback(Exception):
    """Raised to roll an evaluation's import back."""


@dataclass
class Evaluation:
    rows: list[ArticleScore] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: dict = field(default_factory=dict)  # article -> seconds to import it
    stored: dict = field(default_factory=dict)  # article -> (records stored, citations, verbatim ones)


def gold_records(source: Source) -> tuple[list[GoldReaction], list[GoldStatement]]:
    reactions = [
        GoldReaction(actor=r.actor.slug, kind=r.kind, stance=r.stance, date=r.date,
                     date_precision=r.date_precision,
                     excerpts=tuple(c.excerpt for c in r.citations.all() if c.source_id == source.pk))
        for r in (Reaction.objects.filter(citations__source=source).distinct().select_related("actor")
                  .prefetch_related("citations").order_by("id"))
    ]
    statements = [
        GoldStatement(speaker=s.speaker.slug, quote=s.quote,
                      on_behalf_of=s.on_behalf_of.slug if s.on_behalf_of else None, date=s.date,
                      date_precision=s.date_precision)
        for s in (Statement.objects.filter(citations__source=source).distinct()
                  .select_related("speaker", "on_behalf_of").order_by("id"))
    ]
    return reactions, statements


def article_text(source: Source, corpus: Path | None) -> str | None:
    """The seed article's text: its corpus file, else its archived text."""
    if corpus is not None:
        path = corpus / source.corpus_name
        if path.is_file():
            return path.read_text(encoding="utf-8")
    archived = SourceText.objects.filter(source=source).first()
    return archived.text if archived is not None else None


def evaluate(*, corpus: Path | None, progress=lambda name: None) -> Evaluation:
    result = Evaluation()
    sources = list(Source.objects.exclude(corpus_name="").order_by("slug"))
    for source in sources:
        text = article_text(source, corpus)
        if text is None:
            result.notes.append(f"{source.slug}: no text (corpus file {source.corpus_name} not found and "
                                "none archived): left out")
            continue
        progress(source.slug)
        gold_reactions, gold_statements = gold_records(source)
        try:
            with transaction.atomic():
                # The same text is the seed's archived text: without it the import is not a duplicate.
                SourceText.objects.filter(source=source).delete()
                started = time.perf_counter()
                imported = import_article(
                    text=text, origin=ImportOrigin.PASTED, new_event_title=f"Evaluation of {source.slug}",
                    publisher=source.publisher, title=source.title,
                    published=source.published_on if source.published_precision == "day" else None,
                    language=source.language)
                result.seconds[source.slug] = time.perf_counter() - started
                result.rows.append(score(imported.proposals, reactions=gold_reactions,
                                         statements=gold_statements, name=source.slug))
                result.stored[source.slug] = _stored(imported)
                if imported.skipped:
                    result.notes.append(f"{source.slug}: {len(imported.skipped)} proposal(s) refused by the "
                                        "database: " + "; ".join(imported.skipped))
                raise Rollback
        except Rollback:
            pass
    return result


def _stored(imported) -> tuple[int, int, int]:
    text = imported.source.archived_text.text
    records = imported.article_import.proposals.exclude(kind="actor").count()
    citations = list(Citation.objects.filter(source=imported.source))
    verbatim = sum(text[c.excerpt_start:c.excerpt_end] == c.excerpt for c in citations
                   if c.excerpt_start is not None)
    quotes = Statement.objects.filter(quote_source=imported.source)
    quotes_verbatim = sum(text[s.quote_start:s.quote_end] == s.quote for s in quotes)
    return records, len(citations) + quotes.count(), verbatim + quotes_verbatim
