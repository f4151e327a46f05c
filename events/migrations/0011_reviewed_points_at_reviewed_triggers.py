"""Database-level invariant: a reviewed record points only at reviewed records.

Records that already break the rule go back to draft first (``withdraw_existing_violations``).
The relations are the models' ``review_requires`` declarations (core/review.py), frozen here as tables
and columns; tests/hardening/test_drafts.py checks that the two agree. Like the actor-kind rule (0002),
it spans tables, so triggers enforce it on both sides:

- a row saved as reviewed (or re-pointed while reviewed) whose required record is a draft;
- a participant or role row added to a reviewed event or person, pointing at a draft actor;
- an event or actor returned to draft while a reviewed record still points at it.

Each refuses with ``reviewed_points_at_reviewed``, which Django raises as an IntegrityError. The review
services order their writes so that they never trip it (requirements first when reviewing, dependents
first when withdrawing). This is what lets the API show anonymous users reviewed records by their own
status alone (``visible_to``) and never a draft through them.
"""

import django.utils.timezone
from django.db import migrations

ERROR = "reviewed_points_at_reviewed"

# (table, foreign key column, required table): the record itself is reviewed.
DIRECT = [
    ("events_reaction", "actor_id", "actors_actor"),
    ("events_reaction", "event_id", "events_event"),
    ("events_statement", "speaker_id", "actors_actor"),
    ("events_statement", "on_behalf_of_id", "actors_actor"),
    ("events_statement", "event_id", "events_event"),
    ("events_event", "parent_id", "events_event"),
]
# (link table, column of the reviewed owner, owner table, column of the required record, required table)
THROUGH = [
    ("events_eventactor", "event_id", "events_event", "actor_id", "actors_actor"),
    ("actors_role", "person_id", "actors_actor", "organization_id", "actors_actor"),
]
REQUIRED_TABLES = ["actors_actor", "events_event"]


def _is(table, id_expr, status):
    # Aliased: the table may be the one the expression's row comes from (an event's parent).
    return f"(SELECT x.status FROM {table} x WHERE x.id = {id_expr}) = '{status}'"


def _owner_requires_draft(table):
    """SQL: the row NEW (of ``table``), reviewed, points at a draft through a declared relation."""
    checks = [_is(required, f"NEW.{column}", "draft") for t, column, required in DIRECT if t == table]
    checks += [f"EXISTS (SELECT 1 FROM {link} JOIN {required} r ON r.id = {link}.{target} "
               f"WHERE {link}.{owner} = NEW.id AND r.status = 'draft')"
               for link, owner, owner_table, target, required in THROUGH if owner_table == table]
    return " OR ".join(checks)


def _reviewed_dependents(table):
    """SQL: a reviewed record points at the row NEW (of ``table``)."""
    checks = [f"EXISTS (SELECT 1 FROM {t} WHERE {t}.{column} = NEW.id AND {t}.status = 'reviewed')"
              for t, column, required in DIRECT if required == table]
    checks += [f"EXISTS (SELECT 1 FROM {link} JOIN {owner_table} o ON o.id = {link}.{owner} "
               f"WHERE {link}.{target} = NEW.id AND o.status = 'reviewed')"
               for link, owner, owner_table, target, required in THROUGH if required == table]
    return " OR ".join(checks)


def _link_check(link):
    _, owner, owner_table, target, required = next(t for t in THROUGH if t[0] == link)
    return f"{_is(owner_table, f'NEW.{owner}', 'reviewed')} AND {_is(required, f'NEW.{target}', 'draft')}"


OWNER_TABLES = sorted({t for t, _c, _r in DIRECT} | {t[2] for t in THROUGH})
LINK_TABLES = [t[0] for t in THROUGH]


def _watched(table):
    return ", ".join(["status", *[c for t, c, _r in DIRECT if t == table]])


def sqlite_forward():
    statements = []
    for table in OWNER_TABLES:
        for op, when in (("INSERT", "INSERT"), ("UPDATE", f"UPDATE OF {_watched(table)}")):
            statements.append(
                f"CREATE TRIGGER {table}_reviewed_requires_{op.lower()} BEFORE {when} ON {table} "
                f"WHEN NEW.status = 'reviewed' AND ({_owner_requires_draft(table)}) "
                f"BEGIN SELECT RAISE(ABORT, '{ERROR}'); END;")
    for table in REQUIRED_TABLES:
        statements.append(
            f"CREATE TRIGGER {table}_withdrawn_with_dependents BEFORE UPDATE OF status ON {table} "
            f"WHEN NEW.status = 'draft' AND OLD.status <> 'draft' AND ({_reviewed_dependents(table)}) "
            f"BEGIN SELECT RAISE(ABORT, '{ERROR}'); END;")
    for link in LINK_TABLES:
        for op in ("INSERT", "UPDATE"):
            statements.append(
                f"CREATE TRIGGER {link}_reviewed_requires_{op.lower()} BEFORE {op} ON {link} "
                f"WHEN {_link_check(link)} BEGIN SELECT RAISE(ABORT, '{ERROR}'); END;")
    return statements


def sqlite_backward():
    names = [f"{t}_reviewed_requires_{op}" for t in OWNER_TABLES + LINK_TABLES for op in ("insert", "update")]
    names += [f"{t}_withdrawn_with_dependents" for t in REQUIRED_TABLES]
    return [f"DROP TRIGGER IF EXISTS {name};" for name in names]


def _pg_function(name, condition):
    return f"""
    CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$
    BEGIN
        IF {condition} THEN
            RAISE EXCEPTION '{ERROR}' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql;
    """


def postgres_forward():
    statements = []
    for table in OWNER_TABLES:
        statements += [
            _pg_function(f"{table}_reviewed_requires", _owner_requires_draft(table)),
            f"CREATE TRIGGER {table}_reviewed_requires BEFORE INSERT OR UPDATE OF {_watched(table)} "
            f"ON {table} FOR EACH ROW WHEN (NEW.status = 'reviewed') "
            f"EXECUTE FUNCTION {table}_reviewed_requires();",
        ]
    for table in REQUIRED_TABLES:
        statements += [
            _pg_function(f"{table}_withdrawn_with_dependents", _reviewed_dependents(table)),
            f"CREATE TRIGGER {table}_withdrawn_with_dependents BEFORE UPDATE OF status ON {table} "
            f"FOR EACH ROW WHEN (NEW.status = 'draft' AND OLD.status <> 'draft') "
            f"EXECUTE FUNCTION {table}_withdrawn_with_dependents();",
        ]
    for link in LINK_TABLES:
        statements += [
            _pg_function(f"{link}_reviewed_requires", _link_check(link)),
            f"CREATE TRIGGER {link}_reviewed_requires BEFORE INSERT OR UPDATE ON {link} "
            f"FOR EACH ROW EXECUTE FUNCTION {link}_reviewed_requires();",
        ]
    return statements


def postgres_backward():
    statements = []
    for name, table in [*((f"{t}_reviewed_requires", t) for t in OWNER_TABLES + LINK_TABLES),
                        *((f"{t}_withdrawn_with_dependents", t) for t in REQUIRED_TABLES)]:
        statements += [f"DROP TRIGGER IF EXISTS {name} ON {table};", f"DROP FUNCTION IF EXISTS {name}();"]
    return statements


def withdraw_existing_violations(apps, schema_editor):
    """Before the triggers: a reviewed record that already points at a draft (the audit found a reviewed
    reaction whose event was a never-reviewed draft) goes back to draft, and so does whatever reviewed
    record then points at it, until none does. Hiding is the safe side; the deletions feed lists each as
    withdrawn (its updated_at moves, its history shows it reviewed once), and a curator reviews it again.
    """
    now = django.utils.timezone.now()
    with schema_editor.connection.cursor() as cursor:
        while True:
            changed = 0
            for table in OWNER_TABLES:
                condition = _owner_requires_draft(table).replace("NEW.", f"{table}.")
                cursor.execute(f"UPDATE {table} SET status = 'draft', reviewed_by_id = NULL, reviewed_at = NULL, "
                               f"updated_at = %s WHERE status = 'reviewed' AND ({condition})", [now])
                changed += cursor.rowcount
            if not changed:
                return


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, lambda: [])():
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0010_plover_indexes"),
        ("actors", "0002_actor_review_state"),
    ]

    operations = [
        migrations.RunPython(withdraw_existing_violations, migrations.RunPython.noop),
        migrations.RunPython(
            _run({"sqlite": sqlite_forward, "postgresql": postgres_forward}),
            _run({"sqlite": sqlite_backward, "postgresql": postgres_backward}),
        ),
    ]
