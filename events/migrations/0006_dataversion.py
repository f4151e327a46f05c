"""A data version the database bumps on every write that can change a stats answer.

Stats answers are cached under this version (core/api/stats.py). Triggers, not Django signals, bump
it, so no write path is missed: the admin, ``load_seeds``, ``loaddata``, a bulk ``COPY``
(``generate_synthetic``), ``QuerySet.update()`` and raw SQL alike.

- PostgreSQL: one statement-level trigger per table, AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE, so
  a bulk load of a million rows bumps it once per statement, not once per row.
- SQLite has no statement-level triggers: AFTER INSERT, UPDATE and DELETE row-level triggers (SQLite
  has no TRUNCATE; ``DELETE FROM`` fires the delete trigger).

The bump is an upsert, so a version row removed by a flush (the test suite, ``manage.py flush``) comes
back with the next write instead of leaving stats stuck on an old answer. A re-created row starts from
the clock in microseconds, not from 1: numbers a removed row had reached are not handed out again, so
a cache that outlived the row cannot return an answer computed for different data. Every writing
transaction holds the version row's lock from its first write to its commit, so writes to these tables
are serialised; for a curated database whose bulk loads run one at a time this is acceptable.
"""

from django.db import migrations, models

TABLES = ["events_reaction", "events_statement", "events_event", "events_eventactor", "actors_actor",
          "sources_source", "sources_citation"]

POSTGRES_START = "(extract(epoch FROM clock_timestamp()) * 1000000)::bigint"
SQLITE_START = "CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER)"


def _upsert(start):
    return (f"INSERT INTO events_dataversion (id, value) VALUES (1, {start}) "
            "ON CONFLICT (id) DO UPDATE SET value = events_dataversion.value + 1")


POSTGRES_FORWARD = [
    f"""
    CREATE OR REPLACE FUNCTION events_bump_data_version() RETURNS trigger AS $$
    BEGIN
        {_upsert(POSTGRES_START)};
        RETURN NULL;
    END $$ LANGUAGE plpgsql;
    """,
    *[f"""
    CREATE TRIGGER {table}_bumps_data_version
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION events_bump_data_version();
    """ for table in TABLES],
    _upsert(POSTGRES_START),
]
POSTGRES_BACKWARD = [
    *[f"DROP TRIGGER IF EXISTS {table}_bumps_data_version ON {table};" for table in TABLES],
    "DROP FUNCTION IF EXISTS events_bump_data_version();",
]

SQLITE_FORWARD = [
    *[f"""
    CREATE TRIGGER {table}_{op.lower()}_bumps_data_version AFTER {op} ON {table}
    BEGIN {_upsert(SQLITE_START)}; END;
    """ for table in TABLES for op in ("INSERT", "UPDATE", "DELETE")],
    _upsert(SQLITE_START),
]
SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS {table}_{op.lower()}_bumps_data_version;"
    for table in TABLES for op in ("INSERT", "UPDATE", "DELETE")
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0005_actor_column_statistics"),
        ("actors", "0001_initial"),
        ("sources", "0002_seedrecord"),
    ]

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                ("id", models.SmallIntegerField(default=1, editable=False, primary_key=True, serialize=False)),
                ("value", models.BigIntegerField(
                    help_text="Bumped by database triggers; never set it from Python.")),
            ],
            options={
                "ordering": ["id"],
                "indexes": [],
                "constraints": [models.CheckConstraint(condition=models.Q(("id", 1)),
                                                       name="dataversion_single_row")],
            },
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
