"""Trigram GIN indexes for the `q` search on PostgreSQL (search_text LIKE '%word%').

A B-tree cannot serve a LIKE with a leading wildcard, so at a million reactions `q` would scan the
table. pg_trgm's GIN operator class can. SQLite has no equivalent and its tables stay small, so
this migration does nothing there (vendor-conditional, like 0002).
"""

from django.db import migrations

TABLES = ["events_reaction", "events_statement", "events_event"]

POSTGRES_FORWARD = ["CREATE EXTENSION IF NOT EXISTS pg_trgm;"] + [
    f"CREATE INDEX IF NOT EXISTS {table}_search_trgm ON {table} USING gin (search_text gin_trgm_ops);"
    for table in TABLES
]
POSTGRES_BACKWARD = [f"DROP INDEX IF EXISTS {table}_search_trgm;" for table in TABLES]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_reaction_actor_kind_triggers"),
    ]

    operations = [
        migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD)),
    ]
