"""The e-mails of the application flow: file templates, or the coordinator's own wording.

Queued by reference (``queue``): the task holds the application's id, the e-mail kind and the
audience; recipients, wording and values are read when the worker sends it (``recipients``
is the one place that says who gets which audience's copy).
"""

import re

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import lazy

from revmentor.applications.models import Application, EmailKind, EmailTemplate
from revmentor.core import mail
from revmentor.core.texts import in_active_language
from revmentor.programs.models import DeadlineChange, Program
from revmentor.programs.queries import hr_emails_for

PLACEHOLDER = re.compile(r"\{(\w+)\}")
# Placeholders a coordinator may use in their own wording, each explained on the edit page.
PLACEHOLDERS = [
    "name",
    "program",
    "organisation",
    "profile",
    "status",
    "deadline",
    "status_link",
    "manager_name",
    "manager_link",
    "manager_answer",
    "reason",
    "summary",
    "program_link",
    "hr_link",
    "calendar_link",
    "program_calendar_link",
]


def fill(text: str, values: dict[str, str]) -> str:
    """Replace {placeholder} with its value; unknown placeholders stay as written."""
    return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), text)


def _local(value) -> str:
    return date_format(timezone.localtime(value), "j F Y H:i") if value else ""


local_time = _local


def render_file(name: str, *, language: str, context: dict) -> tuple[str, str]:
    """(subject, body) of a file template ``name``_subject.txt / _body.txt in ``language``."""
    with translation.override(language):
        subject = render_to_string(f"{name}_subject.txt", context)
        body = render_to_string(f"{name}_body.txt", context)
    return " ".join(subject.split()), body


def summary(application: Application) -> str:
    """A copy of what the applicant sent, as plain text lines."""
    rows = [
        (Application._meta.get_field("full_name").verbose_name, application.full_name),
        (Application._meta.get_field("email").verbose_name, application.email),
        (Application._meta.get_field("phone").verbose_name, application.phone),
        (Application._meta.get_field("organisation").verbose_name, application.organisation or ""),
        (Application._meta.get_field("unit").verbose_name, application.unit),
        (Application._meta.get_field("job_title").verbose_name, application.job_title),
        (Application._meta.get_field("birth_year").verbose_name, application.birth_year or ""),
        (
            Application._meta.get_field("employment_type").verbose_name,
            application.get_employment_type_display(),
        ),
        (
            Application._meta.get_field("profile_kind").verbose_name,
            application.get_profile_kind_display(),
        ),
        (Application._meta.get_field("manager_name").verbose_name, application.manager_name),
        (Application._meta.get_field("manager_email").verbose_name, application.manager_email),
        (
            Application._meta.get_field("topics").verbose_name,
            ", ".join(t.name for t in application.topics.all()) if application.pk else "",
        ),
        (Application._meta.get_field("topics_text").verbose_name, application.topics_text),
        (
            Application._meta.get_field("preferred_format").verbose_name,
            application.get_preferred_format_display(),
        ),
        (Application._meta.get_field("city").verbose_name, application.city),
        (
            Application._meta.get_field("languages").verbose_name,
            ", ".join(application.language_labels()),
        ),
        (
            Application._meta.get_field("availability").verbose_name,
            ", ".join(application.availability_labels()),
        ),
        (
            Application._meta.get_field("accessibility_needs").verbose_name,
            application.accessibility_needs,
        ),
    ]
    return "\n".join(f"{str(label).capitalize()}: {value}" for label, value in rows)


def values_for(application: Application, **extra: str) -> dict[str, str]:
    """The placeholders' values; the words that depend on the language (the program's title,
    the profile, the status, the date) are read in the language the e-mail is rendered in."""
    program = application.program
    values = {
        "name": application.full_name or application.applicant.get_full_name(),
        "program": in_active_language(program, "title"),
        "organisation": str(application.organisation or ""),
        "profile": _lazy_str(application.get_profile_kind_display),
        "status": _lazy_str(application.get_status_display),
        "deadline": _lazy_str(lambda: _local(program.application_deadline)),
        "status_link": settings.SITE_URL
        + reverse("applications:status", kwargs={"slug": program.slug}),
        "program_link": settings.SITE_URL + program.get_absolute_url(),
        "program_calendar_link": settings.SITE_URL
        + reverse("programs:calendar", kwargs={"slug": program.slug}),
        # The applicant's own feed address is secret: only the receipt fills it in.
        "calendar_link": "",
        "hr_link": settings.SITE_URL
        + reverse("applications:hr_list", kwargs={"slug": program.slug}),
        "manager_name": application.manager_name,
        "manager_answer": str(application.get_manager_answer_display()),
        "manager_link": "",
        "reason": "",
        "summary": summary(application),
    }
    values.update(extra)
    return values


_lazy_str = lazy(lambda read: read(), str)


def personal_feed_url(user) -> str:
    """The person's own calendar feed address (their secret token, created on first use)."""
    # The feed lives with the pairs (mentorships builds on applications); imported here so
    # the application flow can offer it from the day someone applies.
    from revmentor.mentorships.services import personal_settings

    token = personal_settings(user).calendar_token
    return settings.SITE_URL + reverse("mentorships:feed", kwargs={"token": token})


def receipt_values(application: Application) -> dict[str, str]:
    """The receipt's values: everything of ``values_for`` and the applicant's own feed address."""
    return values_for(application, calendar_link=personal_feed_url(application.applicant))


def _overrides(program: Program) -> dict[tuple[str, str], EmailTemplate]:
    """The program's own e-mail wordings, read once per program object (one send = one query)."""
    cache = program.__dict__.get("_email_overrides")
    if cache is None:
        cache = {(t.kind, t.language): t for t in EmailTemplate.objects.filter(program=program)}
        program.__dict__["_email_overrides"] = cache
    return cache


def text_language(*, kind: str, program: Program, language: str) -> str:
    """The language an e-mail goes out in: the recipient's, unless the coordinator wrote their
    own wording of it in Swedish only (then that Swedish text, as on the English pages)."""
    own = _overrides(program)
    if language != "sv" and (kind, language) not in own and (kind, "sv") in own:
        return "sv"
    return language


def render(*, kind: str, program: Program, language: str, values: dict) -> tuple[str, str]:
    """(subject, body) of one e-mail: the program's own wording if any (its Swedish one when
    it has none in ``language``), else the file template in ``language``."""
    language = text_language(kind=kind, program=program, language=language)
    with translation.override(language):
        values = {key: str(value) for key, value in values.items()}
        override = _overrides(program).get((kind, language))
        if override is not None:
            subject, body = fill(override.subject, values), fill(override.body, values)
        else:
            name = f"applications/email/{kind}"
            subject = render_to_string(f"{name}_subject.txt", values)
            body = render_to_string(f"{name}_body.txt", values)
    return " ".join(subject.split()), body


class Audience:
    APPLICANT = "applicant"
    HR = "hr"
    MANAGER = "manager"
    DRAFT = "draft"  # the address on the draft, else the account's


def queue(
    *,
    kind: str,
    application: Application,
    audience: str,
    deadline_change: DeadlineChange | None = None,
) -> None:
    """Queue one e-mail about ``application`` to ``audience``, in the caller's transaction."""
    refs: dict[str, int | str] = {"application_id": application.pk, "kind": str(kind)}
    if audience == Audience.MANAGER:
        refs["nonce"] = str(application.manager_token_nonce)
    if deadline_change is not None:
        refs["deadline_change_id"] = deadline_change.pk
    mail.queue(
        "applications.application",
        audience=audience,
        concerns=[application.applicant_id],
        **refs,
    )


def recipients(application: Application, audience: str) -> tuple[list[str], str]:
    """(addresses, language) of one audience of an e-mail about ``application``."""
    if audience == Audience.HR:
        return hr_addresses(application.program, application.organisation), "sv"
    if audience == Audience.MANAGER:
        return [application.manager_email], application.language
    if audience == Audience.DRAFT:
        return [application.email or application.applicant.email], application.language
    return [application.email, application.applicant.email], application.language


def is_erased(application: Application) -> bool:
    return application.applicant.email.lower().endswith(f"@{mail.ERASED_DOMAIN}")


@mail.renderer("applications.application")
def render_queued(
    *,
    application_id: int,
    kind: str,
    audience: str,
    nonce: str = "",
    deadline_change_id: int | None = None,
) -> list[mail.Message]:
    """The e-mail a task names, rendered from the application as it is now (none if erased)."""
    from revmentor.applications.services import manager_link

    application = (
        Application.objects.select_related("program", "organisation", "applicant")
        .filter(pk=application_id)
        .first()
    )
    if application is None or is_erased(application):
        return []
    extra: dict[str, str] = {}
    if audience == Audience.MANAGER:
        if nonce != str(application.manager_token_nonce):
            return []  # a newer request replaced this one
        extra["manager_link"] = manager_link(application)
    if kind in (EmailKind.NOMINATED, EmailKind.WAITLISTED, EmailKind.DECLINED):
        extra["reason"] = application.decision_reason
    if deadline_change_id is not None:
        change = DeadlineChange.objects.filter(pk=deadline_change_id).first()
        extra["reason"] = in_active_language(change, "reason") if change else ""
    to, language = recipients(application, audience)
    addresses = mail.usable(to)
    if not addresses:
        return []
    values = (
        receipt_values(application)
        if kind == EmailKind.RECEIPT
        else values_for(application, **extra)
    )
    subject, body = render(kind=kind, program=application.program, language=language, values=values)
    return [mail.Message(to=addresses, subject=subject, body=body)]


def hr_addresses(program: Program, organisation) -> list[str]:
    """The program's HR contacts for the organisation plus everyone holding its HR role here."""
    return hr_emails_for(program, organisation)


KINDS = [kind.value for kind in EmailKind]
