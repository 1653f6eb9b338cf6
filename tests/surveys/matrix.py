from django.urls import reverse

from revmentor.surveys.models import Survey
from tests.factories import make_organisation
from tests.matrix import Case, only
from tests.surveys.support import instrument_pair, nominated, open_survey


def survey_of(c, status=Survey.Status.DRAFT) -> Survey:
    survey = Survey.objects.filter(program=c.program, status=status).first()
    if survey is None:
        survey = open_survey(c.program, "start")
        Survey.objects.filter(pk=survey.pk).update(status=status)
        survey.refresh_from_db()
    return survey


def manage_url(name, status=Survey.Status.DRAFT, question=False):
    def build(c):
        survey = survey_of(c, status)
        kwargs = {"slug": c.program.slug, "public_id": survey.public_id}
        if question:
            kwargs["question_id"] = survey.questions.first().public_id
        return reverse(f"surveys:{name}", kwargs=kwargs)

    return build


def answer_url(c):
    # The participant is nominated in the cast's program; the survey is open.
    if not c.participant.applications.filter(program=c.program).exists():
        nominated(c.program, c.org_a, applicant=c.participant)
    survey = survey_of(c, Survey.Status.OPEN)
    return reverse("surveys:answer", kwargs={"slug": c.program.slug, "public_id": survey.public_id})


def send_url(c):
    nominated(c.program, make_organisation())
    return manage_url("send")(c)


def instrument_url(name):
    def build(c):
        _start, end = instrument_pair(c.program)
        return reverse(
            f"surveys:{name}", kwargs={"slug": c.program.slug, "public_id": end.public_id}
        )

    return build


COORDINATOR_PAGE = only({"coordinator": 200})
COORDINATOR_POST = only({"coordinator": 302})

MATRIX = {
    "surveys:manage_list": Case(
        lambda c: reverse("surveys:manage_list", kwargs={"slug": c.program.slug}), COORDINATOR_PAGE
    ),
    "surveys:manage_detail": Case(manage_url("manage_detail"), COORDINATOR_PAGE),
    "surveys:edit": Case(manage_url("edit"), COORDINATOR_PAGE),
    "surveys:question_create": Case(manage_url("question_create"), COORDINATOR_PAGE),
    "surveys:question_edit": Case(manage_url("question_edit", question=True), COORDINATOR_PAGE),
    "surveys:question_delete": Case(
        manage_url("question_delete", question=True), COORDINATOR_POST, method="post"
    ),
    "surveys:send": Case(send_url, COORDINATOR_POST, method="post"),
    "surveys:remind": Case(
        manage_url("remind", status=Survey.Status.OPEN), COORDINATOR_POST, method="post"
    ),
    "surveys:close": Case(
        manage_url("close", status=Survey.Status.OPEN), COORDINATOR_POST, method="post"
    ),
    "surveys:results": Case(manage_url("results", status=Survey.Status.CLOSED), COORDINATOR_PAGE),
    "surveys:instruments": Case(
        lambda c: reverse("surveys:instruments", kwargs={"slug": c.program.slug}),
        COORDINATOR_PAGE,
    ),
    "surveys:instrument_results": Case(instrument_url("instrument_results"), COORDINATOR_PAGE),
    "surveys:instrument_export": Case(instrument_url("instrument_export"), COORDINATOR_PAGE),
    # Only the people asked to answer reach the survey; everyone else gets 404.
    "surveys:answer": Case(answer_url, only({"participant": 200})),
}
