"""The wishes app's e-mails, rendered by the worker from ids (core/mail.py)."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from revmentor.applications.models import Application
from revmentor.core import mail
from revmentor.wishes.models import PairRequest, Round

ROUND_TEMPLATES = {
    "wishes.opened": "wishes/email/opened",
    "wishes.reminder": "wishes/email/reminder",
    "wishes.closed": "wishes/email/closed",
}


def _language(application: Application) -> str:
    return application.language if application.language in ("sv", "en") else "sv"


def _address(application: Application) -> str:
    return application.email or application.applicant.email


def _round_mail(kind: str, round_id: int, application_id: int) -> list[mail.Message]:
    wish_round = Round.objects.select_related("program").filter(pk=round_id).first()
    application = Application.objects.select_related("applicant").filter(pk=application_id).first()
    if wish_round is None or application is None:
        return []
    program = wish_round.program
    return mail.message(
        to=[_address(application)],
        template=ROUND_TEMPLATES[kind],
        language=_language(application),
        context={
            "name": application.full_name,
            "program": program.title,
            "deadline": timezone.localtime(wish_round.ranking_deadline),
            "requests": program.matching_mode == "requests",
            "link": settings.SITE_URL + reverse("wishes:rank", kwargs={"slug": program.slug}),
        },
    )


@mail.renderer("wishes.opened")
def opened(*, round_id: int, application_id: int) -> list[mail.Message]:
    """Suggestions are open: rank up to five by the deadline."""
    return _round_mail("wishes.opened", round_id, application_id)


@mail.renderer("wishes.reminder")
def reminder(*, round_id: int, application_id: int) -> list[mail.Message]:
    """A reminder to someone who has not ranked yet."""
    return _round_mail("wishes.reminder", round_id, application_id)


@mail.renderer("wishes.closed")
def closed(*, round_id: int, application_id: int) -> list[mail.Message]:
    """The round is closed; the coordinator pairs whoever is left."""
    return _round_mail("wishes.closed", round_id, application_id)


def _request(request_id: int) -> PairRequest | None:
    return (
        PairRequest.objects.select_related(
            "round__program", "requester__applicant", "partner__applicant"
        )
        .filter(pk=request_id)
        .first()
    )


@mail.renderer("wishes.request")
def request_arrived(*, request_id: int) -> list[mail.Message]:
    """To the mentor: an adept asks to be paired; the link answers it."""
    request = _request(request_id)
    if request is None or request.status != PairRequest.Status.PENDING:
        return []
    program = request.round.program
    return mail.message(
        to=[_address(request.partner)],
        template="wishes/email/request",
        language=_language(request.partner),
        context={
            "name": request.partner.full_name,
            "requester": request.requester.full_name,
            "program": program.title,
            "due": timezone.localtime(request.due_at),
            "link": settings.SITE_URL
            + reverse(
                "wishes:answer", kwargs={"slug": program.slug, "public_id": request.public_id}
            ),
        },
    )


def _to_requester(request_id: int, template: str) -> list[mail.Message]:
    request = _request(request_id)
    if request is None:
        return []
    program = request.round.program
    return mail.message(
        to=[_address(request.requester)],
        template=template,
        language=_language(request.requester),
        context={
            "name": request.requester.full_name,
            "partner": request.partner.full_name,
            "program": program.title,
            "status": request.status,
            "message": request.message,
            "link": settings.SITE_URL + reverse("wishes:rank", kwargs={"slug": program.slug}),
        },
    )


@mail.renderer("wishes.accepted")
def accepted(*, request_id: int) -> list[mail.Message]:
    """To the adept: the mentor said yes."""
    return _to_requester(request_id, "wishes/email/accepted")


@mail.renderer("wishes.passed_on")
def passed_on(*, request_id: int) -> list[mail.Message]:
    """To the adept: no pair with this mentor; the next wish is asked (if any)."""
    return _to_requester(request_id, "wishes/email/passed_on")
