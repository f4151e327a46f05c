"""Actors get a review state. Every actor that exists was public until now, so it is marked reviewed
(as of this migration, by nobody), and so are its history rows: the deletions feed treats an actor
returned to draft or deleted later as one anonymous users could once see (core/sync.py).

On SQLite, adding a NOT NULL column rebuilds the table (create, copy, drop, rename): dropping it drops
the triggers on it (data version bumps, an actor's kind while it has reactions), and a trigger elsewhere
that reads it (a reaction's actor kind) makes the rename fail. As in events.0008, the triggers that name
the table are set aside in a temporary table first and re-created, exactly as they were, after the
columns are added. PostgreSQL alters the table in place and keeps its triggers.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from core.sqlite_triggers import around_rebuild


SET_ASIDE_TRIGGERS, RESTORE_TRIGGERS = around_rebuild("actors_actor")


def mark_existing_actors_reviewed(apps, schema_editor):
    now = django.utils.timezone.now()
    apps.get_model("actors", "Actor").objects.update(status="reviewed", reviewed_at=now)
    apps.get_model("actors", "HistoricalActor").objects.update(status="reviewed")


class Migration(migrations.Migration):

    dependencies = [
        ('actors', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        SET_ASIDE_TRIGGERS,
        migrations.AddField(
            model_name='actor',
            name='reviewed_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='actor',
            name='reviewed_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='actor',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('reviewed', 'Reviewed')], db_index=True, default='draft', max_length=10),
        ),
        migrations.AddField(
            model_name='historicalactor',
            name='reviewed_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='historicalactor',
            name='reviewed_by',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalactor',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('reviewed', 'Reviewed')], db_index=True, default='draft', max_length=10),
        ),
        RESTORE_TRIGGERS,
        migrations.RunPython(mark_existing_actors_reviewed, migrations.RunPython.noop),
    ]
