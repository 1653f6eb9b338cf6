"""Print the current authenticator code for the demo staff, so the demo needs no phone app."""

import time

import pyotp
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from revmentor.programs.demo import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = (
        "Print the current six-digit code of the demo staff's authenticator key (local demo only)."
    )

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("The demo key is for local use only.")
        totp = pyotp.TOTP(DEMO_TOTP_SECRET)
        self.stdout.write(f"{totp.now()}  (valid for about {30 - int(time.time()) % 30} s more)")
