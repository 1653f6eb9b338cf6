"""Demo data for running a program: goals, meeting logs and attendance for the 2022 pairs,
and the pairs of the program in progress.

The 2022 pairs come from the matching demo (which publishes the closed program's matching).
Where the demo has no nominated applicants to match, a few pairs are made here instead, so
the "My program" pages always have someone to show. Idempotent: pairs with a log are skipped.

The program in progress (started a few weeks ago) gets eight pairs of fictional people, two
of them gathered in a group, with held and planned meetings, and answers to the joint
meeting of next week; its first mentor is printed as a log-in.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from revmentor.applications.demo import recount_nominated
from revmentor.applications.models import Application
from revmentor.core.models import User
from revmentor.mentorships.models import (
    Attendance,
    MeetingLog,
    Mentorship,
    MentorshipGroup,
    PersonalSettings,
)

STOCKHOLM = ZoneInfo("Europe/Stockholm")
PARTICIPANT_HOW = "code by e-mail (printed in this console)"
GOALS = (
    "Förstå hur vi använder digitala verktyg olika.\n"
    "Prova ett nytt sätt att hålla möten.\n"
    "Prata om vad som gör en arbetsplats attraktiv för unga."
)
ADEPT_LEARNING = [
    "Bli trygg i Teams och delade dokument, så att jag kan leda digitala möten själv.",
    "Förstå vad som får unga medarbetare att söka sig till och stanna hos oss.",
    "Lära mig hur sociala medier kan användas i myndighetens uppdrag.",
]
MENTOR_UNDERSTANDING = [
    "Hur beslut fattas i ledningsgruppen och varför det ibland tar tid.",
    "Hur man bygger förtroende hos kollegor med lång erfarenhet.",
    "Vad erfarenheten från tidigare omorganisationer har lärt adepten.",
]
TOPICS = [
    "Digitala samarbetsverktyg",
    "Sociala medier i myndigheten",
    "Värderingar och drivkrafter",
    "Hybridarbete",
    "Feedback mellan generationer",
]
FALLBACK = [
    ("Ella Lindqvist", "mentor", 1996, "Bo Ekström", "adept", 1964),
    ("Omar Haddad", "mentor", 1994, "Karin Sjöberg", "adept", 1967),
    ("Linnea Berg", "mentor", 1998, "Per Holm", "adept", 1962),
]


def seed(ctx) -> None:
    _seed_closed(ctx)
    _seed_running(ctx)


def _seed_closed(ctx) -> None:
    program = ctx.closed
    if program is None:
        return
    pairs = list(
        Mentorship.objects.filter(program=program).select_related("mentor", "adept").order_by("id")
    )
    if not pairs:
        pairs = _fallback_pairs(ctx, program)
    meetings = list(program.joint_meetings.filter(cancelled=False))
    for index, pair in enumerate(pairs):
        if pair.meeting_logs.exists():
            continue
        if not pair.goals:
            pair.goals = GOALS
            pair.adept_learning = ADEPT_LEARNING[index % len(ADEPT_LEARNING)]
            pair.mentor_understanding = MENTOR_UNDERSTANDING[index % len(MENTOR_UNDERSTANDING)]
            pair.meeting_rhythm = "En timme varannan vecka, oftast digitalt."
            pair.save(
                update_fields=["goals", "adept_learning", "mentor_understanding", "meeting_rhythm"]
            )
        # Every third pair met twice and ended early, so the activity view has effort of all
        # sizes and only pairs that kept going to the program's last day count as completed
        # (the completion rule of reports.queries) and get certificates.
        stopped = index % 3 == 2
        count = 2 if stopped else 9
        if stopped:
            _end_early(pair, program)
        last_day = (
            timezone.localtime(pair.ended_at).date()
            if stopped and pair.ended_at
            else program.period_end
        )
        step = max((last_day - program.period_start).days // (count + 1), 1)
        for n in range(count):
            day = program.period_start + timedelta(days=step * (n + 1))
            MeetingLog.objects.create(
                mentorship=pair,
                status=MeetingLog.Status.HELD,
                date=day,
                start_time=time(10),
                hours=Decimal("1.5") if n % 2 else Decimal("2.5"),
                format="digital" if n % 2 else "physical",
                topics=TOPICS[(index + n) % len(TOPICS)],
                notes="Bra samtal. Nästa gång tar vi upp framtidens arbetsliv." if n == 0 else "",
                created_by=pair.mentor.applicant,
            )
        for m, meeting in enumerate(meetings):
            for person in (pair.mentor, pair.adept):
                answer = "not_attending" if (index + m) % 4 == 3 else "attending"
                Attendance.objects.get_or_create(
                    meeting=meeting, application=person, defaults={"answer": answer}
                )
    if pairs:
        email = pairs[0].mentor.applicant.email
        login = ("participant in a pair (2022)", email, PARTICIPANT_HOW)
        if login not in ctx.logins:
            ctx.logins.append(login)


def _end_early(pair: Mentorship, program) -> None:
    middle = program.period_start + (program.period_end - program.period_start) / 2
    pair.status = Mentorship.Status.ENDED
    pair.ended_at = datetime.combine(middle, time(17), tzinfo=STOCKHOLM)
    pair.end_cause = Mentorship.EndCause.LEFT_ORGANISATION
    pair.leaver = pair.adept
    pair.end_reason = "Adepten fick en tjänst på en annan myndighet."
    pair.save(update_fields=["status", "ended_at", "end_cause", "leaver", "end_reason"])


def _fallback_pairs(ctx, program) -> list[Mentorship]:
    organisations = list(program.participations.select_related("organisation"))
    if not organisations:
        return []
    started = datetime.combine(program.period_start, time(9), tzinfo=STOCKHOLM)
    ended = datetime.combine(program.period_end, time(17), tzinfo=STOCKHOLM)
    pairs = []
    for n, (m_name, _m, m_year, a_name, _a, a_year) in enumerate(FALLBACK):
        mentor = _application(
            program, m_name, "mentor", m_year, organisations[n % len(organisations)]
        )
        adept = _application(
            program, a_name, "adept", a_year, organisations[(n + 1) % len(organisations)]
        )
        pair, _created = Mentorship.objects.get_or_create(
            program=program,
            mentor=mentor,
            adept=adept,
            defaults={
                "status": Mentorship.Status.ENDED,
                "started_at": started,
                "ended_at": ended,
                "end_reason": "Programmet avslutades.",
                "explanation_sv": "Ni har valt samma ämnen och arbetar i olika myndigheter.",
                "explanation_en": "You chose the same topics and work at different agencies.",
            },
        )
        pairs.append(pair)
    return pairs


def _application(program, name, kind, year, participation) -> Application:
    org = participation.organisation
    email = f"{name.lower().replace(' ', '.')}@{(org.short_name or 'demo').lower()}.demo.test"
    email = email.replace("ö", "o").replace("å", "a").replace("ä", "a")
    user, _created = User.objects.get_or_create(email=email, defaults={"full_name": name})
    application, _created = Application.objects.get_or_create(
        program=program,
        applicant=user,
        defaults={
            "status": Application.Status.NOMINATED,
            "full_name": name,
            "email": email,
            "organisation": org,
            "birth_year": year,
            "employment_type": "permanent",
            "profile_kind": kind,
            "discussed_with_manager": True,
            "privacy_acknowledged": True,
        },
    )
    return application


# ---- the program in progress ---------------------------------------------------------------

RUNNING_PAIRS = 8
RUNNING_GROUP = "Grupp Mälaren"
RUNNING_GOALS = (
    "Adepten vill förstå hur yngre kollegor använder chatt och delade dokument i stället för "
    "möten. Mentorn vill förstå hur beslut förankras i en stor myndighet. Vi ses varannan vecka, "
    "digitalt, och på plats vid de gemensamma träffarna."
)


def _running_person(ctx, program, participation, index: int, kind: str) -> Application:
    """A fictional nominated participant of the program in progress (Faker sv_SE)."""
    faker = ctx.faker
    org = participation.organisation
    name = faker.name()
    email = (
        f"deltagare{index}.{kind}.{program.period_start.year}@{org.short_name.lower()}.demo.test"
    )
    user, _created = User.objects.get_or_create(email=email, defaults={"full_name": name})
    today = timezone.localdate()
    low, high = (today.year - 34, today.year - 24) if kind == "mentor" else (1961, today.year - 46)
    application, _created = Application.objects.get_or_create(
        program=program,
        applicant=user,
        defaults={
            "status": Application.Status.NOMINATED,
            "full_name": user.full_name,
            "email": email,
            "phone": f"070-{300 + index:03d} {index:02d} {index * 3:02d}",
            "organisation": org,
            "unit": faker.random_element(["Analysavdelningen", "IT-avdelningen", "Kommunikation"]),
            "job_title": "Handläggare" if kind == "mentor" else "Enhetschef",
            "birth_year": faker.random_int(low, high),
            "employment_type": "permanent",
            "profile_kind": kind,
            "discussed_with_manager": True,
            "privacy_acknowledged": True,
            "manager_answer": Application.ManagerAnswer.CONFIRMED,
            "submitted_at": timezone.now() - timedelta(days=80),
            "decided_at": timezone.now() - timedelta(days=60),
        },
    )
    return application


def _weekday(day, *, later: bool):
    """``day`` moved off a weekend: to the Monday after, or the Friday before."""
    while day.weekday() >= 5:
        day += timedelta(days=1 if later else -1)
    return day


def _seed_running(ctx) -> None:
    program = getattr(ctx, "running", None)
    if program is None:
        return
    participations = list(program.participations.select_related("organisation").order_by("id"))
    if not participations:
        return
    started = datetime.combine(program.period_start, time(9), tzinfo=STOCKHOLM)
    pairs = []
    for n in range(RUNNING_PAIRS):
        mentor = _running_person(ctx, program, participations[n % len(participations)], n, "mentor")
        adept = _running_person(
            ctx, program, participations[(n + 3) % len(participations)], n, "adept"
        )
        pair, _created = Mentorship.objects.get_or_create(
            program=program,
            mentor=mentor,
            adept=adept,
            defaults={
                "started_at": started,
                "explanation_sv": "Ni har valt samma ämnen och arbetar i olika myndigheter.",
                "explanation_en": "You chose the same topics and work at different agencies.",
                "goals": RUNNING_GOALS if n % 2 == 0 else "",
            },
        )
        pairs.append(pair)
    recount_nominated(program, widen_places=True)
    group, _created = MentorshipGroup.objects.get_or_create(program=program, name=RUNNING_GROUP)
    Mentorship.objects.filter(pk__in=[pairs[0].pk, pairs[1].pk]).update(group=group)
    today = timezone.localdate()
    for index, pair in enumerate(pairs):
        if pair.meeting_logs.exists():
            continue
        # Held every other week since the start, one planned next week; the last pair has
        # not met yet, so the coordinator's activity view has someone to follow up.
        held_days = [] if index == len(pairs) - 1 else [21, 7] if index % 3 else [28, 14, 3]
        for n, days_ago in enumerate(held_days):
            MeetingLog.objects.create(
                mentorship=pair,
                status=MeetingLog.Status.HELD,
                date=_weekday(today - timedelta(days=days_ago), later=False),
                start_time=time(10),
                hours=Decimal("1.5") if n % 2 else Decimal("2"),
                format="digital" if n % 2 else "physical",
                topics=TOPICS[(index + n) % len(TOPICS)],
                notes="Vi pratade om hur vi föredrar att få feedback." if n == 0 else "",
                created_by=pair.mentor.applicant,
            )
        MeetingLog.objects.create(
            mentorship=pair,
            status=MeetingLog.Status.PLANNED,
            date=_weekday(today + timedelta(days=5 + index % 4), later=True),
            start_time=time(14),
            hours=Decimal("1.5"),
            format="digital",
            topics=TOPICS[(index + 2) % len(TOPICS)],
            created_by=pair.adept.applicant,
        )
    upcoming = program.joint_meetings.filter(cancelled=False, starts_at__gt=timezone.now()).first()
    past = program.joint_meetings.filter(cancelled=False, ends_at__lte=timezone.now())
    for index, pair in enumerate(pairs):
        for person_index, person in enumerate((pair.mentor, pair.adept)):
            for meeting in past:
                Attendance.objects.get_or_create(
                    meeting=meeting, application=person, defaults={"answer": "attending"}
                )
            # Most have answered for next week; the first mentor has not, so the demo log-in
            # sees the question on My program.
            if upcoming is None or index == 0 and person_index == 0:
                continue
            answer = "not_attending" if (index + person_index) % 5 == 4 else "attending"
            Attendance.objects.get_or_create(
                meeting=upcoming, application=person, defaults={"answer": answer}
            )
    mentor = pairs[0].mentor.applicant
    PersonalSettings.objects.get_or_create(user=mentor)
    login = ("participant (program in progress)", mentor.email, PARTICIPANT_HOW)
    if login not in ctx.logins:
        ctx.logins.append(login)
