"""Which programs and meetings each kind of visitor may see."""

from django.db.models import Count, Prefetch, QuerySet

from revmentor.programs.models import DeadlineChange, JointMeeting, Program


def public_programs() -> QuerySet[Program]:
    """Programs anyone may read about: every program that has left the draft stage."""
    return Program.objects.exclude(status=Program.Status.DRAFT)


def open_programs() -> QuerySet[Program]:
    return Program.objects.filter(status=Program.Status.OPEN).order_by("application_deadline")


def program_page_queryset() -> QuerySet[Program]:
    """A program with everything its public page shows, in a fixed number of queries."""
    return public_programs().prefetch_related(
        "profiles",
        "topics",
        "contact_persons",
        Prefetch("participations", queryset=_participations()),
        Prefetch("joint_meetings", queryset=JointMeeting.objects.order_by("starts_at")),
        Prefetch("deadline_changes", queryset=DeadlineChange.objects.order_by("changed_at")),
    )


def _participations():
    from revmentor.programs.models import Participation

    return Participation.objects.select_related("organisation")


def deadline_audience(program: Program) -> dict[str, int]:
    """How many a deadline notice reaches: drafts, sent applications, organisations' HR."""
    counts = dict(
        program.applications.exclude(status="withdrawn")  # type: ignore[attr-defined]
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return {
        "drafts": counts.pop("draft", 0),
        "sent": sum(counts.values()),
        "organisations": program.participations.count(),
    }
