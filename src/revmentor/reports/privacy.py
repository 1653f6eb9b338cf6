"""The reports app's part of the register extract, erasure and retention: travel costs.

The amounts stay (they are the organisations' invoice basis); notes and who registered
them are personal and are cleared.
"""

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from revmentor.privacy.models import privacy_for
from revmentor.privacy.registry import Due, within
from revmentor.reports.models import TravelCost


class ReportsProvider:
    label = "reports"

    def extract(self, user, program=None) -> dict:
        return {
            "travel_costs": [
                {
                    "program": c.application.program.title,
                    "amount": str(c.amount),
                    "note": c.note,
                    "registered_at": c.registered_at.isoformat(),
                }
                for c in TravelCost.objects.filter(
                    application__applicant=user, **within(program, "application__program")
                )
                .select_related("application__program")
                .order_by("registered_at", "id")
            ],
            "travel_costs_registered": TravelCost.objects.filter(
                registered_by=user, **within(program, "application__program")
            ).count(),
        }

    def programs_of(self, user) -> set[int]:
        return set(
            TravelCost.objects.filter(
                Q(application__applicant=user) | Q(registered_by=user)
            ).values_list("application__program_id", flat=True)
        )

    @transaction.atomic
    def erase(self, *, user, program) -> int:
        in_program = TravelCost.objects.filter(application__program=program)
        notes = in_program.filter(application__applicant=user).update(note="")
        registrar = in_program.filter(registered_by=user).update(registered_by=None)
        return notes + registrar

    def due_for_retention(self, *, program, now) -> list[Due]:
        if now < privacy_for(program).personal_data_due_at():
            return []
        rows = TravelCost.objects.filter(application__program=program).exclude(
            note="", registered_by__isnull=True
        )
        return [Due(self.label, "travel_costs", str(_("notes on travel costs")), rows)]

    @transaction.atomic
    def anonymise(self, due: Due) -> int:
        return due.rows.update(note="", registered_by=None)
