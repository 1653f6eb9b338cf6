"""Load the demo data (idempotent): programs, organisations, staff, and what each app adds."""

import importlib

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse
from faker import Faker

from revmentor.programs.demo import DemoContext, seed_programs

# Apps add their own demo data in order through a `demo.seed(ctx)` function.
APP_ORDER = ["applications", "matching", "mentorships", "surveys", "reports", "privacy", "wishes"]


class Command(BaseCommand):
    help = "Create or refresh the demo data and print the demo log-ins."

    def handle(self, *args, **options):
        faker = Faker("sv_SE")
        faker.seed_instance(2022)
        ctx = DemoContext(faker=faker)
        with transaction.atomic():
            seed_programs(ctx)
            for label in APP_ORDER:
                module_name = f"{apps.get_app_config(label).name}.demo"
                try:
                    module = importlib.import_module(module_name)
                except ModuleNotFoundError as error:
                    if error.name != module_name:
                        raise
                    continue
                module.seed(ctx)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(f"  Program open for applications: /program/{ctx.current.slug}/")
        self.stdout.write(f"  Program in progress: /program/{ctx.running.slug}/")
        self.stdout.write(f"  The announcement's program (closed): /program/{ctx.closed.slug}/")
        self.stdout.write(f"Demo log-ins ({settings.SITE_URL}{reverse('core:sign_in')}):")
        for role, email, how in ctx.logins:
            self.stdout.write(f"  {role:<34} {email:<36} {how}")
        self.stdout.write(
            "Staff confirm with an authenticator code; without a phone app, get the current one with:\n"
            "  .venv/bin/python manage.py demo_totp"
        )
