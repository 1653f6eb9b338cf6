"""Where a program stands, the coordinator's next step and what blocks it (read only)."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from revmentor.programs.models import Program


@dataclass
class Phase:
    status: str
    next_step: str
    blockers: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    link: tuple[str, str] | None = None  # (url, label) of the page where the next step is taken


def _count(queryset, **filters) -> int:
    return queryset.filter(**filters).count()


def _draft(program: Program, phase: Phase) -> None:
    phase.next_step = _("Open the program for applications.")
    missing = [
        str(Program._meta.get_field(name).verbose_name)
        for name in ("description", "purpose")
        if not getattr(program, name)
    ]
    if missing:
        phase.blockers.append(_("Texts missing: %(fields)s.") % {"fields": ", ".join(missing)})
    if program.profiles.filter(eligibility="").exists():
        phase.blockers.append(_("A profile has no eligibility text yet."))
    participations = program.participations.all()
    if not participations.exists():
        phase.blockers.append(_("No organisation takes part yet."))
    elif participations.filter(places=0).exists():
        count = participations.filter(places=0).count()
        phase.blockers.append(
            ngettext(
                "%(count)s organisation has no places.",
                "%(count)s organisations have no places.",
                count,
            )
            % {"count": count}
        )
    if program.application_deadline <= timezone.now():
        phase.blockers.append(_("The application deadline has already passed."))
    phase.link = (reverse("programs:edit", kwargs={"slug": program.slug}), _("Texts and settings"))


def _open(program: Program, phase: Phase) -> None:
    applications = program.applications.all()  # type: ignore[attr-defined]
    sent = applications.exclude(status__in=["draft", "withdrawn"]).count()
    drafts = _count(applications, status="draft")
    deadline = date_format(timezone.localtime(program.application_deadline), "j F Y H:i")
    phase.next_step = _(
        "After the deadline (%(deadline)s), move the program to the nomination step."
    ) % {"deadline": deadline}
    if program.application_deadline > timezone.now():
        phase.blockers.append(
            _("Applications are still open until %(deadline)s.") % {"deadline": deadline}
        )
    phase.facts.append(
        ngettext(
            "%(count)s application sent so far, ",
            "%(count)s applications sent so far, ",
            sent,
        )
        % {"count": sent}
        + ngettext("%(count)s unsent draft.", "%(count)s unsent drafts.", drafts)
        % {"count": drafts}
    )


def _nominating(program: Program, phase: Phase) -> None:
    phase.next_step = _("Close the nomination step when every organisation has nominated.")
    waiting = program.participations.filter(places__gt=0, nominated=0).count()
    if waiting:
        phase.blockers.append(
            ngettext(
                "%(count)s organisation has not nominated yet.",
                "%(count)s organisations have not nominated yet.",
                waiting,
            )
            % {"count": waiting}
        )
    undecided = _count(program.applications.all(), status="submitted")  # type: ignore[attr-defined]
    if undecided:
        phase.blockers.append(
            ngettext(
                "%(count)s application has no decision yet.",
                "%(count)s applications have no decision yet.",
                undecided,
            )
            % {"count": undecided}
        )
    phase.link = (
        reverse("applications:nominations", kwargs={"slug": program.slug}),
        _("Nominations"),
    )


def _matching(program: Program, phase: Phase) -> None:
    phase.next_step = _("Run the matching, check the proposal and publish the pairs.")
    nominated = program.applications.filter(status="nominated")  # type: ignore[attr-defined]
    for kind, label in (("mentor", _("mentors")), ("adept", _("adepts"))):
        if not nominated.filter(profile_kind=kind).exists():
            phase.blockers.append(_("No nominated %(side)s yet.") % {"side": label})
    phase.link = (reverse("matching:workspace", kwargs={"slug": program.slug}), _("Matching"))


def _running(program: Program, phase: Phase) -> None:
    end = date_format(program.period_end, "j F Y")
    phase.next_step = _("Close the program after its last day (%(end)s).") % {"end": end}
    pairs = program.mentorships.filter(status="active")  # type: ignore[attr-defined]
    quiet = pairs.filter(meeting_logs=None).count()
    if quiet:
        phase.blockers.append(
            ngettext(
                "%(count)s pair has not logged a meeting yet.",
                "%(count)s pairs have not logged a meeting yet.",
                quiet,
            )
            % {"count": quiet}
        )
    if timezone.localdate() <= program.period_end:
        phase.blockers.append(_("The program period runs until %(end)s.") % {"end": end})
    phase.link = (
        reverse("mentorships:activity", kwargs={"slug": program.slug}),
        _("Pairs and activity"),
    )


def _closed(program: Program, phase: Phase) -> None:
    phase.next_step = _("Start next year's program as a copy.")


STEPS = {
    Program.Status.DRAFT.value: _draft,
    Program.Status.OPEN.value: _open,
    Program.Status.NOMINATING.value: _nominating,
    Program.Status.MATCHING.value: _matching,
    Program.Status.RUNNING.value: _running,
    Program.Status.CLOSED.value: _closed,
}


def program_phase(program: Program) -> Phase:
    """The program's stage, the next step and what still blocks it, in the reader's language."""
    phase = Phase(status=str(program.get_status_display()), next_step="")
    STEPS[program.status](program, phase)
    return phase
