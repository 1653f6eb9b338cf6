from django.urls import reverse

from revmentor.reports.models import TravelCost
from tests.matrix import Case, only
from tests.reports.support import completed_pair
from tests.surveys.support import nominated


def url(name, **extra):
    return lambda c: reverse(f"reports:{name}", kwargs={"slug": c.program.slug, **extra})


def travel_delete(name):
    def build(c):
        [person] = nominated(c.program, c.org_a)
        cost = TravelCost.objects.create(application=person, amount="100.00")
        return reverse(
            f"reports:{name}", kwargs={"slug": c.program.slug, "public_id": cost.public_id}
        )

    return build


def invoice(name, file_format):
    return lambda c: reverse(
        f"reports:{name}",
        kwargs={
            "slug": c.program.slug,
            "organisation": c.org_a.public_id,
            "file_format": file_format,
        },
    )


def certificate(c):
    mentor, _adept = completed_pair(c.program, c.org_a)
    return reverse(
        "reports:certificate", kwargs={"slug": c.program.slug, "public_id": mentor.public_id}
    )


def my_certificate(c):
    if not c.participant.applications.filter(program=c.program).exists():
        completed_pair(c.program, c.org_a, mentor_fields={"applicant": c.participant})
    return reverse("reports:my_certificate", kwargs={"slug": c.program.slug})


COORDINATOR_PAGE = only({"coordinator": 200})
HR_PAGE = only({"hr_a": 200, "hr_b": 200})

MATRIX = {
    "reports:dashboard": Case(url("dashboard"), COORDINATOR_PAGE),
    "reports:dashboard_export": Case(url("dashboard_export", table="funnel"), COORDINATOR_PAGE),
    "reports:costs": Case(url("costs"), COORDINATOR_PAGE),
    "reports:costs_export": Case(url("costs_export"), COORDINATOR_PAGE),
    "reports:travel_delete": Case(
        travel_delete("travel_delete"), only({"coordinator": 302}), method="post"
    ),
    "reports:invoice": Case(invoice("invoice", "xlsx"), COORDINATOR_PAGE),
    "reports:certificate": Case(certificate, COORDINATOR_PAGE),
    # Local HR sees its own organisation's numbers; HR of B has no access to A's invoice.
    "reports:hr_dashboard": Case(url("hr_dashboard"), HR_PAGE),
    "reports:hr_dashboard_export": Case(url("hr_dashboard_export", table="ages"), HR_PAGE),
    "reports:hr_costs": Case(url("hr_costs"), HR_PAGE),
    "reports:hr_travel_delete": Case(
        travel_delete("hr_travel_delete"), only({"hr_a": 302}), method="post"
    ),
    "reports:hr_invoice": Case(invoice("hr_invoice", "pdf"), only({"hr_a": 200})),
    "reports:my_certificate": Case(my_certificate, only({"participant": 200})),
}
