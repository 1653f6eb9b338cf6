"""The surveys app's part of the register extract, erasure and retention.

Only the "has answered" rows are personal data; the answers themselves hold no person
and cannot be found from one, so they stay for the statistics. An instrument survey's
answers also carry a keyed pseudonym (see ``pseudonyms``): without the key, kept outside the
database, it names nobody; with it, it could be recomputed for a person, so erasure blanks
the person's pseudonym and their answers then no longer pair across start and end.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from revmentor.applications.models import Application
from revmentor.privacy.models import privacy_for
from revmentor.privacy.registry import Due, within
from revmentor.surveys.models import PendingResponse, Respondent, Response
from revmentor.surveys.pseudonyms import pseudonym


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
        theirs = [
            pseudonym(program=program, application=application)
            for application in Application.objects.filter(applicant=user, program=program)
        ]
        for model in (Response, PendingResponse):
            model.objects.filter(survey__program=program, pseudonym__in=theirs).update(pseudonym="")
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
