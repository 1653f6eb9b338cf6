"""Business actions on applications: apply, withdraw, the manager's answer, HR's decisions."""

import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from revmentor.applications import emails
from revmentor.applications.models import (
    APPLICANT_FIELDS,
    Application,
    DraftReminder,
    EmailKind,
    EmailTemplate,
    eligibility_problem,
)
from revmentor.core import audit
from revmentor.core.models import User
from revmentor.core.texts import in_language
from revmentor.programs import services as program_services
from revmentor.programs.models import DeadlineChange, Participation, Program, Topic

MANAGER_LINK_SALT = "revmentor.applications.manager"
MANAGER_LINK_MAX_AGE = timedelta(days=14)
REMINDER_BEFORE_DEADLINE = timedelta(days=3)
DECIDABLE = [
    Application.Status.SUBMITTED,
    Application.Status.NOMINATED,
    Application.Status.WAITLISTED,
    Application.Status.DECLINED,
]
DECISIONS = [
    Application.Status.NOMINATED,
    Application.Status.WAITLISTED,
    Application.Status.DECLINED,
]
NOMINATION_STATUSES = [Program.Status.OPEN, Program.Status.NOMINATING]


class ApplicationError(Exception):
    """A business rule refused the action; the message is shown to the person as it is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class PlacesExhausted(ApplicationError):
    pass


def _snapshot(application: Application) -> dict:
    return {
        "status": application.status,
        "organisation": str(application.organisation or ""),
        "profile": application.profile_kind,
        "manager_answer": application.manager_answer,
    }


def _require_open(program: Program) -> None:
    if not program.accepts_applications:
        raise ApplicationError(_("Applications to this program are closed."))


def _require_eligible(application: Application) -> None:
    problem = eligibility_problem(
        program=application.program,
        employment_type=application.employment_type,
        profile_kind=application.profile_kind,
        birth_year=application.birth_year,
    )
    if problem is not None:
        raise ApplicationError(problem[1])


# ---- the applicant -------------------------------------------------------------------


@transaction.atomic
def start_application(
    *,
    program: Program,
    applicant: User,
    employment_type: str,
    profile_kind: str,
    birth_year: int,
    language: str,
) -> Application:
    """Create the applicant's draft after the eligibility step; nothing is sent."""
    _require_open(program)
    application = Application(
        program=program,
        applicant=applicant,
        language=language,
        full_name=applicant.full_name,
        email=applicant.email,
        employment_type=employment_type,
        profile_kind=profile_kind,
        birth_year=birth_year,
    )
    _require_eligible(application)
    application.save()
    ensure_draft_reminder(program=program)
    return application


@transaction.atomic
def save_draft(*, application: Application, topics: Iterable[Topic]) -> Application:
    """Save the applicant's draft (or changes before the deadline); nothing is sent. An
    account that knows only its e-mail takes the name written in the draft."""
    _require_open(application.program)
    application.updated_at = timezone.now()
    application.save(update_fields=APPLICANT_COLUMNS)
    application.topics.set(topics)
    _name_the_account(application)
    if application.status == Application.Status.DRAFT:
        ensure_draft_reminder(program=application.program)
    return application


def _name_the_account(application: Application) -> None:
    # An account made at sign-in knows only the e-mail; the name now greets the person.
    if not application.applicant.full_name and application.full_name:
        User.objects.filter(pk=application.applicant_id, full_name="").update(
            full_name=application.full_name
        )
        application.applicant.full_name = application.full_name


def manager_token(application: Application) -> str:
    return signing.dumps(
        {"a": str(application.public_id), "n": str(application.manager_token_nonce)},
        salt=MANAGER_LINK_SALT,
        compress=True,
    )


def _manager_request() -> dict:
    return {
        "manager_token_nonce": uuid.uuid4(),
        "manager_answer": Application.ManagerAnswer.PENDING,
        "manager_asked_at": timezone.now(),
        "manager_answered_at": None,
    }


def _queue_manager_request(application: Application) -> None:
    emails.queue(
        kind=EmailKind.MANAGER_REQUEST, application=application, audience=emails.Audience.MANAGER
    )


def _ask_manager(application: Application) -> None:
    request = _manager_request()
    for name, value in request.items():
        setattr(application, name, value)
    application.save(update_fields=list(request))
    _queue_manager_request(application)


def manager_link(application: Application) -> str:
    """The signed link in the manager's e-mail (valid until a newer request replaces it)."""
    return settings.SITE_URL + reverse(
        "applications:manager", kwargs={"token": manager_token(application)}
    )


def _announce_submission(application: Application) -> None:
    emails.queue(
        kind=EmailKind.RECEIPT, application=application, audience=emails.Audience.APPLICANT
    )
    emails.queue(
        kind=EmailKind.HR_NEW_APPLICATION, application=application, audience=emails.Audience.HR
    )


# What the applicant edits; saving only these columns keeps a concurrent request's status intact.
APPLICANT_COLUMNS = [name for name in APPLICANT_FIELDS if name != "topics"] + ["updated_at"]
# The same columns as the database names them, for one conditional UPDATE.
APPLICANT_ATTNAMES = [
    "organisation_id" if name == "organisation" else name for name in APPLICANT_COLUMNS
]


@transaction.atomic
def submit(
    *, application: Application, topics: Iterable[Topic], submission_token: uuid.UUID | None = None
) -> Application:
    """Send the application (or save changes to a sent one); receipt, HR notice, manager link.

    A repeated ``submission_token`` (double click, retried POST) changes and sends nothing.
    """
    _require_open(application.program)
    _require_eligible(application)
    now = timezone.now()
    application.updated_at = now
    columns = {name: getattr(application, name) for name in APPLICANT_ATTNAMES}
    rows = Application.objects.filter(pk=application.pk)
    unclaimed = rows
    if submission_token is not None:
        columns["submission_token"] = submission_token
        unclaimed = rows.exclude(submission_token=submission_token)
    required = application.program.manager_confirmation_required
    asked = _manager_request() if required else {}
    # The draft -> submitted step happens once, whichever of two concurrent sends gets here:
    # one conditional UPDATE claims the token, sends the draft and writes the answers.
    first_time = (
        unclaimed.filter(status=Application.Status.DRAFT).update(
            status=Application.Status.SUBMITTED, submitted_at=now, **columns, **asked
        )
        == 1
    )
    if first_time:
        application.status = Application.Status.SUBMITTED
        application.submitted_at = now
        application.topics.set(topics)
        _name_the_account(application)
        audit.record(
            actor=application.applicant,
            action=audit.Action.APPLICATION_SUBMITTED,
            program=application.program,
            target=application,
            after=_snapshot(application),
        )
        _announce_submission(application)
        if required:
            for name, value in asked.items():
                setattr(application, name, value)
            _queue_manager_request(application)
        return application
    status, previous_manager, token, submitted_at = rows.values_list(
        "status", "manager_email", "submission_token", "submitted_at"
    ).get()
    if submission_token is not None and token == submission_token:
        application.refresh_from_db()
        return application
    if status not in (Application.Status.DRAFT, Application.Status.SUBMITTED):
        raise ApplicationError(_("HR has decided on the application; it can no longer change."))
    # Changes to a sent application: the same token claim, the status stays as it is.
    if not unclaimed.filter(status=Application.Status.SUBMITTED).update(**columns):
        application.refresh_from_db()
        return application
    application.status = Application.Status.SUBMITTED
    application.submitted_at = submitted_at
    application.topics.set(topics)
    if (
        required
        and previous_manager.lower() != application.manager_email.lower()
        and application.manager_answer != Application.ManagerAnswer.CONFIRMED
    ):
        _ask_manager(application)
    return application


@transaction.atomic
def withdraw(*, application: Application, withdrawn_by: User) -> Application:
    """Withdraw the application; a nominated one frees its place and HR is told by e-mail."""
    before = application.status
    changed = (
        Application.objects.filter(pk=application.pk)
        .exclude(status=Application.Status.WITHDRAWN)
        .update(
            status=Application.Status.WITHDRAWN,
            withdrawn_at=timezone.now(),
            withdrawn_from_status=before,
        )
    )
    if not changed:
        raise ApplicationError(_("The application is already withdrawn."))
    application.refresh_from_db()
    if before == Application.Status.NOMINATED:
        _free_place(application)
        emails.queue(kind=EmailKind.WITHDRAWN, application=application, audience=emails.Audience.HR)
    audit.record(
        actor=withdrawn_by,
        action=audit.Action.APPLICATION_WITHDRAWN,
        program=application.program,
        target=application,
        before={"status": before},
        after={"status": application.status},
    )
    return application


# ---- the manager ---------------------------------------------------------------------


class ManagerLinkProblem(ApplicationError):
    def __init__(self, message: str, *, reason: str):
        super().__init__(message)
        self.reason = reason


def application_for_manager_token(token: str) -> Application:
    """The application a manager's link names; ManagerLinkProblem if expired, replaced or forged."""
    try:
        data = signing.loads(token, salt=MANAGER_LINK_SALT, max_age=MANAGER_LINK_MAX_AGE)
    except signing.SignatureExpired:
        raise ManagerLinkProblem(
            _("The link has expired: it worked for 14 days."), reason="expired"
        ) from None
    except signing.BadSignature:
        raise ManagerLinkProblem(_("The link is not valid."), reason="invalid") from None
    if not isinstance(data, dict):
        raise ManagerLinkProblem(_("The link is not valid."), reason="invalid")
    application = (
        Application.objects.select_related("program", "organisation", "applicant")
        .filter(public_id=str(data.get("a", "")))
        .first()
    )
    if application is None or str(application.manager_token_nonce) != data.get("n"):
        raise ManagerLinkProblem(
            _("The link has been replaced by a newer one, or the application is gone."),
            reason="replaced",
        )
    return application


@transaction.atomic
def answer_as_manager(
    *, application: Application, confirmed: bool, answered_by: User | None = None
) -> Application:
    """Record the manager's answer (once), when and from which signed-in account; e-mail both.

    ``answered_by`` is whoever was signed in on the answering browser (None: nobody).
    """
    answer = (
        Application.ManagerAnswer.CONFIRMED if confirmed else Application.ManagerAnswer.DECLINED
    )
    changed = Application.objects.filter(
        pk=application.pk, manager_answer=Application.ManagerAnswer.PENDING
    ).update(
        manager_answer=answer,
        manager_answered_at=timezone.now(),
        manager_answered_by=answered_by,
    )
    if not changed:
        raise ManagerLinkProblem(_("The link has already been used."), reason="used")
    application.refresh_from_db()
    audit.record(
        actor="manager",
        action=audit.Action.APPLICATION_MANAGER_ANSWERED,
        program=application.program,
        target=application,
        before={"manager_answer": Application.ManagerAnswer.PENDING},
        after={"manager_answer": answer},
    )
    emails.queue(
        kind=EmailKind.MANAGER_ANSWERED,
        application=application,
        audience=emails.Audience.APPLICANT,
    )
    emails.queue(
        kind=EmailKind.MANAGER_ANSWERED, application=application, audience=emails.Audience.HR
    )
    return application


# ---- local HR ------------------------------------------------------------------------


def _take_place(application: Application) -> None:
    # One conditional UPDATE: the database refuses the place when none is left, even when
    # two HR officers decide at the same moment.
    taken = Participation.objects.filter(
        program_id=application.program_id,
        organisation=application.organisation,
        nominated__lt=F("places"),
    ).update(nominated=F("nominated") + 1)
    if not taken:
        raise PlacesExhausted(
            _("%(organisation)s has no places left in %(program)s. Nothing was changed.")
            % {"organisation": application.organisation, "program": application.program}
        )


def _free_place(application: Application) -> None:
    Participation.objects.filter(
        program_id=application.program_id,
        organisation=application.organisation,
        nominated__gt=0,
    ).update(nominated=F("nominated") - 1)


def _decide_one(
    application: Application, decision: str, reason: str, decided_by: User, notify: bool
) -> bool:
    if decision not in DECISIONS:
        raise ApplicationError(_("Unknown decision."))
    if application.program.status not in NOMINATION_STATUSES:
        raise ApplicationError(_("The nomination step of this program is closed."))
    before = application.status
    if before == decision:
        return False
    if before not in DECIDABLE:
        raise ApplicationError(
            _("The application of %(name)s cannot be decided: it is %(status)s.")
            % {"name": application.full_name, "status": application.get_status_display()}
        )
    now = timezone.now()
    nominated_at = now if decision == Application.Status.NOMINATED else None
    changed = Application.objects.filter(pk=application.pk, status=before).update(
        status=decision,
        decided_by=decided_by,
        decided_at=now,
        decision_reason=reason,
        nominated_at=nominated_at,
    )
    if not changed:
        raise ApplicationError(
            _("The application of %(name)s has changed meanwhile; reload the page.")
            % {"name": application.full_name}
        )
    if before == Application.Status.NOMINATED:
        _free_place(application)
    if decision == Application.Status.NOMINATED:
        _take_place(application)
    application.status, application.decision_reason = decision, reason
    application.decided_by, application.decided_at = decided_by, now
    application.nominated_at = nominated_at
    audit.record(
        actor=decided_by,
        action=audit.Action.APPLICATION_DECIDED,
        program=application.program,
        target=application,
        summary=reason,
        before={"status": before},
        after={"status": decision, "reason": reason},
    )
    if notify:
        emails.queue(kind=decision, application=application, audience=emails.Audience.APPLICANT)
    return True


@transaction.atomic
def decide(
    *, application: Application, decision: str, reason: str = "", decided_by: User
) -> Application:
    """Nominate, waitlist or decline one application within the places; the applicant is told."""
    _decide_one(application, decision, reason, decided_by, notify=True)
    return application


def places_problems(*, applications: list[Application], decision: str) -> list[str]:
    """Why nominating ``applications`` would exceed an organisation's places left, if it would."""
    if decision != Application.Status.NOMINATED:
        return []
    wanted: dict[int, int] = {}
    for application in applications:
        if application.status != Application.Status.NOMINATED and application.organisation_id:
            wanted[application.organisation_id] = wanted.get(application.organisation_id, 0) + 1
    if not wanted:
        return []
    participations = Participation.objects.filter(
        program_id=applications[0].program_id, organisation_id__in=wanted
    ).select_related("organisation")
    return [
        ngettext(
            "%(organisation)s has %(count)s place left, you chose %(chosen)s",
            "%(organisation)s has %(count)s places left, you chose %(chosen)s",
            p.places_left,
        )
        % {
            "organisation": p.organisation.name,
            "count": p.places_left,
            "chosen": wanted[p.organisation_id],
        }
        for p in participations
        if wanted[p.organisation_id] > p.places_left
    ]


def nomination_is_open(program: Program) -> bool:
    """Whether local HR may still decide on the program's applications."""
    return program.status in NOMINATION_STATUSES


@transaction.atomic
def decide_many(
    *, applications: list[Application], decision: str, reason: str = "", decided_by: User
) -> int:
    """Decide several applications at once, all or nothing; each applicant is told."""
    problems = places_problems(applications=applications, decision=decision)
    if problems:
        raise PlacesExhausted(" ".join(problems))
    return sum(
        _decide_one(application, decision, reason, decided_by, notify=True)
        for application in applications
    )


@transaction.atomic
def register_late(
    *, application: Application, topics: Iterable[Topic], reason: str, registered_by: User
) -> Application:
    """HR registers a late applicant by hand, with a reason; receipt and manager link are sent."""
    _require_eligible(application)
    applicant, _created = User.objects.get_or_create(
        email=User.objects.normalize_email(application.email),
        defaults={"full_name": application.full_name},
    )
    if Application.objects.filter(program=application.program, applicant=applicant).exists():
        raise ApplicationError(_("This person already has an application to the program."))
    now = timezone.now()
    application.applicant = applicant
    application.status = Application.Status.SUBMITTED
    application.submitted_at = application.updated_at = now
    application.late_registration_reason = reason
    application.registered_by = registered_by
    application.discussed_with_manager = False
    application.save()
    application.topics.set(topics)
    audit.record(
        actor=registered_by,
        action=audit.Action.APPLICATION_LATE_REGISTERED,
        program=application.program,
        target=application,
        summary=reason,
        after={**_snapshot(application), "email": application.email, "reason": reason},
    )
    _announce_submission(application)
    if application.program.manager_confirmation_required and application.manager_email:
        _ask_manager(application)
    return application


@transaction.atomic
def record_export(
    *, program: Program, exported_by: User, what: str, file_format: str, filters: dict, rows: int
) -> None:
    """Audit an export of applications (who, which list, which filters, how many rows)."""
    audit.record(
        actor=exported_by,
        action=audit.Action.APPLICATIONS_EXPORTED,
        program=program,
        target=program,
        summary=f"{what} {file_format}",
        after={"list": what, "format": file_format, "rows": rows, **filters},
    )


# ---- the coordinator -----------------------------------------------------------------


@transaction.atomic
def close_nominations(*, program: Program, closed_by: User) -> Program:
    """End the nomination step: the program moves from nominating to matching (audited)."""
    if program.status != Program.Status.NOMINATING:
        raise ApplicationError(_("Only a program in the nominating step can close it."))
    return program_services.set_status(
        program=program, status=Program.Status.MATCHING, changed_by=closed_by
    )


@transaction.atomic
def save_email_template(*, template: EmailTemplate, saved_by: User) -> EmailTemplate:
    """Save the coordinator's own wording of one e-mail (audited); later e-mails use it."""
    template.updated_at = timezone.now()
    template.save()
    template.program.__dict__.pop("_email_overrides", None)
    audit.record(
        actor=saved_by,
        action=audit.Action.EMAIL_TEMPLATE_SAVED,
        program=template.program,
        target=template,
        after={"kind": template.kind, "language": template.language, "subject": template.subject},
    )
    return template


@transaction.atomic
def reset_email_template(*, program: Program, kind: str, language: str, reset_by: User) -> None:
    """Remove the coordinator's wording so the standard text is used again (audited)."""
    deleted, _rows = EmailTemplate.objects.filter(
        program=program, kind=kind, language=language
    ).delete()
    program.__dict__.pop("_email_overrides", None)
    if deleted:
        audit.record(
            actor=reset_by,
            action=audit.Action.EMAIL_TEMPLATE_RESET,
            program=program,
            target=program,
            before={"kind": kind, "language": language},
        )


# ---- deadline: postponement notices and draft reminders --------------------------------


def notify_deadline_change(*, program: Program, change: DeadlineChange) -> None:
    """Queue the notice of a moved deadline (rendered when sent) and the new draft reminder."""
    from revmentor.applications.tasks import send_deadline_notices

    send_deadline_notices.enqueue(change_id=change.pk)
    if change.new_deadline > timezone.now():
        ensure_draft_reminder(program=program)


def deadline_notice_recipients(*, program: Program) -> list[tuple[str, str, str, str]]:
    """(address, name, language, audience) of everyone a moved deadline concerns, once each."""
    seen: set[str] = set()
    found: list[tuple[str, str, str, str]] = []

    def add(address: str, name: str, language: str, audience: str) -> None:
        if address and address.lower() not in seen:
            seen.add(address.lower())
            found.append((address, name, language, audience))

    applications = (
        Application.objects.filter(program=program)
        .exclude(status=Application.Status.WITHDRAWN)
        .select_related("applicant")
        .order_by("pk")
    )
    for application in applications:
        audience = "draft" if application.status == Application.Status.DRAFT else "sent"
        add(
            application.email or application.applicant.email,
            application.full_name or application.applicant.get_full_name(),
            application.language,
            audience,
        )
    for participation in program.participations.select_related("organisation"):
        for address in emails.hr_addresses(program, participation.organisation):
            add(address, "", "sv", "hr")
    return found


def _in(language: str, function, *args):
    with translation.override(language):
        return function(*args)


def send_deadline_notices(*, change: DeadlineChange) -> int:
    """E-mail the moved deadline, worded by its direction, to drafts, sent applications and HR."""
    from django.core.mail import EmailMessage

    program = change.program
    later = change.new_deadline > change.old_deadline
    sent = 0
    for address, name, language, audience in deadline_notice_recipients(program=program):
        values = {
            "name": name,
            "program": in_language(program, "title", language),
            "deadline": _in(language, emails.local_time, change.new_deadline),
            "old_deadline": _in(language, emails.local_time, change.old_deadline),
            "reason": in_language(change, "reason", language),
            "status_link": settings.SITE_URL
            + reverse("applications:status", kwargs={"slug": program.slug}),
            "hr_link": settings.SITE_URL
            + reverse("applications:hr_list", kwargs={"slug": program.slug}),
        }
        if later and audience == "draft":
            subject, body = emails.render(
                kind=EmailKind.DEADLINE_POSTPONED, program=program, language=language, values=values
            )
        else:
            subject, body = emails.render_file(
                "applications/email/deadline_changed",
                language=language,
                context={**values, "later": later, "audience": audience},
            )
        EmailMessage(
            subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[address]
        ).send()
        sent += 1
    return sent


def ensure_draft_reminder(*, program: Program) -> None:
    """Queue the draft reminder for the current deadline once (the task re-checks it on running)."""
    deadline = program.application_deadline
    _reminder, created = DraftReminder.objects.get_or_create(program=program, deadline=deadline)
    if created:
        from revmentor.applications.tasks import remind_drafts

        run_after = max(deadline - REMINDER_BEFORE_DEADLINE, timezone.now())
        remind_drafts.using(run_after=run_after).enqueue(
            program_id=program.pk, deadline=deadline.isoformat()
        )


@transaction.atomic
def send_draft_reminders(*, program: Program, deadline: datetime | None = None) -> int:
    """Remind each unsent draft once per deadline; a task for a moved deadline does nothing."""
    program.refresh_from_db()
    if deadline is not None and deadline != program.application_deadline:
        return 0
    if not program.accepts_applications:
        return 0
    if timezone.now() < program.application_deadline - REMINDER_BEFORE_DEADLINE:
        return 0
    drafts = list(
        Application.objects.filter(program=program, status=Application.Status.DRAFT)
        .exclude(reminded_for_deadline=program.application_deadline)
        .select_related("program", "applicant", "organisation")
    )
    for application in drafts:
        emails.queue(
            kind=EmailKind.DRAFT_REMINDER,
            application=application,
            audience=emails.Audience.DRAFT,
        )
    Application.objects.filter(pk__in=[a.pk for a in drafts]).update(
        reminded_for_deadline=program.application_deadline
    )
    return len(drafts)


# ---- import from a file -----------------------------------------------------------------


@transaction.atomic
def import_applications(*, program: Program, rows: list[dict], imported_by: User) -> int:
    """Save checked rows as sent applications, all or nothing; no e-mail is sent (audited)."""
    emails_in_file = [values["email"] for values in rows]
    taken = Application.objects.filter(program=program).filter(
        Q(applicant__email__in=emails_in_file) | Q(email__in=emails_in_file)
    )
    if taken.exists() or len(set(emails_in_file)) != len(emails_in_file):
        raise ApplicationError(
            _("Someone in the file applied meanwhile; check the file again. Nothing was saved.")
        )
    now = timezone.now()
    for values in rows:
        applicant, _created = User.objects.get_or_create(
            email=User.objects.normalize_email(values["email"]),
            defaults={"full_name": values["full_name"]},
        )
        Application.objects.create(
            program=program,
            applicant=applicant,
            status=Application.Status.SUBMITTED,
            full_name=values["full_name"],
            email=values["email"],
            phone=values["phone"],
            organisation=values["organisation"],
            unit=values["unit"],
            job_title=values["job_title"],
            birth_year=values["birth_year"],
            employment_type="permanent",
            profile_kind=values["profile_kind"],
            manager_name=values["manager_name"],
            manager_email=values["manager_email"],
            city=values["city"],
            topics_text=values["topics_text"],
            submitted_at=now,
            updated_at=now,
            registered_by=imported_by,
        )
    audit.record(
        actor=imported_by,
        action=audit.Action.APPLICATIONS_IMPORTED,
        program=program,
        target=program,
        summary=str(len(rows)),
        after={"rows": len(rows)},
    )
    return len(rows)
