"""Online backup of the SQLite database to a file, safe while the app is serving."""

import sqlite3
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone


class Command(BaseCommand):
    help = "Copy the SQLite database to a backup file while the app runs (PostgreSQL: use pg_dump)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", help="File to write; default backups/revmentor-<time>.sqlite3"
        )

    def handle(self, *args, output=None, **options):
        if connection.vendor != "sqlite":
            raise CommandError(
                "The database is PostgreSQL: back it up with `pg_dump --format=custom` (see README.md)."
            )
        target = Path(
            output
            or settings.PROJECT_DIR
            / "backups"
            / f"revmentor-{timezone.now():%Y%m%dT%H%M%SZ}.sqlite3"
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            raise CommandError(f"{target} exists already; choose another --output.")
        connection.ensure_connection()
        with sqlite3.connect(target) as destination:
            # sqlite3's online backup copies a consistent snapshot while writers continue.
            connection.connection.backup(destination)
        self.stdout.write(str(target))
