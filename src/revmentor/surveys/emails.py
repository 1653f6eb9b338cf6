"""The surveys' e-mails (invitation, reminder), rendered by the worker from ids (core/mail.py)."""

from revmentor.applications.models import Application
from revmentor.core import mail
from revmentor.surveys.models import Survey

TEMPLATES = {"invitation", "reminder"}


@mail.renderer("surveys.survey")
def survey_mail(*, survey_id: int, application_id: int, template: str) -> list[mail.Message]:
    """A survey's invitation or reminder to one participant."""
    from revmentor.surveys.services import survey_link

    survey = Survey.objects.select_related("program").filter(pk=survey_id).first()
    application = Application.objects.select_related("applicant").filter(pk=application_id).first()
    if survey is None or application is None or template not in TEMPLATES:
        return []
    language = application.language if application.language in ("sv", "en") else "sv"
    return mail.message(
        to=[application.email or application.applicant.email],
        template=f"surveys/email/{template}",
        language=language,
        context={
            "name": application.full_name,
            "program": survey.program.title,
            "title": survey.title(language),
            "closes_on": survey.closes_on,
            "link": survey_link(survey),
        },
    )
