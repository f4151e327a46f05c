"""Export the curated database as a natural-key JSON fixture that ``loaddata`` restores.

Actors, sources, events, statements and reactions are keyed by slug (natural primary keys), and
every reference to them is by slug too; a source's archived text is keyed by its source's slug.
Roles, event participants and citations have no natural key: they keep their primary keys, so the
export restores into an EMPTY database (a fresh deployment after ``migrate``); it is not a merge tool.
The accounts that reviewed records come along by username only (no password; an existing account is
left as it is), and so do the history rows the deletions feed needs (intake/backup.py); the rest of
the history is not exported.

    manage.py export_backup --output backup.json
    manage.py loaddata backup.json          # into an empty, migrated database
"""

import json

from django.core.management.base import BaseCommand

from intake.backup import FullPrecisionEncoder, backup_records


class Command(BaseCommand):
    help = ("Export the curated database (actors, roles, sources and their archived texts, events, "
            "participants, statements, reactions, citations, the reviewers' usernames and what the "
            "deletions feed needs) as a natural-key JSON fixture for loaddata into an empty database.")

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", required=True,
                            help="File to write (JSON); '-' writes to standard output.")
        parser.add_argument("--indent", type=int, default=2, help="JSON indentation (default 2).")

    def handle(self, *args, output, indent, verbosity, **options):
        records = backup_records()
        text = json.dumps(records, cls=FullPrecisionEncoder, indent=indent, ensure_ascii=False)
        if output == "-":
            self.stdout.write(text)
            return
        with open(output, "w", encoding="utf-8") as stream:
            stream.write(text)
        if verbosity:
            self.stdout.write(f"Wrote {len(records)} records to {output}. "
                              f"Restore into an empty database with: manage.py loaddata {output}")
