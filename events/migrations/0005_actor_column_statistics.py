"""Finer planner statistics for the columns whose selectivity decides the plan at scale.

Actor columns: a country filter resolves the country's actors first and then asks for ``actor_id IN (...)`` ordered
by (date, id). Reactions are Zipf-skewed over a few hundred reacting actors, and with the default
statistics target (100 most common values) PostgreSQL guessed a small country's share up to seven
times too high, so it walked the whole date index instead of fetching that country's rows. With a
target of 1,000 every reacting actor is in the most-common-values list and the estimate is exact.

Search text: ``q`` is ``search_text LIKE '%word%'``; with 100 histogram entries PostgreSQL guessed a
common word at 3 % of rows (it was 8.5 %) and counted the first 1,001 matches through the trigram
index (22 ms building an 85,000-row bitmap) instead of reading rows until it had them (5 ms). With
1,000 entries it estimates the pattern from the histogram itself and picks the cheaper plan.

PostgreSQL only; SQLite has no per-column statistics target (vendor-conditional, like 0002-0004).
"""

from django.db import migrations

COLUMNS = [("events_reaction", "actor_id"), ("events_statement", "speaker_id"),
           ("events_statement", "on_behalf_of_id"), ("events_reaction", "search_text"),
           ("events_statement", "search_text"), ("events_event", "search_text")]


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
