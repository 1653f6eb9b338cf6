"""Anonymise personal data whose retention period has passed; --dry-run only lists it."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from revmentor.privacy import queries, services
from revmentor.programs.models import Program


class Command(BaseCommand):
    help = "Anonymise personal data whose retention period has passed (statistics are kept)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only list what would be anonymised."
        )
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the job for the worker instead."
        )

    def handle(self, *args, dry_run=False, enqueue=False, **options):
        if enqueue:
            from revmentor.privacy.tasks import apply_retention

            apply_retention.enqueue()
            self.stdout.write("Retention job queued.")
            return
        now = timezone.now()
        if dry_run:
            for program in Program.objects.order_by("pk"):
                for due in queries.retention_plan(program, now):
                    self.stdout.write(
                        f"{program.slug}: {due.provider}.{due.kind} {due.rows.count()}"
                    )
            return
        results = services.run_retention(now=now)
        for slug, done in results.items():
            for kind, number in done.items():
                self.stdout.write(f"{slug}: {kind} {number} anonymised")
        if not results:
            self.stdout.write("Nothing is due.")
