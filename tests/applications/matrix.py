from django.urls import reverse

from revmentor.applications import services
from revmentor.applications.models import Application
from tests.applications.support import make_application
from tests.factories import make_user
from tests.matrix import Case, everyone, only, signed_in


def program_url(name, **extra):
    return lambda c: reverse(f"applications:{name}", kwargs={"slug": c.program.slug, **extra})


def participant_application(c) -> Application:
    found = Application.objects.filter(program=c.program, applicant=c.participant).first()
    return found or make_application(c.program, c.org_a, applicant=c.participant)


def own_page(name):
    def build(c):
        participant_application(c)
        return reverse(f"applications:{name}", kwargs={"slug": c.program.slug})

    return build


def hr_detail(c):
    application = make_application(c.program, c.org_a)
    return reverse(
        "applications:hr_detail",
        kwargs={"slug": c.program.slug, "public_id": application.public_id},
    )


def manager_link(c):
    application = make_application(c.program, c.org_a, applicant=make_user())
    application.manager_answer = Application.ManagerAnswer.PENDING
    application.save()
    return reverse("applications:manager", kwargs={"token": services.manager_token(application)})


def email_template_edit(c):
    return reverse(
        "applications:email_template_edit",
        kwargs={"slug": c.program.slug, "kind": "receipt", "language": "sv"},
    )


HR_A_PAGE = only({"hr_a": 200, "hr_b": 200})
COORDINATOR_PAGE = only({"coordinator": 200})

MATRIX = {
    # Any signed-in person may start an application; the eligibility step shows.
    "applications:apply": Case(program_url("apply"), signed_in(200)),
    # The participant's own draft opens; the others have none and go to step 1.
    "applications:edit": Case(own_page("edit"), {**signed_in(302), "participant": 200}),
    "applications:status": Case(own_page("status"), only({"participant": 200})),
    "applications:withdraw": Case(own_page("withdraw"), only({"participant": 200})),
    # The manager needs no account: the signed link is the permission.
    "applications:manager": Case(manager_link, everyone(200)),
    # Each HR sees its own organisation's list; another organisation's application is 404.
    "applications:hr_list": Case(program_url("hr_list"), HR_A_PAGE),
    "applications:hr_detail": Case(hr_detail, only({"hr_a": 200})),
    "applications:hr_bulk": Case(
        program_url("hr_bulk"),
        HR_A_PAGE,
        method="post",
        data=lambda c: {"bulk-decision": "waitlisted"},
    ),
    "applications:hr_late": Case(program_url("hr_late"), HR_A_PAGE),
    "applications:hr_export": Case(program_url("hr_export", file_format="csv"), HR_A_PAGE),
    "applications:nominations": Case(program_url("nominations"), COORDINATOR_PAGE),
    # The coordinator imports for every organisation, local HR for its own.
    "applications:import": Case(
        program_url("import"), only({"coordinator": 200, "hr_a": 200, "hr_b": 200})
    ),
    "applications:import_template": Case(
        program_url("import_template", file_format="xlsx"),
        only({"coordinator": 200, "hr_a": 200, "hr_b": 200}),
    ),
    "applications:nominations_export": Case(
        program_url("nominations_export", file_format="xlsx"), COORDINATOR_PAGE
    ),
    "applications:nominations_close": Case(
        program_url("nominations_close"), only({"coordinator": 302}), method="post"
    ),
    "applications:email_templates": Case(program_url("email_templates"), COORDINATOR_PAGE),
    "applications:email_template_edit": Case(email_template_edit, COORDINATOR_PAGE),
}
