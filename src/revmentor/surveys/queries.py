"""Who may see which surveys, and who is asked to answer them."""

from django.db.models import Count, Prefetch, Q, QuerySet

from revmentor.applications.models import Application
from revmentor.core import permissions
from revmentor.programs.models import Program
from revmentor.surveys.models import Question, Respondent, Survey


def surveys_visible_to(user, program: Program) -> QuerySet[Survey]:
    """Coordinator: every survey of the program; participants: sent ones; others: none."""
    base = Survey.objects.filter(program=program)
    if not getattr(user, "is_authenticated", False):
        return base.none()
    if permissions.is_coordinator(user, program):
        return base
    if recipients(program).filter(applicant=user).exists():
        return base.exclude(status=Survey.Status.DRAFT)
    return base.none()


def for_list(queryset: QuerySet[Survey]) -> QuerySet[Survey]:
    return queryset.annotate(
        question_count=Count("questions", distinct=True),
        respondent_count=Count("respondents", distinct=True),
    )


def with_questions(queryset: QuerySet[Survey]) -> QuerySet[Survey]:
    return queryset.select_related("program").prefetch_related(
        Prefetch("questions", queryset=Question.objects.order_by("position", "id"))
    )


def recipients(program: Program) -> QuerySet[Application]:
    """The people a survey goes to: those in the program's pairs once matching is published,
    before that every nominated application; never a withdrawn one."""
    from revmentor.mentorships.models import Mentorship

    if Mentorship.objects.filter(program=program).exists():
        in_pairs = Application.objects.filter(
            Q(mentorships_as_mentor__program=program) | Q(mentorships_as_adept__program=program)
        )
        return (
            Application.objects.filter(program=program, pk__in=in_pairs.values("pk"))
            .exclude(status=Application.Status.WITHDRAWN)
            .order_by("id")
        )
    return Application.objects.filter(
        program=program, status=Application.Status.NOMINATED
    ).order_by("id")


def not_answered(survey: Survey) -> QuerySet[Application]:
    answered = Respondent.objects.filter(survey=survey).values("application_id")
    return recipients(survey.program).exclude(pk__in=answered)


def recipient_application(user, program: Program) -> Application | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return recipients(program).filter(applicant=user).select_related("organisation").first()


def surveys_to_answer(user) -> list[Survey]:
    """Open surveys the user is asked to answer and has not answered yet (for "My pages")."""
    if not getattr(user, "is_authenticated", False):
        return []
    applications = Application.objects.filter(applicant=user).exclude(
        status=Application.Status.WITHDRAWN
    )
    surveys = (
        Survey.objects.filter(
            status=Survey.Status.OPEN, program__applications__in=applications.values("pk")
        )
        .exclude(respondents__application__applicant=user)
        .select_related("program")
        .distinct()
        .order_by("created_at")
    )
    found = []
    for survey in surveys:
        if survey.is_open and recipients(survey.program).filter(applicant=user).exists():
            found.append(survey)
    return found
