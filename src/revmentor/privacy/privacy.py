"""The privacy app's own part of the register extract, erasure and retention: erasure requests."""

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from revmentor.privacy.models import AccessibilityReport, ErasureRequest, privacy_for
from revmentor.privacy.registry import Due, within


class PrivacyProvider:
    label = "privacy"

    def extract(self, user, program=None) -> dict:
        return {
            "erasure_requests": [
                {
                    "program": r.program.title,
                    "asked": r.created_at.isoformat(),
                    "reason": r.reason,
                    "status": r.status,
                    "decided": r.decided_at.isoformat() if r.decided_at else None,
                    "reason_for_decision": r.decision_reason,
                }
                for r in ErasureRequest.objects.filter(person=user, **within(program))
                .select_related("program")
                .order_by("created_at", "id")
            ]
        }

    def programs_of(self, user) -> set[int]:
        # A pending request alone is no data to keep the account for.
        return set()

    @transaction.atomic
    def erase(self, *, user, program) -> int:
        # An accessibility report is kept only until purged; one from this person goes now.
        reports, _rows = AccessibilityReport.objects.filter(email__iexact=user.email).delete()
        return reports + ErasureRequest.objects.filter(program=program, person=user).update(
            person=None, person_label="", reason=""
        )

    def due_for_retention(self, *, program, now) -> list[Due]:
        if now < privacy_for(program).personal_data_due_at():
            return []
        rows = ErasureRequest.objects.filter(program=program).exclude(
            Q(person__isnull=True) & Q(person_label="") & Q(reason="")
        )
        return [Due(self.label, "erasure_requests", str(_("erasure requests")), rows)]

    @transaction.atomic
    def anonymise(self, due: Due) -> int:
        return due.rows.update(person=None, person_label="", reason="")
