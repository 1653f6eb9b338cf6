"""Privacy actions: settings, register extracts, erasure decisions, retention, accessibility reports."""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from revmentor.core import audit, mail
from revmentor.core.models import User
from revmentor.privacy import queries, registry
from revmentor.privacy.models import AccessibilityReport, ErasureRequest, ProgramPrivacy
from revmentor.programs.models import Program

logger = logging.getLogger("revmentor.privacy")
AUDITED_SETTINGS = [
    "controller",
    "controller_contact",
    "dpo_name",
    "dpo_email",
    "dpo_phone",
    "not_nominated_months",
    "personal_data_months",
]
RETENTION_ACTOR = "retention job"
OPERATOR_ACTOR = "operator (manage.py erase)"


def _settings_snapshot(settings_row: ProgramPrivacy) -> dict:
    return {name: getattr(settings_row, name) for name in AUDITED_SETTINGS}


@transaction.atomic
def save_privacy_settings(
    *, privacy: ProgramPrivacy, before: dict, changed_by: User
) -> ProgramPrivacy:
    """Save the program's privacy notice facts and retention periods, auditing what changed."""
    privacy.updated_at = timezone.now()
    privacy.save()
    after = _settings_snapshot(privacy)
    changed = {k: v for k, v in after.items() if before.get(k) != v}
    if changed:
        audit.record(
            actor=changed_by,
            action=audit.Action.PRIVACY_SETTINGS_CHANGED,
            program=privacy.program,
            target=privacy,
            before={k: before.get(k) for k in changed},
            after=changed,
        )
    return privacy


@transaction.atomic
def produce_extract(*, person: User, requested_by: User, program: Program | None = None) -> dict:
    """Build the register extract of ``person`` (of ``program`` only, if given) and audit it.

    A program's extract is audited in that program; the operator's full extract in every
    program whose data it contains, so each program's owners see it.
    """
    extract = queries.extract_of(person, program)
    summary = "own extract" if person.pk == requested_by.pk else f"extract for user #{person.pk}"
    programs = [program]
    if program is None and person.pk != requested_by.pk:
        programs = list(Program.objects.filter(pk__in=queries.programs_of(person)).order_by("pk"))
    for each in programs or [None]:
        audit.record(
            actor=requested_by,
            action=audit.Action.PRIVACY_EXTRACT_PRODUCED,
            program=each,
            target=person,
            summary=summary,
        )
    return extract


@transaction.atomic
def request_erasure(*, person: User, program: Program, reason: str) -> ErasureRequest:
    """File the person's erasure request for the program and tell its coordinators by e-mail."""
    erasure = ErasureRequest.objects.create(
        program=program, person=person, person_label=person.email, reason=reason
    )
    audit.record(
        actor=person,
        action=audit.Action.PRIVACY_ERASURE_REQUESTED,
        program=program,
        target=erasure,
        after={"status": erasure.status},
    )
    mail.queue("privacy.erasure_requested", erasure_id=erasure.pk)
    return erasure


@transaction.atomic
def decide_erasure(
    *, erasure: ErasureRequest, approve: bool, reason: str, decided_by: User | None
) -> dict[str, int]:
    """Approve (anonymising the person's data in the program) or refuse an erasure request."""
    erasure = ErasureRequest.objects.select_for_update().get(pk=erasure.pk)
    if erasure.status != ErasureRequest.Status.PENDING:
        raise ValueError("the erasure request has already been decided")
    before = {"status": erasure.status}
    erasure.status = ErasureRequest.Status.APPROVED if approve else ErasureRequest.Status.REFUSED
    erasure.decided_by = decided_by
    erasure.decided_at = timezone.now()
    erasure.decision_reason = reason
    erasure.save()
    counts: dict[str, int] = {}
    person = erasure.person
    if approve and person is not None:
        counts = erase_person(person=person, program=erasure.program)
    audit.record(
        actor=decided_by or OPERATOR_ACTOR,
        action=audit.Action.PRIVACY_ERASURE_APPROVED
        if approve
        else audit.Action.PRIVACY_ERASURE_REFUSED,
        program=erasure.program,
        target=erasure,
        summary=reason,
        before=before,
        after={"status": erasure.status, **{f"anonymised {k}": v for k, v in counts.items()}},
    )
    return counts


def erase_person(*, person: User, program: Program) -> dict[str, int]:
    """Anonymise the person's data in the program through every provider; the applications
    (which the others find the person by) and then the account last."""
    last = {"applications": 1, "account": 2}
    ordered = sorted(registry.providers(), key=lambda p: last.get(p.label, 0))
    return {p.label: p.erase(user=person, program=program) for p in ordered}


@transaction.atomic
def erase_by_operator(
    *, person: User, program: Program, reason: str, dry_run: bool = False
) -> dict[str, int]:
    """The operator's erasure from the command line: the coordinator's decision, audited;
    with ``dry_run`` everything is done and rolled back, to report the counts."""
    erasure = ErasureRequest.objects.create(
        program=program, person=person, person_label=f"user #{person.pk}", reason=reason
    )
    counts = decide_erasure(erasure=erasure, approve=True, reason=reason, decided_by=None)
    if dry_run:
        transaction.set_rollback(True)
    return counts


@transaction.atomic
def apply_retention(*, program: Program, now: datetime, actor=RETENTION_ACTOR) -> dict[str, int]:
    """Anonymise what the program's retention periods make due; audit the counts per kind."""
    done: dict[str, int] = {}
    for due in queries.retention_plan(program, now):
        done[f"{due.provider}.{due.kind}"] = registry.provider(due.provider).anonymise(due)
    if done:
        audit.record(
            actor=actor,
            action=audit.Action.PRIVACY_RETENTION_APPLIED,
            program=program,
            target=program,
            summary=f"retention at {now:%Y-%m-%d}",
            after=done,
        )
    return done


def run_retention(*, now: datetime | None = None) -> dict[str, dict[str, int]]:
    """Apply retention to every program (one transaction each); what was anonymised, by slug."""
    now = now or timezone.now()
    results = {}
    for program in Program.objects.order_by("pk"):
        done = apply_retention(program=program, now=now)
        if done:
            results[program.slug] = done
            logger.info("retention %s: %s", program.slug, done)
    purged = purge_mail(now=now)
    if purged:
        logger.info("retention: %s finished mail tasks and reports deleted", purged)
    return results


@transaction.atomic
def purge_mail(*, now: datetime) -> int:
    """Delete mail tasks finished or failed longer ago than the setting, and sent reports."""
    deleted = mail.purge_finished(now=now)
    cutoff = now - timedelta(days=mail.mail_task_days())
    reports, _rows = AccessibilityReport.objects.filter(created_at__lt=cutoff).delete()
    return deleted + reports


@transaction.atomic
def report_accessibility_problem(
    *, program: Program | None, page: str, description: str, name: str, email: str
) -> None:
    """E-mail an accessibility problem to the program's contact persons, or the site contact."""
    report = AccessibilityReport.objects.create(
        program=program,
        page=page,
        description=description,
        name=name,
        email=email,
        language=translation.get_language() or "sv",
    )
    mail.queue("privacy.accessibility_report", report_id=report.pk)


def site_contact_email() -> str:
    import os

    return getattr(settings, "REVMENTOR_CONTACT_EMAIL", "") or os.environ.get(
        "REVMENTOR_CONTACT_EMAIL", "tillganglighet@revmentor.invalid"
    )
