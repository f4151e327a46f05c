"""Backups: every curated record as a natural-key JSON fixture that ``loaddata`` restores.

The export is ``manage.py export_backup`` (intake/management/commands/export_backup.py); the import path
is Django's own ``manage.py loaddata``, which reads natural keys through each model's manager
(``get_by_natural_key``). Besides the records, a backup carries:

- the accounts that reviewed them, by username only (``reviewed_by`` refers to them): restored without a
  password (none can sign in until ``changepassword``), and an account that already exists is left
  exactly as it is (``keep_existing_account``), so ``loaddata`` needs no account created first;
- what the deletions feed reads (core/sync.py): the history rows of deleted records, and for each
  deleted or draft record one row showing it reviewed once, so a mirror restored from a backup still
  learns of deletions and withdrawals it had not synced. Only what the feed needs: their links to other
  records and accounts are left empty, and their ``id`` (the database id of a record that may not exist
  any more, and will not be the same after a restore) is 0, so they never show in a restored record's
  change history. Other history is not exported.
"""

import datetime as dt

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models.signals import pre_save

from core.choices import ReviewStatus
from core.models import ReviewedRecord
from core.sync import sync_types

# The password a restored account gets: unusable (Django never accepts a password starting with "!"),
# and recognisable, so that restoring never overwrites an account that exists.
RESTORED_PASSWORD = "!restored-from-backup"

# Curated data, referenced records first. SeedRecord travels along so that load_seeds, run again
# after a restore (bin/start does), still tells curators' edits from untouched seed records.
MODELS = [
    "actors.Actor",
    "actors.Role",
    "sources.Source",
    "sources.SourceText",  # the archived texts, keyed by their source's slug
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
    """Every curated record as natural-key fixture dicts: reviewers first, then records (referenced
    records first), then the deletions feed's history rows."""
    records = []
    for label in MODELS:
        model = apps.get_model(label)
        records += serializers.serialize("python", model._base_manager.order_by("pk").iterator(),
                                         use_natural_foreign_keys=True, use_natural_primary_keys=True)
    User = get_user_model()
    reviewers = sorted({r["fields"]["reviewed_by"][0] for r in records if r["fields"].get("reviewed_by")})
    accounts = [{"model": User._meta.label_lower,
                 "fields": {User.USERNAME_FIELD: name, "password": RESTORED_PASSWORD}} for name in reviewers]
    return accounts + records + feed_history()


def feed_history() -> list[dict]:
    """The history rows the deletions feed needs, with links emptied (see the module docstring)."""
    rows = []
    for model in sync_types().values():
        history = model.history.model
        deleted = list(history.objects.filter(history_type="-").order_by("history_id"))
        rows += deleted
        if issubclass(model, ReviewedRecord):
            # Whether anonymous users could once see it: the latest row showing it reviewed.
            gone = {row.public_id for row in deleted}
            drafts = model._base_manager.filter(status=ReviewStatus.DRAFT)
            gone |= set(drafts.values_list("public_id", flat=True))
            latest = {}
            for row in history.objects.filter(public_id__in=gone, status=ReviewStatus.REVIEWED).order_by(
                    "history_date", "history_id"):
                latest[row.public_id] = row
            rows += sorted(latest.values(), key=lambda row: row.history_id)
    out = []
    for row in rows:
        (data,) = serializers.serialize("python", [row])
        for field in row._meta.concrete_fields:
            if field.is_relation:
                data["fields"][field.name] = None
        data["fields"]["id"] = 0
        out.append(data)
    return out


def keep_existing_account(sender, instance, raw, **kwargs):
    """While ``loaddata`` restores a backup, an account that already exists keeps all its values.

    The backup names its reviewers by username with RESTORED_PASSWORD; loaddata finds an existing
    account by that username and would otherwise overwrite its password, staff flag and the rest.
    """
    if not raw or instance.password != RESTORED_PASSWORD or instance.pk is None:
        return
    existing = type(instance)._base_manager.filter(pk=instance.pk).first()
    if existing is not None:
        for field in existing._meta.concrete_fields:
            setattr(instance, field.attname, getattr(existing, field.attname))


def connect_signals():
    pre_save.connect(keep_existing_account, sender=get_user_model(),
                     dispatch_uid="intake.keep_existing_account")
