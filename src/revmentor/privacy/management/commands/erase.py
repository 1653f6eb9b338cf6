"""Erase a person's data in one program from the command line (operators, data protection officer)."""

from django.core.management.base import BaseCommand, CommandError

from revmentor.core.models import User
from revmentor.privacy import services
from revmentor.programs.models import Program


class Command(BaseCommand):
    help = (
        "Anonymise a person's data in a program, as an approved erasure request does "
        "(audited). --dry-run reports the counts and changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="The person's e-mail address.")
        parser.add_argument("--program", required=True, help="The program's slug.")
        parser.add_argument("--reason", required=True, help="Why (kept in the audit trail).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would be anonymised only."
        )

    def handle(self, *args, email, program, reason, dry_run=False, **options):
        if not reason.strip():
            raise CommandError("Give a reason: it is kept in the audit trail.")
        found = Program.objects.filter(slug=program).first()
        if found is None:
            raise CommandError(f"No program with the slug {program!r}.")
        person = User.objects.filter(email__iexact=email.strip()).first()
        if person is None:
            raise CommandError("No account with that e-mail address.")
        counts = services.erase_by_operator(
            person=person, program=found, reason=reason.strip(), dry_run=dry_run
        )
        verb = "would be anonymised" if dry_run else "anonymised"
        for label, number in sorted(counts.items()):
            self.stdout.write(f"{label}: {number} {verb}")
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
