"""Actors get a review state. Every actor that exists was public until now, so it is marked reviewed
(as of this migration, by nobody), and so are its history rows: the deletions feed treats an actor
returned to draft or deleted later as one anonymous users could once see (core/sync.py)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


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
        migrations.RunPython(mark_existing_actors_reviewed, migrations.RunPython.noop),
    ]
