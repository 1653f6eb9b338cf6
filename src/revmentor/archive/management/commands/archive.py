"""Write a program's E-ARK archive package to a folder; --dispose then applies the disposal list."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from revmentor.archive import queries, services
from revmentor.programs.models import Program


class Command(BaseCommand):
    help = (
        "Write the program's archive package (E-ARK CSIP/SIP 2.1, FGS Paketstruktur 2.0) into "
        "--output, print the disposal list, and with --dispose apply it."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The program's address name.")
        parser.add_argument("--output", required=True, help="The folder to write the package in.")
        parser.add_argument(
            "--dispose",
            action="store_true",
            help="After writing the package, dispose of what the disposal list names.",
        )

    def handle(self, *args, slug, output, dispose=False, **options):
        program = Program.objects.filter(slug=slug).first()
        if program is None:
            raise CommandError(f"No program with the address name {slug!r}.")
        if dispose and program.status != Program.Status.CLOSED:
            raise CommandError("Records are disposed of only after the program has closed.")
        destination = Path(output)
        destination.mkdir(parents=True, exist_ok=True)
        plan = queries.disposal_plan(program)
        folder = services.export_package(
            program=program, destination=destination, exported_by=services.COMMAND_ACTOR
        )
        self.stdout.write(f"Package written: {folder}")
        self.stdout.write("Disposal list:")
        for item in plan:
            self.stdout.write(f"  {item.due.provider}.{item.due.kind}: {item.count}")
        if not plan:
            self.stdout.write("  nothing")
        if dispose:
            done = services.dispose(program=program, disposed_by=services.COMMAND_ACTOR)
            self.stdout.write(f"Disposed of: {sum(done.values())} records.")
