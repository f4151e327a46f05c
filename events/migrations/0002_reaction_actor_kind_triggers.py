"""Database-level invariant: a reaction's actor is a state or an international organization.

It spans two tables, which a CHECK constraint cannot, so it is enforced with triggers on both
sides: inserting or updating a reaction, and changing the kind of an actor that has reactions.
"""

from django.db import migrations

KINDS = "('state', 'international_organization')"

SQLITE_FORWARD = [
    f"""
    CREATE TRIGGER reaction_actor_kind_insert BEFORE INSERT ON events_reaction
    WHEN (SELECT kind FROM actors_actor WHERE id = NEW.actor_id) NOT IN {KINDS}
    BEGIN SELECT RAISE(ABORT, 'reaction_actor_is_state_or_igo'); END;
    """,
    f"""
    CREATE TRIGGER reaction_actor_kind_update BEFORE UPDATE OF actor_id ON events_reaction
    WHEN (SELECT kind FROM actors_actor WHERE id = NEW.actor_id) NOT IN {KINDS}
    BEGIN SELECT RAISE(ABORT, 'reaction_actor_is_state_or_igo'); END;
    """,
    f"""
    CREATE TRIGGER actor_kind_with_reactions BEFORE UPDATE OF kind ON actors_actor
    WHEN NEW.kind NOT IN {KINDS} AND EXISTS (SELECT 1 FROM events_reaction WHERE actor_id = NEW.id)
    BEGIN SELECT RAISE(ABORT, 'reaction_actor_is_state_or_igo'); END;
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS reaction_actor_kind_insert;",
    "DROP TRIGGER IF EXISTS reaction_actor_kind_update;",
    "DROP TRIGGER IF EXISTS actor_kind_with_reactions;",
]

POSTGRES_FORWARD = [
    f"""
    CREATE OR REPLACE FUNCTION reaction_actor_kind_check() RETURNS trigger AS $$
    BEGIN
        IF (SELECT kind FROM actors_actor WHERE id = NEW.actor_id) NOT IN {KINDS} THEN
            RAISE EXCEPTION 'reaction_actor_is_state_or_igo' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER reaction_actor_kind BEFORE INSERT OR UPDATE OF actor_id ON events_reaction
    FOR EACH ROW EXECUTE FUNCTION reaction_actor_kind_check();
    """,
    f"""
    CREATE OR REPLACE FUNCTION actor_kind_with_reactions_check() RETURNS trigger AS $$
    BEGIN
        IF NEW.kind NOT IN {KINDS} AND EXISTS (SELECT 1 FROM events_reaction WHERE actor_id = NEW.id) THEN
            RAISE EXCEPTION 'reaction_actor_is_state_or_igo' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER actor_kind_with_reactions BEFORE UPDATE OF kind ON actors_actor
    FOR EACH ROW EXECUTE FUNCTION actor_kind_with_reactions_check();
    """,
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS reaction_actor_kind ON events_reaction;",
    "DROP FUNCTION IF EXISTS reaction_actor_kind_check();",
    "DROP TRIGGER IF EXISTS actor_kind_with_reactions ON actors_actor;",
    "DROP FUNCTION IF EXISTS actor_kind_with_reactions_check();",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("actors", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
