"""What the reports count, and for whom: costs, the funnel, ages, who completed.

Definitions used throughout:
- *charged*: as the program's billing rule says (``charged_applications``);
- *matched*: the person is in a mentorship of the program; *active*: in an active one;
- *completed*: in a mentorship that ended on or after the program's last day, or still
  active when the program was closed. Certificates go to those who completed.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from revmentor.applications.models import Application
from revmentor.core import permissions
from revmentor.programs.models import BillingRule, CostRounding, Organisation, Profile, Program
from revmentor.reports.models import CostSettings, TravelCost

AGE_BANDS = [(0, 24), (25, 29), (30, 34), (35, 44), (45, 54), (55, 64), (65, 200)]


def organisations_visible_to(user, program: Program) -> QuerySet[Organisation]:
    """Coordinator: every organisation of the program; HR: its own; others: none."""
    base = Organisation.objects.filter(participations__program=program).order_by("name")
    roles = permissions.roles_in(user, program)
    if roles.coordinator:
        return base
    if roles.hr_organisation_ids:
        return base.filter(pk__in=roles.hr_organisation_ids)
    return base.none()


def travel_costs_visible_to(user, program: Program) -> QuerySet[TravelCost]:
    organisations = organisations_visible_to(user, program)
    return (
        TravelCost.objects.filter(
            application__program=program, application__organisation__in=organisations
        )
        .select_related("application__organisation", "registered_by")
        .order_by("application__full_name", "registered_at", "id")
    )


def cost_settings(program: Program) -> CostSettings:
    return CostSettings.objects.filter(program=program).first() or CostSettings(program=program)


def _member_ids(program: Program, *, met: bool) -> set[int]:
    """Application ids in a pair or group of the program (``met``: with a held meeting)."""
    from revmentor.mentorships.models import MeetingLog, Mentorship

    pairs = Mentorship.objects.filter(program=program)
    if met:
        held = MeetingLog.Status.HELD
        pairs = pairs.filter(
            Q(meeting_logs__status=held) | Q(group__meeting_logs__status=held)
        ).distinct()
    ids: set[int] = set()
    for mentor_id, adept_id in pairs.values_list("mentor_id", "adept_id"):
        ids |= {mentor_id, adept_id}
    return ids


def charged_applications(program: Program) -> QuerySet[Application]:
    """The applications the program's billing rule charges the participant fee for.

    Nominated: nominated now, or nominated and withdrawn on or after the cut-off date.
    Matched: everyone ever placed in a pair or group. Met: everyone whose pair or group
    held at least one meeting.
    """
    rule = program.billing_rule
    if rule == BillingRule.MATCHED:
        return Application.objects.filter(program=program, pk__in=_member_ids(program, met=False))
    if rule == BillingRule.MET:
        return Application.objects.filter(program=program, pk__in=_member_ids(program, met=True))
    cutoff = cost_settings(program).cutoff_date
    charged = Q(status=Application.Status.NOMINATED)
    if cutoff is not None:
        start = timezone.make_aware(datetime.combine(cutoff, time.min))
        charged |= Q(
            status=Application.Status.WITHDRAWN,
            withdrawn_at__gte=start,
            withdrawn_from_status=Application.Status.NOMINATED,
        )
    return Application.objects.filter(charged, program=program)


def chargeable_people(user, program: Program) -> QuerySet[Application]:
    """Whom the user may register travel costs for: charged people of their organisations."""
    return (
        charged_applications(program)
        .filter(organisation__in=organisations_visible_to(user, program))
        .select_related("organisation")
        .order_by("full_name", "id")
    )


def round_money(amount: Decimal, program: Program) -> Decimal:
    """``amount`` rounded half up to whole kronor or to öre, as the program says."""
    step = Decimal("1") if program.cost_rounding == CostRounding.KRONA else Decimal("0.01")
    return amount.quantize(step, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class CostLine:
    """One charged person: fee and travel each rounded once; the total is their exact sum."""

    application: Application
    fee: Decimal
    travel: Decimal

    @property
    def total(self) -> Decimal:
        return self.fee + self.travel


@dataclass
class OrganisationCost:
    """One organisation's lines; every figure here is a plain sum of the lines."""

    organisation: Organisation
    zero: Decimal = Decimal("0")
    lines: list[CostLine] = field(default_factory=list)

    @property
    def participants(self) -> int:
        return len(self.lines)

    @property
    def fees(self) -> Decimal:
        return sum((line.fee for line in self.lines), self.zero)

    @property
    def travel(self) -> Decimal:
        return sum((line.travel for line in self.lines), self.zero)

    @property
    def total(self) -> Decimal:
        return sum((line.total for line in self.lines), self.zero)


@dataclass
class CostStatement:
    """The invoice basis of a program: the page, the XLSX files and the PDF all render this."""

    program: Program
    cutoff: date | None
    organisations: list[OrganisationCost]

    @property
    def rule(self) -> str:
        return str(BillingRule(self.program.billing_rule).label)

    @property
    def decimals(self) -> int:
        return 0 if self.program.cost_rounding == CostRounding.KRONA else 2

    @property
    def fee(self) -> Decimal:
        return round_money(self.program.cost_per_participant, self.program)

    @property
    def participants(self) -> int:
        return sum(cost.participants for cost in self.organisations)

    @property
    def fees(self) -> Decimal:
        return sum((cost.fees for cost in self.organisations), round_money(ZERO, self.program))

    @property
    def travel(self) -> Decimal:
        return sum((cost.travel for cost in self.organisations), round_money(ZERO, self.program))

    @property
    def total(self) -> Decimal:
        return sum((cost.total for cost in self.organisations), round_money(ZERO, self.program))


ZERO = Decimal("0")


def cost_statement(
    user, program: Program, organisation: Organisation | None = None
) -> CostStatement:
    """Per visible organisation: each charged person's fee and travel, rounded once (3 queries)."""
    organisations = list(organisations_visible_to(user, program))
    if organisation is not None:
        organisations = [o for o in organisations if o.pk == organisation.pk]
    return _statement(program, organisations)


def whole_cost_statement(program: Program) -> CostStatement:
    """The invoice basis of every organisation of the program, outside any request (the archive)."""
    organisations = Organisation.objects.filter(participations__program=program).order_by("name")
    return _statement(program, list(organisations))


def _statement(program: Program, organisations: list[Organisation]) -> CostStatement:
    people = (
        charged_applications(program)
        .filter(organisation__in=organisations)
        .annotate(travel_sum=Sum("travel_costs__amount"))
        .order_by("full_name", "id")
    )
    zero = round_money(ZERO, program)
    fee = round_money(program.cost_per_participant, program)
    by_org = {o.pk: OrganisationCost(o, zero) for o in organisations}
    for person in people:
        by_org[person.organisation_id].lines.append(
            CostLine(
                application=person,
                fee=fee,
                travel=round_money(person.travel_sum or ZERO, program),
            )
        )
    return CostStatement(
        program=program,
        cutoff=cost_settings(program).cutoff_date,
        organisations=list(by_org.values()),
    )


def costs(
    user, program: Program, organisation: Organisation | None = None
) -> list[OrganisationCost]:
    """The organisations of the cost statement."""
    return cost_statement(user, program, organisation).organisations


def organisation_or_404(user, program: Program, public_id) -> Organisation:
    """The organisation with ``public_id`` among those the user may see in ``program``, else 404."""
    found = organisations_visible_to(user, program).filter(public_id=public_id).first()
    if found is None:
        raise Http404
    return found


# ---- the dashboard --------------------------------------------------------------------

FUNNEL_STAGES = ["applications", "nominated", "matched", "active", "completed"]


def _mentorship_people(program: Program) -> tuple[set[int], set[int], set[int]]:
    """(matched, active, completed) application ids of the program."""
    from revmentor.mentorships.models import Mentorship

    matched: set[int] = set()
    active: set[int] = set()
    completed: set[int] = set()
    closed = program.status == Program.Status.CLOSED
    rows = Mentorship.objects.filter(program=program).values_list(
        "mentor_id", "adept_id", "status", "ended_at"
    )
    for mentor_id, adept_id, status, ended_at in rows:
        people = {mentor_id, adept_id}
        matched |= people
        if status == Mentorship.Status.ACTIVE:
            active |= people
            if closed:
                completed |= people
        elif ended_at is not None and timezone.localtime(ended_at).date() >= program.period_end:
            completed |= people
    return matched, active, completed


def completed_applications(program: Program) -> QuerySet[Application]:
    completed = _mentorship_people(program)[2]
    return (
        Application.objects.filter(program=program, pk__in=completed)
        .exclude(status=Application.Status.WITHDRAWN)
        .select_related("organisation", "program")
    )


@dataclass
class FunnelRow:
    organisation: str
    profile: str
    counts: dict[str, int]


def funnel(user, program: Program) -> list[FunnelRow]:
    """Per organisation and profile: sent applications, nominated, matched, active, completed."""
    organisations = organisations_visible_to(user, program)
    matched, active, completed = _mentorship_people(program)
    profiles = dict(Profile.Kind.choices)
    rows: dict[tuple[str, str], dict[str, int]] = defaultdict(
        lambda: dict.fromkeys(FUNNEL_STAGES, 0)
    )
    applications = (
        Application.objects.filter(program=program, organisation__in=organisations)
        .exclude(status=Application.Status.DRAFT)
        .values_list("pk", "organisation__name", "profile_kind", "status")
    )
    for pk, organisation, profile, status in applications:
        counts = rows[(organisation, profile)]
        counts["applications"] += 1
        counts["nominated"] += status == Application.Status.NOMINATED or pk in matched
        counts["matched"] += pk in matched
        counts["active"] += pk in active
        counts["completed"] += pk in completed
    return [
        FunnelRow(organisation=org, profile=str(profiles.get(profile, profile)), counts=counts)
        for (org, profile), counts in sorted(rows.items(), key=_mentor_first)
    ]


def _mentor_first(item) -> tuple:
    (organisation, profile), _counts = item
    return organisation or "", profile != "mentor", profile or ""


def funnel_totals(rows: list[FunnelRow]) -> dict[str, int]:
    return {stage: sum(r.counts[stage] for r in rows) for stage in FUNNEL_STAGES}


def age_band_label(low: int, high: int) -> str:
    if low == 0:
        return f"–{high}"
    if high >= 200:
        return f"{low}–"
    return f"{low}–{high}"


def age_distribution(user, program: Program) -> dict[str, list[tuple[str, int]]]:
    """Ages (by birth year, in the year the program starts) of nominated mentors and adepts."""
    matched = _mentorship_people(program)[0]
    years = (
        Application.objects.filter(
            program=program, organisation__in=organisations_visible_to(user, program)
        )
        .filter(Q(status=Application.Status.NOMINATED) | Q(pk__in=matched))
        .exclude(status=Application.Status.WITHDRAWN)
        .values_list("profile_kind", "birth_year")
    )
    counts = {kind: [0] * len(AGE_BANDS) for kind in ("mentor", "adept")}
    for kind, birth_year in years:
        if kind not in counts or birth_year is None:
            continue
        age = program.period_start.year - birth_year
        for index, (low, high) in enumerate(AGE_BANDS):
            if low <= age <= high:
                counts[kind][index] += 1
    labels = [age_band_label(low, high) for low, high in AGE_BANDS]
    return {kind: list(zip(labels, values, strict=True)) for kind, values in counts.items()}


def held_hours_per_person(program: Program) -> dict[int, Decimal]:
    """Held meeting hours per application: a pair's meeting counts for both partners, a
    group's meeting for every member of the group (each once, however many pairs)."""
    from revmentor.mentorships.models import MeetingLog, Mentorship

    rows = (
        Mentorship.objects.filter(program=program)
        .annotate(
            held=Sum("meeting_logs__hours", filter=Q(meeting_logs__status=MeetingLog.Status.HELD))
        )
        .values_list("mentor_id", "adept_id", "held", "group_id")
    )
    group_hours = dict(
        MeetingLog.objects.filter(group__program=program, status=MeetingLog.Status.HELD)
        .values("group_id")
        .annotate(held=Sum("hours"))
        .values_list("group_id", "held")
    )
    hours: dict[int, Decimal] = defaultdict(lambda: Decimal("0"))
    groups_of: dict[int, set[int]] = defaultdict(set)
    for mentor_id, adept_id, held, group_id in rows:
        for person in (mentor_id, adept_id):
            hours[person] += held or Decimal("0")
            if group_id is not None:
                groups_of[person].add(group_id)
    for person, groups in groups_of.items():
        for group_id in groups:
            hours[person] += group_hours.get(group_id) or Decimal("0")
    return hours


def person_effort(application: Application) -> Decimal:
    return held_hours_per_person(application.program).get(application.pk, Decimal("0"))


@dataclass
class EffortRow:
    organisation: str
    profile: str
    people: int
    hours: Decimal

    @property
    def average(self) -> Decimal:
        return (self.hours / self.people).quantize(Decimal("0.1")) if self.people else Decimal("0")


def effort(user, program: Program) -> list[EffortRow]:
    """Held hours per organisation and profile, over the people in the program's pairs."""
    hours = held_hours_per_person(program)
    profiles = dict(Profile.Kind.choices)
    people = Application.objects.filter(
        program=program,
        pk__in=list(hours),
        organisation__in=organisations_visible_to(user, program),
    ).values_list("pk", "organisation__name", "profile_kind")
    rows: dict[tuple[str, str], EffortRow] = {}
    for pk, organisation, profile in people:
        label = str(profiles.get(profile, profile))
        row = rows.setdefault(
            (organisation, label), EffortRow(organisation, label, 0, Decimal("0"))
        )
        row.people += 1
        row.hours += hours[pk]
    return [rows[key] for key in sorted(rows)]


@dataclass
class AttendanceRow:
    title: str
    starts_at: object
    attending: int
    not_attending: int


def attendance(user, program: Program) -> list[AttendanceRow]:
    """Per joint meeting: how many of the visible organisations' people answered they come or not."""
    from django.db.models import Count

    organisations = organisations_visible_to(user, program)
    scoped = Q(attendances__application__organisation__in=organisations)
    meetings = (
        program.joint_meetings.filter(cancelled=False)
        .annotate(
            yes=Count("attendances", filter=scoped & Q(attendances__answer="attending")),
            no=Count("attendances", filter=scoped & Q(attendances__answer="not_attending")),
        )
        .order_by("starts_at")
    )
    return [AttendanceRow(m.title, m.starts_at, m.yes, m.no) for m in meetings]


def certificate_programs(user) -> list[Program]:
    """Programs where the user completed and may download a certificate (for "My pages")."""
    if not getattr(user, "is_authenticated", False):
        return []
    found = []
    for application in Application.objects.filter(applicant=user).select_related("program"):
        if application.pk in _mentorship_people(application.program)[2]:
            found.append(application.program)
    return found
