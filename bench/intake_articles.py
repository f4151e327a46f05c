"""Score the intake engine on our own articles about invented crises between real states
(tests/intake/articles_iso: NN_slug.txt and NN_slug.gold.yaml with ISO codes and organizations'
names, the format of issue 14's held-out sets). A development check that prints a table.

    .venv/bin/python bench/intake_articles.py [--verbose] [FOLDER]

The letter before each article's number is the batch it was written in (engine3 round): `a` before
the round's changes, `b` halfway, `c` near the end; each batch was scored once before the engine was
changed for it (first-run scores in intake/proposals/README.md).
"""

import argparse
import datetime
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from intake.proposals import (  # noqa: E402
    ActorDirectory,
    GoldReaction,
    GoldStatement,
    format_table,
    propose,
    score,
)
from intake.proposals.engine import _lexicon, default_rules  # noqa: E402
from intake.proposals.evaluation import quotes_match  # noqa: E402
from intake.proposals.organizations import initials  # noqa: E402
from intake.proposals.text import fold  # noqa: E402


def actor_codes(ref, proposals, directory) -> set[str]:
    """What identifies a proposed actor to the gold files: its ISO code, or its names and acronyms."""
    if ref.slug is not None:
        known = directory.get(ref.slug)
        names = [known.name, *known.aliases]
        country = known.country if known.kind == "state" else None
    else:
        new = next(a for a in proposals.new_actors if a.key == ref.new)
        names = [new.name, *new.aliases]
        country = new.country if new.kind == "state" else None
    if country:
        return {country}
    return {fold(n) for n in names} | {fold(initials(n)) for n in names if len(n.split()) > 1}


def gold_key(code: str, proposals, directory) -> str:
    """The engine's key for a gold actor (an ISO code or an organization's name or acronym), or a key
    no proposal has."""
    for reaction in proposals.reactions:
        codes = actor_codes(reaction.actor, proposals, directory)
        if code in codes or fold(code) in codes:
            return reaction.actor.key
    return f"gold:{code}"


def speaker_key(name: str, quote: str, proposals, directory) -> str:
    """The engine's speaker key for a gold speaker: a proposal whose speaker's name shares the gold
    name's last word, or names the state or body the gold names; the proposals quoting the same words
    are looked at first (with two ministries speaking, the one that said these words)."""
    last = fold(name).split()[-1]
    # A state named by its capital or another name ("Moscow calls this ..."): its ISO code.
    lexicon = _lexicon(default_rules())
    term = lexicon.by_folded.get(fold(name).strip())
    state = term.iso if term is not None and not term.demonym else None
    same_words = [s for s in proposals.statements if quotes_match(s.quote.text, quote)]
    for statement in same_words + [s for s in proposals.statements if s not in same_words]:
        ref = statement.speaker
        if state is not None and state in actor_codes(ref, proposals, directory):
            return ref.key
        names = (
            [directory.get(ref.slug).name]
            if ref.slug
            else [next(a.name for a in proposals.new_actors if a.key == ref.new)]
        )
        words = {w.rstrip("'s") for n in names for w in fold(n).split()}
        if last in words or any(w[:-1] in fold(name) for w in words if len(w) > 3):
            return ref.key
    return f"gold:{name}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(ROOT / "tests" / "intake" / "articles_iso"))
    parser.add_argument("--verbose", action="store_true", help="list misses and extra proposals")
    args = parser.parse_args()
    directory = ActorDirectory.from_records(yaml.safe_load((ROOT / "seeds" / "actors.yaml").read_text()))
    rows = []
    for path in sorted(Path(args.folder).glob("*.txt")):
        gold = yaml.safe_load(path.with_suffix(".gold.yaml").read_text(encoding="utf-8"))
        published = gold.get("published")
        published = datetime.date.fromisoformat(str(published)) if published else None
        proposals = propose(path.read_text(encoding="utf-8"), published=published, directory=directory)
        reactions = [
            GoldReaction(
                actor=gold_key(str(r["actor"]), proposals, directory),
                kind=r["kind"],
                stance=r["stance"],
                date=r.get("date"),
                date_precision=r.get("date_precision") or "unknown",
            )
            for r in gold["reactions"]
        ]
        statements = [
            GoldStatement(
                speaker=speaker_key(s["speaker"], s["quote"], proposals, directory),
                quote=s["quote"],
                on_behalf_of=None,
            )
            for s in gold.get("statements") or []
        ]
        row = score(proposals, reactions=reactions, statements=statements, name=path.stem)
        # The gold files date reactions only: count the dates of reactions alone.
        dated = score(proposals, reactions=reactions, statements=[], name=path.stem)
        for field in ("dates_checked", "dates_right", "dates_missing", "dates_invented"):
            setattr(row, field, getattr(dated, field))
        rows.append(row)
        if args.verbose:
            keys = {(g.actor, g.kind) for g in reactions}
            found = {(r.actor.key, r.kind) for r in proposals.reactions}
            print("##", path.stem)
            for r in proposals.reactions:
                mark = "OK" if (r.actor.key, r.kind) in keys else "XX"
                print(
                    f"  {mark} {r.actor.key} {r.kind} {r.stance} {r.date.value} :: {r.excerpts[0].text[:70]}"
                )
            for g in reactions:
                if (g.actor, g.kind) not in found:
                    print(f"  MISS {g.actor} {g.kind}")
    print(format_table(rows))


if __name__ == "__main__":
    main()
