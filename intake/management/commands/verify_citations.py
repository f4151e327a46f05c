from django.core.management.base import BaseCommand, CommandError

from intake.seeding import DEFAULT_DIRECTORY, SeedError, archived_text_report, verify_citations


class Command(BaseCommand):
    help = ("Check that every citation excerpt and statement quote appears verbatim (typography aside) in "
            "its source's text. --corpus DIR: the fixtures in seeds/ (no database needed), or the "
            "database records with --database, against the article files in DIR. --database alone: "
            "the database against its archived texts, at each excerpt's and quote's stored position, "
            "reported per source as verified / unverified (no text) / broken.")

    # It runs before the test suite on a clean clone and reads only files by default.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--corpus", help="Directory of source texts, by corpus_name.")
        parser.add_argument("--database", action="store_true", help="Check database records, not fixtures.")
        parser.add_argument("--directory", default=str(DEFAULT_DIRECTORY),
                            help="Directory holding the fixture files (default: seeds/).")

    def handle(self, *args, corpus, database, directory, **options):
        if not corpus:
            if not database:
                raise CommandError("Give --corpus DIR (check the fixtures against the article files) or "
                                   "--database (check the database against its archived texts).")
            return self._archived_texts()
        try:
            checked, failures = verify_citations(corpus=corpus, database=database, directory=directory)
        except SeedError as exc:
            raise CommandError(str(exc)) from exc
        for failure in failures:
            self.stderr.write(failure)
        if failures:
            raise CommandError(f"{len(failures)} of {checked} excerpts and quotes not found verbatim.")
        self.stdout.write(f"All {checked} excerpts and quotes found verbatim in {corpus}.")

    def _archived_texts(self):
        tallies = archived_text_report()
        for tally in tallies:
            self.stdout.write(tally.line())
        broken = [message for tally in tallies for message in tally.broken]
        for message in broken:
            self.stderr.write(message)
        verified = sum(t.verified for t in tallies)
        unverified = sum(t.unverified for t in tallies)
        summary = f"{verified} verified, {unverified} unverified, {len(broken)} broken"
        if broken:
            raise CommandError(f"{len(broken)} excerpts and quotes do not match their archived texts "
                               f"({summary}).")
        self.stdout.write(f"Archived texts: {summary}.")
