"""Finer planner statistics for the actor columns that country filters turn into ``IN (ids)``.

A country filter resolves the country's actors first and then asks for ``actor_id IN (...)`` ordered
by (date, id). Reactions are Zipf-skewed over a few hundred reacting actors, and with the default
statistics target (100 most common values) PostgreSQL guessed a small country's share up to seven
times too high, so it walked the whole date index instead of fetching that country's rows. With a
target of 1,000 every reacting actor is in the most-common-values list and the estimate is exact.
PostgreSQL only; SQLite has no per-column statistics target (vendor-conditional, like 0002-0004).
"""

from django.db import migrations

COLUMNS = [("events_reaction", "actor_id"), ("events_statement", "speaker_id"),
           ("events_statement", "on_behalf_of_id")]


def _set_target(target):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table, column in COLUMNS:
            schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET STATISTICS {target}")

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_reaction_status_date_covering_index"),
    ]

    operations = [
        migrations.RunPython(_set_target(1000), _set_target(-1)),
    ]
