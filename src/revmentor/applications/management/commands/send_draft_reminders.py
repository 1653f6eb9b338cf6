"""Remind applicants with unsent drafts three days before the deadline (for cron, if wanted).

The worker does the same through a deferred task; running both is harmless, since each
draft is reminded once per deadline.
"""

from django.core.management.base import BaseCommand

from revmentor.applications import services
from revmentor.programs.models import Program


class Command(BaseCommand):
    help = "Send the draft reminders that are due now."

    def handle(self, *args, **options):
        total = 0
        for program in Program.objects.filter(status=Program.Status.OPEN):
            total += services.send_draft_reminders(program=program)
        self.stdout.write(f"{total} reminders queued.")
