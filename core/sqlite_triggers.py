"""Keep SQLite's triggers through a migration that rebuilds a table.

On SQLite, adding a NOT NULL column, altering a column or a CHECK constraint rebuilds the table
(create, copy, drop, rename). Dropping the old table drops the triggers on it (data version bumps, the
review rules), and a trigger on another table that reads it makes the rename fail. So every trigger
whose SQL names one of the tables is set aside in a temporary table first and re-created, exactly as it
was, last. PostgreSQL alters tables in place and keeps its triggers: both steps do nothing there.

    SET_ASIDE, RESTORE = around_rebuild("events_reaction")
    operations = [SET_ASIDE, ...the operations that rebuild the table..., RESTORE]
"""

from django.db import migrations


def around_rebuild(*tables: str) -> tuple[migrations.RunPython, migrations.RunPython]:
    stash = "stashed_triggers_" + "_".join(tables)

    def set_aside(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        # instr, not LIKE '%...%': Django's SQLite cursor would read "%s" in the pattern as a placeholder.
        names = " OR ".join(f"instr(sql, '{table}') > 0" for table in tables)
        schema_editor.execute(f"CREATE TEMP TABLE {stash} AS SELECT name, sql FROM sqlite_master "
                              f"WHERE type = 'trigger' AND ({names})")
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(f"SELECT name FROM {stash}")
            for (name,) in cursor.fetchall():
                schema_editor.execute(f'DROP TRIGGER "{name}"')

    def restore(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(f"SELECT sql FROM {stash} ORDER BY name")
            statements = [sql for (sql,) in cursor.fetchall()]
        for sql in statements:
            schema_editor.execute(sql)
        schema_editor.execute(f"DROP TABLE {stash}")

    # Reversed, the steps swap: unapplying restores after the rebuild's reverse, having set aside before.
    return migrations.RunPython(set_aside, restore), migrations.RunPython(restore, set_aside)
