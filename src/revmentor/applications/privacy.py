"""The applications' part of the register extract, erasure and retention.

Anonymising keeps what statistics need (program, organisation, profile, status, employment
type, meeting format, topics, dates) and blanks everything that says who the person is;
the application is moved to a fresh inactive account so counts per program stay right.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from revmentor.applications.models import Application
from revmentor.core import audit, mail
from revmentor.core.privacy import ERASED_DOMAIN, anonymous_user
from revmentor.privacy.models import add_months, privacy_for
from revmentor.privacy.registry import Due, within
from revmentor.programs.models import Program

NOT_NOMINATED = [
    Application.Status.DRAFT,
    Application.Status.SUBMITTED,
    Application.Status.WAITLISTED,
    Application.Status.DECLINED,
    Application.Status.WITHDRAWN,
]
AFTER_NOMINATION = [Program.Status.MATCHING, Program.Status.RUNNING, Program.Status.CLOSED]
BLANKED = {
    "full_name": "",
    "email": "",
    "phone": "",
    "unit": "",
    "job_title": "",
    "birth_year": None,
    "manager_name": "",
    "manager_email": "",
    "topics_text": "",
    "city": "",
    "languages": [],
    "availability": [],
    "accessibility_needs": "",
    "decision_reason": "",
    "late_registration_reason": "",
    "decided_by": None,
    "registered_by": None,
}


def _when(value):
    return value.isoformat() if value else None


def nomination_ended_at(program):
    """When the program left the nomination step (its matching started), if it has."""
    if program.status not in AFTER_NOMINATION:
        return None
    return program.matching_started_at or program.application_deadline


def identifiers_of(application: Application) -> list[str]:
    """What names the person (and their manager) in free text: for the audit trail's rewrite."""
    return [
        application.full_name,
        application.email,
        application.phone,
        application.manager_name,
        application.manager_email,
        application.applicant.full_name,
        application.applicant.email,
    ]


class ApplicationsProvider:
    label = "applications"

    def extract(self, user, program=None) -> dict:
        rows = (
            Application.objects.filter(applicant=user, **within(program))
            .select_related("program", "organisation")
            .prefetch_related("topics")
            .order_by("created_at", "id")
        )
        return {
            "applications": [
                {
                    "program": a.program.title,
                    "status": a.status,
                    "name": a.full_name,
                    "email": a.email,
                    "phone": a.phone,
                    "organisation": a.organisation.name if a.organisation else "",
                    "unit": a.unit,
                    "job_title": a.job_title,
                    "birth_year": a.birth_year,
                    "employment_type": a.employment_type,
                    "profile": a.profile_kind,
                    "manager_name": a.manager_name,
                    "manager_email": a.manager_email,
                    "discussed_with_manager": a.discussed_with_manager,
                    "manager_answer": a.manager_answer,
                    "topics": [t.name for t in a.topics.all()],
                    "topics_in_own_words": a.topics_text,
                    "preferred_format": a.preferred_format,
                    "city": a.city,
                    "languages": list(a.languages),
                    "availability": list(a.availability),
                    "accessibility_needs": a.accessibility_needs,
                    "created": _when(a.created_at),
                    "submitted": _when(a.submitted_at),
                    "withdrawn": _when(a.withdrawn_at),
                    "decided": _when(a.decided_at),
                    "reason_for_decision": a.decision_reason,
                }
                for a in rows
            ]
        }

    def programs_of(self, user) -> set[int]:
        return set(Application.objects.filter(applicant=user).values_list("program_id", flat=True))

    @transaction.atomic
    def erase(self, *, user, program) -> int:
        return self._anonymise_rows(Application.objects.filter(applicant=user, program=program))

    def due_for_retention(self, *, program, now) -> list[Due]:
        live = Application.objects.filter(program=program).exclude(
            applicant__email__endswith=f"@{ERASED_DOMAIN}"
        )
        policy = privacy_for(program)
        if now >= policy.personal_data_due_at():
            return [Due(self.label, "all", str(_("applications")), live)]
        ended = nomination_ended_at(program)
        if ended is not None and now >= add_months(ended, policy.not_nominated_months):
            return [
                Due(
                    self.label,
                    "not_nominated",
                    str(_("applications that were not nominated")),
                    live.filter(status__in=NOT_NOMINATED),
                )
            ]
        return []

    @transaction.atomic
    def anonymise(self, due: Due) -> int:
        return self._anonymise_rows(due.rows)

    def _anonymise_rows(self, rows) -> int:
        count = 0
        rows = list(rows.select_for_update().select_related("applicant"))
        mail.forget(application_ids=[application.pk for application in rows])
        for application in rows:
            audit.pseudonymise(
                identifiers=identifiers_of(application),
                pseudonym=audit.new_pseudonym(),
                program=application.program,
            )
            for field, value in BLANKED.items():
                setattr(application, field, value)
            application.applicant = anonymous_user()
            application.save()
            count += 1
        return count
