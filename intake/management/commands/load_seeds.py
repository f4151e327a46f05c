from django.core.management.base import BaseCommand, CommandError

from intake.seeding import DEFAULT_DIRECTORY, SeedError, load_seeds


class Command(BaseCommand):
    help = ("Load the seed data (seeds/*.yaml) idempotently, archiving the articles' texts from the "
            "citation corpus when it is there. Records a curator has edited since the last load are kept "
            "and reported unless --overwrite is given.")

    def add_arguments(self, parser):
        parser.add_argument("--directory", default=str(DEFAULT_DIRECTORY),
                            help="Directory holding the fixture files (default: seeds/).")
        parser.add_argument("--overwrite", action="store_true",
                            help="Replace curators' edits with the fixture's values.")
        parser.add_argument("--corpus", default=None,
                            help="Folder of the articles' texts, by corpus_name (default: the "
                                 "CITATION_CORPUS setting); loads without texts when it is missing. "
                                 "--corpus '' loads none.")

    def handle(self, *args, directory, overwrite, corpus, verbosity, **options):
        def log(line):
            if verbosity:
                self.stdout.write(line)

        try:
            load_seeds(directory=directory, overwrite=overwrite, corpus=corpus, log=log)
        except SeedError as exc:
            raise CommandError(f"Seed data not loaded (nothing was changed): {exc}") from exc
