"""Background work of surveys, run by `manage.py db_worker`: the deferred reminder."""

from django.tasks import task

from revmentor.surveys import services
from revmentor.surveys.models import Survey


@task()
def remind_survey(*, survey_id: int) -> int:
    """Remind those who have not answered; a survey closed meanwhile reminds nobody."""
    survey = Survey.objects.filter(pk=survey_id).first()
    if survey is None:
        return 0
    return services.send_reminders(survey=survey, reminded_by=None)
