"""Score the intake engine on our own test articles (tests/intake/articles, gold.yaml): -v lists proposals.

    .venv/bin/python bench/intake_own.py [-v] [NAME ...]   # NAME: only these articles
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
import sys  # noqa: E402

sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "intake"))
from directory import directory  # noqa: E402
from gold import article, gold_records, load_gold  # noqa: E402

from intake.proposals import format_table, propose, score  # noqa: E402

rows = []
d = directory()
names = [a for a in sys.argv[1:] if not a.startswith("-")]
for name, entry in load_gold().items():
    if names and name not in names:
        continue
    p = propose(article(name), published=entry["published"], directory=d)
    gr, gs = gold_records(entry)
    rows.append(score(p, reactions=gr, statements=gs, name=name))
    if "-v" in sys.argv:
        keys = {(g.actor, g.kind) for g in gr}
        print("##", name)
        for r in p.reactions:
            print(
                "  ",
                "OK" if (r.actor.key, r.kind) in keys else "XX",
                r.actor.key,
                r.kind,
                r.stance,
                r.date.value,
                r.date.precision,
                r.certainty,
                r.rule,
                "::",
                r.excerpt.text[:80],
            )
        got = {(r.actor.key, r.kind) for r in p.reactions}
        for g in gr:
            if (g.actor, g.kind) not in got:
                print("   MISS", g.actor, g.kind)
        for s in p.statements:
            print(
                "   S",
                s.speaker.key,
                s.on_behalf_of and s.on_behalf_of.key,
                s.attribution,
                s.date.value,
                "::",
                s.quote.text[:60],
            )
        print("   new", [(a.key, a.kind, a.country) for a in p.new_actors])
print(format_table(rows))
