"""The database triggers survive every migration: SQLite rebuilds a table to add a constraint, and
dropping the old table drops its triggers unless the migration puts them back."""

import importlib

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

DATA_VERSION = importlib.import_module("events.migrations.0006_dataversion")


def triggers_on(table):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table])
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
                           [table])
        return {name for (name,) in cursor.fetchall()}


@pytest.mark.parametrize("table", DATA_VERSION.TABLES)
def test_every_table_stats_depend_on_still_bumps_the_data_version(table):
    expected = ({f"{table}_{op}_bumps_data_version" for op in ("insert", "update", "delete")}
                if connection.vendor == "sqlite" else {f"{table}_bumps_data_version"})
    assert expected <= triggers_on(table)

