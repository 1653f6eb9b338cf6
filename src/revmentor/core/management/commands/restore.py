"""Restore the SQLite database from a backup file made by `manage.py backup`."""

import sqlite3
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection


class Command(BaseCommand):
    help = "Replace the SQLite database's contents with a backup (stop the app and worker first)."

    def add_arguments(self, parser):
        parser.add_argument("backup", help="A file written by `manage.py backup`")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation")

    def handle(self, *args, backup, yes=False, **options):
        if connection.vendor != "sqlite":
            raise CommandError(
                "The database is PostgreSQL: restore it with `pg_restore` (see README.md)."
            )
        source_path = Path(backup)
        if not source_path.is_file():
            raise CommandError(f"No backup file at {source_path}.")
        with sqlite3.connect(f"file:{source_path}?mode=ro", uri=True) as source:
            check = source.execute("PRAGMA integrity_check").fetchone()[0]
            if check != "ok":
                raise CommandError(f"{source_path} is damaged: {check}")
            if (
                not yes
                and input(f"Replace the current database with {source_path}? [y/N] ").lower() != "y"
            ):
                raise CommandError("Nothing restored.")
            connection.ensure_connection()
            source.backup(connection.connection)
        self.stdout.write(f"Restored from {source_path}.")
