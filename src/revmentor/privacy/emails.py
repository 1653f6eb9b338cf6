"""The privacy pages' e-mails, rendered by the worker from ids (see core/mail.py)."""

from django.conf import settings

from revmentor.core import mail
from revmentor.core.models import Role
from revmentor.privacy.models import AccessibilityReport, ErasureRequest


@mail.renderer("privacy.erasure_requested")
def erasure_requested(*, erasure_id: int) -> list[mail.Message]:
    """Tell the program's coordinators that an erasure request waits for their decision."""
    erasure = ErasureRequest.objects.select_related("program").filter(pk=erasure_id).first()
    if erasure is None or erasure.status != ErasureRequest.Status.PENDING:
        return []
    program = erasure.program
    coordinators = Role.objects.filter(program=program, kind=Role.Kind.COORDINATOR).values_list(
        "user__email", flat=True
    )
    return mail.message(
        to=coordinators,
        template="privacy/email/erasure_requested",
        context={"program": program.title, "site_url": settings.SITE_URL, "slug": program.slug},
    )


@mail.renderer("privacy.accessibility_report")
def accessibility_report(*, report_id: int) -> list[mail.Message]:
    """An accessibility report, to the program's contact persons or else the site contact."""
    from revmentor.privacy.services import site_contact_email

    report = AccessibilityReport.objects.select_related("program").filter(pk=report_id).first()
    if report is None:
        return []
    program = report.program
    recipients = (
        [c.email for c in program.contact_persons.all()] if program is not None else []
    ) or [site_contact_email()]
    return mail.message(
        to=recipients,
        template="privacy/email/accessibility_report",
        language=report.language,
        context={
            "program": program.title if program else "",
            "page": report.page,
            "description": report.description,
            "name": report.name,
            "email": report.email,
        },
        reply_to=[report.email],
    )
