"""The surveys app's part of the register extract, erasure and retention.

Only the "has answered" rows are personal data; the answers themselves hold no person
and cannot be found from one, so they stay for the statistics.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from revmentor.privacy.models import privacy_for
from revmentor.privacy.registry import Due, within
from revmentor.surveys.models import Respondent


class SurveysProvider:
    label = "surveys"

    def extract(self, user, program=None) -> dict:
        return {
            "surveys_answered": [
                {"program": r.survey.program.title, "survey": r.survey.title_sv}
                for r in Respondent.objects.filter(
                    application__applicant=user, **within(program, "survey__program")
                )
                .select_related("survey__program")
                .order_by("survey__program__title", "survey__created_at", "id")
            ],
            "note": "Answers are stored without any link to the person and cannot be extracted.",
        }

    def programs_of(self, user) -> set[int]:
        return set(
            Respondent.objects.filter(application__applicant=user).values_list(
                "survey__program_id", flat=True
            )
        )

    @transaction.atomic
    def erase(self, *, user, program) -> int:
        removed, _ = Respondent.objects.filter(
            application__applicant=user, survey__program=program
        ).delete()
        return removed

    def due_for_retention(self, *, program, now) -> list[Due]:
        if now < privacy_for(program).personal_data_due_at():
            return []
        return [
            Due(
                self.label,
                "respondents",
                str(_("who has answered the surveys")),
                Respondent.objects.filter(survey__program=program),
            )
        ]

    @transaction.atomic
    def anonymise(self, due: Due) -> int:
        return due.rows.delete()[0]
