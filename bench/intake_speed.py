"""Speed of the intake engine (a benchmark that prints figures, not a timed test).

    .venv/bin/python bench/intake_speed.py

1. a ~2,000-word article (the test articles of tests/intake/articles joined and repeated): seconds
   for one `propose()` (target under 1 s on the 2-core machine);
2. a folder of 100 articles generated from the test articles (each a different mix and order of
   their paragraphs) written to a temporary folder, read back and proposed one by one: articles/s.
"""

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "intake"))

from directory import directory as test_directory  # noqa: E402

from intake.proposals import propose  # noqa: E402

ARTICLES = ROOT / "tests" / "intake" / "articles"


def paragraphs() -> list[str]:
    found = []
    for path in sorted(ARTICLES.glob("*.txt")):
        found.extend(p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip())
    return found


def article_of(words: int, rng: random.Random, pool: list[str]) -> str:
    chosen, count = [], 0
    while count < words:
        paragraph = rng.choice(pool)
        chosen.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(chosen)


def main() -> None:
    directory = test_directory()
    pool = paragraphs()
    rng = random.Random(14)
    propose("Warm-up: Chile condemned the raid.", published=None, directory=directory)

    long_article = article_of(2000, rng, pool)
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        propose(long_article, published=None, directory=directory)
        timings.append(time.perf_counter() - started)
    print(
        f"one article of {len(long_article.split())} words: median {statistics.median(timings):.3f} s "
        f"(min {min(timings):.3f} s, max {max(timings):.3f} s over 5 runs; target < 1 s)"
    )

    with tempfile.TemporaryDirectory() as folder:
        for index in range(100):
            text = article_of(rng.randint(300, 1500), rng, pool)
            (Path(folder) / f"article_{index:03}.txt").write_text(text, encoding="utf-8")
        files = sorted(Path(folder).glob("*.txt"))
        words = 0
        started = time.perf_counter()
        for path in files:
            text = path.read_text(encoding="utf-8")
            words += len(text.split())
            propose(text, published=None, directory=directory)
        elapsed = time.perf_counter() - started
    print(
        f"folder of {len(files)} articles ({words} words): {elapsed:.2f} s, "
        f"{len(files) / elapsed:.1f} articles/s, {words / elapsed:,.0f} words/s"
    )


if __name__ == "__main__":
    main()
