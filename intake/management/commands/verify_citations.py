from django.core.management.base import BaseCommand, CommandError

from intake.seeding import DEFAULT_DIRECTORY, SeedError, verify_citations


class Command(BaseCommand):
    help = ("Check that every citation excerpt and statement quote appears verbatim (quote marks and "
            "whitespace normalised) in its source's text file in --corpus. Checks the fixtures in seeds/ "
            "by default (no database needed), or the database with --database.")

    # It runs before the test suite on a clean clone and reads only files by default.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--corpus", required=True, help="Directory of source texts, by corpus_name.")
        parser.add_argument("--database", action="store_true", help="Check database records, not fixtures.")
        parser.add_argument("--directory", default=str(DEFAULT_DIRECTORY),
                            help="Directory holding the fixture files (default: seeds/).")

    def handle(self, *args, corpus, database, directory, **options):
        try:
            checked, failures = verify_citations(corpus=corpus, database=database, directory=directory)
        except SeedError as exc:
            raise CommandError(str(exc)) from exc
        for failure in failures:
            self.stderr.write(failure)
        if failures:
            raise CommandError(f"{len(failures)} of {checked} excerpts and quotes not found verbatim.")
        self.stdout.write(f"All {checked} excerpts and quotes found verbatim in {corpus}.")
