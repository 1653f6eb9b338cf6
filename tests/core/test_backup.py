"""Backup and restore round trip on SQLite: the restored database holds every row."""

import sqlite3

import pytest
from django.core.management import call_command
from django.db import connection

from revmentor.programs.models import Program
from tests.factories import make_cast

pytestmark = pytest.mark.django_db(transaction=True)


def table_counts(conn) -> dict[str, int]:
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite backup; PostgreSQL uses pg_dump")
def test_backup_then_restore_gives_back_every_row(tmp_path):
    make_cast()
    target = tmp_path / "backup.sqlite3"
    call_command("backup", output=str(target))
    connection.ensure_connection()
    before = table_counts(connection.connection)
    with sqlite3.connect(target) as copy:
        assert table_counts(copy) == before
    Program.objects.all().delete()
    assert Program.objects.count() == 0
    call_command("restore", str(target), yes=True)
    assert Program.objects.count() == 2
    assert table_counts(connection.connection) == before
