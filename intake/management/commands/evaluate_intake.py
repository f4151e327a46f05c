"""manage.py evaluate_intake [--corpus DIR]: score the intake on the seed articles (nothing is kept)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from intake.evaluation import evaluate
from intake.proposals import format_table


class Command(BaseCommand):
    help = ("Import each seed article into a rolled-back transaction and score the proposals against the "
            "curated seed records: precision and recall of reactions (actor and kind), stance, statements "
            "(speaker and quote), dates, verbatim excerpts; per article and overall. The database is left "
            "as it was. Needs the seed data (load_seeds).")

    def add_arguments(self, parser):
        parser.add_argument("--corpus", default=None,
                            help="Folder of the seed articles' texts, by corpus_name (default: the "
                                 "CITATION_CORPUS setting); an article missing there is read from its "
                                 "archived text.")

    def handle(self, *args, corpus, verbosity, **options):
        folder = Path(corpus) if corpus else Path(settings.CITATION_CORPUS)
        if corpus and not folder.is_dir():
            raise CommandError(f"--corpus {corpus}: no such folder.")
        result = evaluate(corpus=folder if folder.is_dir() else None,
                          progress=lambda name: verbosity > 1 and self.stderr.write(f"importing {name}"))
        if not result.rows:
            raise CommandError("No seed article to evaluate: load the seed data first (manage.py load_seeds "
                               "--corpus DIR). " + " ".join(result.notes))
        self.stdout.write(format_table(result.rows))
        records = sum(stored[0] for stored in result.stored.values())
        cited = sum(stored[1] for stored in result.stored.values())
        verbatim = sum(stored[2] for stored in result.stored.values())
        slowest = max(result.seconds.items(), key=lambda item: item[1])
        self.stdout.write(f"\nStored as drafts: {records} records; {verbatim} of {cited} stored excerpts and "
                          f"quotes verbatim at their offsets in the archived text. Slowest import: "
                          f"{slowest[0]}, {slowest[1]:.2f} s. Nothing was kept (rolled back).")
        for note in result.notes:
            self.stdout.write(f"Note: {note}")
