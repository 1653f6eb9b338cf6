"""Send the due reminders now, or start the worker's hourly reminder chain (--schedule)."""

from django.core.management.base import BaseCommand

from revmentor.mentorships.services import send_due_reminders
from revmentor.mentorships.tasks import schedule_next


class Command(BaseCommand):
    help = (
        "Queue every due reminder e-mail once. With --schedule, start the hourly chain run by "
        "`manage.py db_worker` instead (cron alternative: run this command every hour)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Queue the self-repeating reminder task for the worker (once; safe to repeat).",
        )

    def handle(self, *args, schedule: bool = False, **options):
        if schedule:
            queued = schedule_next()
            self.stdout.write(
                "Reminder task queued for the worker."
                if queued
                else "A reminder task is already waiting for the worker."
            )
            return
        counts = send_due_reminders()
        self.stdout.write(
            f"Reminders queued: {counts.joint_week} joint meeting in 7 days, "
            f"{counts.joint_day} joint meeting tomorrow, {counts.nudges} nudges."
        )
