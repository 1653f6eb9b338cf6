"""Start the worker's repeating jobs: reminders, the purge of abuse counts and the expiry of
pair requests every hour, retention every day."""

from django.core.management.base import BaseCommand

from revmentor.core.periodic import queue_next
from revmentor.core.signin import purge_abuse_counts
from revmentor.mentorships.tasks import send_reminders
from revmentor.privacy.tasks import apply_retention
from revmentor.wishes.tasks import expire_requests


class Command(BaseCommand):
    help = (
        "Queue the repeating jobs for `manage.py db_worker` (safe to run again: nothing doubles)."
    )

    def handle(self, *args, **options):
        for name, task in [
            ("reminders (hourly)", send_reminders),
            ("retention (daily)", apply_retention),
            ("purge of sign-in codes and abuse counts (hourly)", purge_abuse_counts),
            ("expiry of unanswered pair requests (hourly)", expire_requests),
        ]:
            queued = queue_next(task)
            self.stdout.write(f"{name}: {'queued' if queued else 'already waiting'}")
