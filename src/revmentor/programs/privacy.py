"""The programs app's part of the register extract, erasure and retention: contact persons."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from revmentor.privacy.models import privacy_for
from revmentor.privacy.registry import Due, within
from revmentor.programs.models import ContactPerson, DeadlineChange


class ProgramsProvider:
    label = "programs"

    def extract(self, user, program=None) -> dict:
        return {
            "contact_person_for": [
                {
                    "program": c.program.title,
                    "name": c.name,
                    "organisation": c.organisation,
                    "email": c.email,
                    "phone": c.phone,
                }
                for c in ContactPerson.objects.filter(email__iexact=user.email, **within(program))
                .select_related("program")
                .order_by("program__title", "id")
            ],
            "deadline_changes_made": [
                {
                    "program": d.program.title,
                    "previous_deadline": d.old_deadline.isoformat(),
                    "new_deadline": d.new_deadline.isoformat(),
                    "reason": d.reason,
                    "changed_at": d.changed_at.isoformat(),
                }
                for d in DeadlineChange.objects.filter(changed_by=user, **within(program))
                .select_related("program")
                .order_by("changed_at", "id")
            ],
        }

    def programs_of(self, user) -> set[int]:
        return set(
            ContactPerson.objects.filter(email__iexact=user.email).values_list(
                "program_id", flat=True
            )
        )

    @transaction.atomic
    def erase(self, *, user, program) -> int:
        removed, _ = ContactPerson.objects.filter(
            program=program, email__iexact=user.email
        ).delete()
        cleared = DeadlineChange.objects.filter(program=program, changed_by=user).update(
            changed_by=None
        )
        return removed + cleared

    def due_for_retention(self, *, program, now) -> list[Due]:
        if now < privacy_for(program).personal_data_due_at():
            return []
        return [
            Due(
                self.label,
                "contact_persons",
                str(_("contact persons of the program")),
                ContactPerson.objects.filter(program=program),
            ),
            Due(
                self.label,
                "deadline_changes",
                str(_("who moved the application deadline")),
                DeadlineChange.objects.filter(program=program, changed_by__isnull=False),
            ),
        ]

    @transaction.atomic
    def anonymise(self, due: Due) -> int:
        if due.kind == "contact_persons":
            return due.rows.delete()[0]
        return due.rows.update(changed_by=None)
