"""Speed of the verbatim checks on the largest text allowed (a benchmark that prints figures).

    .venv/bin/python bench/texts.py [--citations 500]

On a 2 MiB text made of invented sentences (our own words, varied so no excerpt repeats by accident),
in an in-memory SQLite database migrated for the run:
1. the typographic normal form of the text (built once per text and request);
2. placing one excerpt (first occurrence), and one that is not there (with the nearest passage);
3. the passage's context (the sentence before and after) for the admin;
4. ``set_text`` replacing the text under N citations: every excerpt re-checked and moved.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
os.environ["DATABASE_URL"] = "sqlite://:memory:"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from sources import verification  # noqa: E402
from sources.choices import TextOrigin  # noqa: E402
from sources.models import Citation  # noqa: E402
from sources.services import set_text  # noqa: E402
from tests.factories import ReactionFactory, SourceFactory  # noqa: E402

SUBJECTS = ["Freedonia", "Sylvania", "The envoy", "The council", "A spokesman", "The minister"]
VERBS = ["said", "denied", "announced", "confirmed", "questioned", "welcomed"]
OBJECTS = ["the talks", "the border deal", "the new tariffs", "the embassy's statement", "the vote"]


def article(size: int, rng: random.Random) -> str:
    """Invented sentences up to ``size`` bytes of UTF-8."""
    sentences, total, n = [], 0, 0
    while True:
        sentence = (f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} “{rng.choice(OBJECTS)}” on day {n} — "
                    f"{rng.randint(1, 10**6)} people — in report {n}.") + ("\n\n" if n % 7 == 6 else " ")
        if total + len(sentence.encode()) > size:
            return "".join(sentences)
        sentences.append(sentence)
        total += len(sentence.encode())
        n += 1


def timed(fn, repeat=5):
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs) * 1000, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--citations", type=int, default=500)
    args = parser.parse_args()
    rng = random.Random(42)
    text = article(2 * 1024 * 1024 - 1024, rng)
    print(f"text: {len(text.encode()):,} bytes, {len(text):,} characters")

    ms, typo = timed(lambda: verification.typographic(text))
    print(f"typographic normal form: {ms:8.1f} ms")
    excerpt = '" on day 20000 -'
    ms, found = timed(lambda: verification.locate(typo, excerpt))
    print(f"locate one excerpt:      {ms:8.1f} ms  (characters {found.start}-{found.end})")
    missing = "on day 20000 — 12 people — in report 20001."
    ms, near = timed(lambda: verification.nearest(typo, missing), repeat=3)
    print(f"nearest passage:         {ms:8.1f} ms  ({near.score:.0f}% similar)")
    ms, _ = timed(lambda: verification.context(text, found.start, found.end))
    print(f"context for the admin:   {ms:8.1f} ms")

    call_command("migrate", verbosity=0)
    source = SourceFactory()
    set_text(source=source, text=text, origin=TextOrigin.PASTED)
    days = rng.sample(range(text.count(" in report ") - 1), args.citations)
    for day in days:
        reaction = ReactionFactory()
        Citation.objects.create(source=source, reaction=reaction, excerpt=f"on day {day} —")
    edited = "Editor's note, added later.\n\n" + text
    started = time.perf_counter()
    set_text(source=source, text=edited, origin=TextOrigin.PASTED)
    seconds = time.perf_counter() - started
    placed = Citation.objects.filter(excerpt_start__isnull=False).count()
    print(f"set_text with {args.citations} citations: {seconds:6.2f} s  ({placed} placed)")


if __name__ == "__main__":
    main()
