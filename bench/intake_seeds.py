"""Score the intake engine on the five seed articles against the curated seed records.

    .venv/bin/python bench/intake_seeds.py [--corpus ../shared/seeds] [--verbose]

A development check (the seeds are the development set); `manage.py evaluate_intake` is the
project's command for the same table. Needs no database.
"""

import argparse
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from intake.proposals import ActorDirectory, format_table, gold_from_seed_records, propose, score  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "seeds"))
    parser.add_argument("--verbose", action="store_true", help="print every proposal")
    args = parser.parse_args()
    seeds = ROOT / "seeds"

    def load(name):
        return yaml.safe_load((seeds / name).read_text(encoding="utf-8"))

    directory = ActorDirectory.from_records(load("actors.yaml"))
    reactions, statements = load("reactions.yaml"), load("statements.yaml")
    rows = []
    for source in load("sources.yaml"):
        text = (Path(args.corpus) / source["corpus_name"]).read_text(encoding="utf-8")
        started = time.perf_counter()
        proposals = propose(text, published=source.get("published_on"), directory=directory)
        elapsed = time.perf_counter() - started
        gold_r, gold_s = gold_from_seed_records(source["slug"], reactions, statements)
        rows.append(score(proposals, reactions=gold_r, statements=gold_s, name=source["slug"]))
        if args.verbose:
            print(f"## {source['slug']} ({elapsed * 1000:.0f} ms)")
            gold_keys = {(g.actor, g.kind) for g in gold_r}
            for r in proposals.reactions:
                mark = "OK " if (r.actor.key, r.kind) in gold_keys else "XX "
                print(
                    f"  {mark}R {r.actor.key} {r.kind} {r.stance} {r.cameo_code} {r.date.value} "
                    f"{r.certainty} [{r.rule}] :: {r.excerpt.text[:110]}"
                )
            proposed = {(r.actor.key, r.kind) for r in proposals.reactions}
            for g in gold_r:
                if (g.actor, g.kind) not in proposed:
                    print(f"  MISS R {g.actor} {g.kind} :: {g.excerpts[0][:100]}")
            for s in proposals.statements:
                print(
                    f"  S {s.speaker.key} / {s.on_behalf_of and s.on_behalf_of.key} ({s.attribution}) "
                    f"{s.date.value} :: {s.quote.text[:70]}"
                )
            print("  new:", [(a.key, a.kind, a.country) for a in proposals.new_actors])
    print(format_table(rows))


if __name__ == "__main__":
    main()
