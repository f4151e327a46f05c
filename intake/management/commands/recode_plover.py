from django.core.management.base import BaseCommand

from events.recoding import recode_plover


class Command(BaseCommand):
    help = ("Re-apply the CAMEO-to-PLOVER mapping (events/plover/cameo_to_plover.tsv) to every event and "
            "reaction whose PLOVER coding was not set by hand. Run it after changing the mapping.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="Only count the records that would change.")

    def handle(self, *args, dry_run, verbosity, **options):
        changed = recode_plover(dry_run=dry_run)
        if verbosity:
            verb = "would change" if dry_run else "changed"
            for label, count in changed.items():
                self.stdout.write(f"{label}: {count} {verb}")
