"""Backups: every curated record as a natural-key JSON fixture that ``loaddata`` restores.

The export is ``manage.py export_backup`` (intake/management/commands/export_backup.py); the import path
is Django's own ``manage.py loaddata``, which reads natural keys through each model's manager
(``get_by_natural_key``).
"""

import datetime as dt

from django.apps import apps
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder

# Curated data, referenced records first. SeedRecord travels along so that load_seeds, run again
# after a restore (bin/start does), still tells curators' edits from untouched seed records.
MODELS = [
    "actors.Actor",
    "actors.Role",
    "sources.Source",
    "events.Event",
    "events.EventActor",
    "events.Statement",
    "events.Reaction",
    "sources.Citation",
    "sources.SeedRecord",
]


class FullPrecisionEncoder(DjangoJSONEncoder):
    """Django's JSON encoder with datetimes to the microsecond.

    DjangoJSONEncoder (so ``dumpdata``) cuts datetimes to milliseconds, which would change every
    created_at and updated_at on restore; loaddata parses the full precision back.
    """

    def default(self, o):
        if isinstance(o, dt.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


def backup_records() -> list[dict]:
    """Every curated record as natural-key fixture dicts, referenced records first."""
    records = []
    for label in MODELS:
        model = apps.get_model(label)
        records += serializers.serialize("python", model._base_manager.order_by("pk").iterator(),
                                         use_natural_foreign_keys=True, use_natural_primary_keys=True)
    return records
