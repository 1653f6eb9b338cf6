"""Demo programs: the announcement's 2022 program (closed), one in progress (started a few weeks
before today) and the next one open for applications; all dates but 2022's are set from today."""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from revmentor.core.models import Role, User
from revmentor.programs.models import (
    ContactPerson,
    DeadlineChange,
    JointMeeting,
    MeetingFormat,
    Organisation,
    Participation,
    Profile,
    Program,
    Topic,
)

STOCKHOLM = ZoneInfo("Europe/Stockholm")
# Printed for local demo log-ins only.
DEMO_PASSWORD = "demo-revmentor-2026"  # noqa: S105  # nosec B105

AGENCIES = [
    ("Energimarknadsinspektionen", "Ei", 4),
    ("Naturvårdsverket", "NV", 6),
    ("Skatteverket", "SKV", 8),
    ("Försäkringskassan", "FK", 8),
    ("Trafikverket", "TRV", 6),
    ("Statistiska centralbyrån", "SCB", 5),
    ("Boverket", "BV", 3),
    ("Livsmedelsverket", "SLV", 4),
]

TOPICS = [
    "Digitala verktyg och AI",
    "Sociala medier",
    "Hybridarbete och distansmöten",
    "Hållbarhet i vardagen",
    "Karriär och lärande",
    "Värderingar i arbetslivet",
    "Ledarskap och feedback",
    "Balans mellan arbete och fritid",
    "Mångfald och inkludering",
    "Att attrahera unga medarbetare",
    "Framtidens arbetsliv",
    "Kommunikation och språk",
]

DESCRIPTION = (
    "Traditionellt har seniora personer i en organisation delat med sig av sin kunskap när de lärt upp "
    "juniora medarbetare. Men vad händer om vi vänder på det hela?\n\n"
    "Utvecklingen går idag mycket fortare inom många områden och yngre medarbetare kommer in i organisationen "
    "med andra verktyg och insikter som inte alltid tas till vara av de med mer erfarenhet. Nu ger vi både "
    "seniora och juniora medarbetare chansen att utbyta sina erfarenheter i ett mentorskapsprogram där den "
    "yngre medarbetaren (mentor) delar med sig och guidar den äldre (adept) i ett ömsesidigt erfarenhetsutbyte."
)
PURPOSE = (
    "Syftet med programmet är att ge både adepter och mentorer förståelse för hur de olika generationerna ser på "
    "sitt arbetsliv och vad som är viktiga värderingar i arbetslivet för dem. Som mentor kan du få en ökad "
    "förståelse för verksamheters komplexitet och som adept en ökad insikt om hur verksamheten bättre kan "
    "integrera yngre medarbetare. Det kan i sin tur bidra till förståelse för vad som attraherar rätt "
    "medarbetare och som ger myndigheten konkurrenskraft samt utveckling av den egna verksamheten."
)
SETUP = (
    "Du bjuds in till flera gemensamma inspirationsträffar med föreläsare under året, där vi bland annat tar upp "
    "fördomar och myter om generationer och gör framtidsspaningar över generationsgränserna. I samband med varje "
    "träff finns möjlighet att träffas i grupp eller enskilt. Däremellan möts adepter och mentorer på egen hand "
    "utifrån sin agenda och sina önskemål. Ett mentorskapsprogram blir vad ni gör det till, så båda parters "
    "engagemang är viktigt."
)
HOW_TO_APPLY = (
    "Är du tillsvidareanställd och passar in i någon av profilerna? Stäm först av med din chef. Ansök sedan här "
    "före sista ansökningsdag. Din lokala HR-funktion avgör hur många intresserade myndigheten kan anmäla."
)
MENTOR_TEXT = (
    "Som mentor får du en ökad förståelse för andra synsätt, för komplexiteten i en verksamhet samt ett breddat "
    "nätverk."
)
ADEPT_TEXT = (
    "Samarbetet kan leda till att du tar med dig insikter som bidrar till en bättre förståelse i olika samarbeten. "
    "Det kan också leda till att myndigheten blir bättre på att integrera yngre generationer av medarbetare, "
    "vilket kan göra den mer effektiv och mer attraktiv för medarbetare från olika generationer."
)
ELIGIBILITY = "Tillsvidareanställd, har stämt av med sin chef."
# The coordinators' discussion guides for the pairs, one per joint meeting theme.
DISCUSSION_GUIDES = {
    "Uppstart: fördomar och myter om generationer": (
        "Vilka fördomar om den andra generationen har ni själva hört eller tänkt?\n"
        "Vilken myt om er egen generation stämmer inte alls?\n"
        "När har en skillnad i ålder varit en tillgång på jobbet?\n"
        "Vad vill ni pröva att göra annorlunda efter dagens föreläsning?"
    ),
    "Värderingar i arbetslivet": (
        "Vad får er att känna att ert arbete är meningsfullt?\n"
        "Hur ser ni på lojalitet mot en arbetsgivare?\n"
        "Vad betyder en bra chef för var och en av er?"
    ),
    "Digitala vanor och verktyg": (
        "Vilket digitalt verktyg skulle adepten vilja bli tryggare i?\n"
        "Visa varandra hur ni planerar en vanlig arbetsvecka.\n"
        "Vad är för mycket digitalt, och vad är för lite?"
    ),
    "Framtidsspaning bortom generationsgränserna": (
        "Hur tror ni att myndighetens arbete ser ut om tio år?\n"
        "Vilka förändringar ser ni lika på, oavsett ålder?\n"
        "Vad kan er myndighet börja med redan i år för att möta framtiden tillsammans?"
    ),
    "Att attrahera och behålla unga medarbetare": (
        "Varför valde mentorn just den här myndigheten, och vad skulle få hen att stanna?\n"
        "Vad kan adepten som chef eller kollega göra annorlunda från måndag?"
    ),
    "Avslutning och erfarenhetsutbyte": (
        "Vad har var och en av er lärt sig av den andra?\n"
        "Vilket av era mål nådde ni, och vilket vill ni fortsätta med?\n"
        "Vad vill ni berätta för nästa års deltagare?"
    ),
}
GOAL_GUIDANCE = (
    "Sätt era mål tillsammans vid första mötet. Adepten beskriver vad hen vill lära sig, "
    "mentorn vad hen vill förstå bättre av adeptens erfarenhet, och ni bestämmer hur ofta ni "
    "ses. Ett bra mål är konkret: ”Jag vill kunna leda ett digitalt möte med whiteboard” "
    "säger mer än ”bli bättre digitalt”. Ni kan ändra målen när som helst."
)
MEETINGS = [
    ("Uppstart: fördomar och myter om generationer", "Fördomar, myter och vad forskningen säger"),
    ("Värderingar i arbetslivet", "Vad är viktigt i arbetslivet för olika generationer?"),
    ("Digitala vanor och verktyg", "Hur yngre och äldre medarbetare arbetar digitalt"),
    ("Framtidsspaning bortom generationsgränserna", "Framtidens arbetsliv och myndigheter"),
    (
        "Att attrahera och behålla unga medarbetare",
        "Vad får unga att välja och stanna hos en myndighet?",
    ),
    ("Avslutning och erfarenhetsutbyte", "Vad har vi lärt oss av varandra?"),
]


@dataclass
class DemoContext:
    """What the demo modules of each app build on; each app's demo adds to it."""

    faker: object
    organisations: list[Organisation] = field(default_factory=list)
    current: Program | None = None
    closed: Program | None = None
    running: Program | None = None
    logins: list[tuple[str, str, str]] = field(
        default_factory=list
    )  # (role, e-mail, how to sign in)


def _stockholm(day, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=STOCKHOLM)


def _demo_email(name: str, short: str) -> str:
    from django.utils.text import slugify

    return f"{slugify(name).replace('-', '.')}@{short.lower()}.demo.test"


# Staff confirm every sign-in with an authenticator app; the demo's share one known key.
# Local demo only.
DEMO_TOTP_SECRET = "REVMENTORDEMOKEYFORLOCALUSEONLY2"  # noqa: S105  # nosec B105
DEMO_STAFF_HOW = f"password {DEMO_PASSWORD}, then TOTP key {DEMO_TOTP_SECRET}"


def _staff(email: str, name: str) -> User:
    from revmentor.core.models import TOTPDevice

    user, created = User.objects.get_or_create(email=email, defaults={"full_name": name})
    if created or not user.has_usable_password():
        user.set_password(DEMO_PASSWORD)
        user.save()
    TOTPDevice.objects.get_or_create(
        user=user, defaults={"secret": DEMO_TOTP_SECRET, "confirmed_at": timezone.now()}
    )
    return user


def _program(slug: str, **fields) -> Program:
    program, _ = Program.objects.update_or_create(slug=slug, defaults=fields)
    for kind, text in [(Profile.Kind.MENTOR, MENTOR_TEXT), (Profile.Kind.ADEPT, ADEPT_TEXT)]:
        Profile.objects.update_or_create(
            program=program,
            kind=kind,
            defaults={
                "description": text,
                "eligibility": ELIGIBILITY,
                "max_age": 35 if kind == Profile.Kind.MENTOR else None,
                "min_age": 45 if kind == Profile.Kind.ADEPT else None,
            },
        )
    for position, name in enumerate(TOPICS):
        Topic.objects.update_or_create(program=program, name=name, defaults={"position": position})
    return program


def _meetings(program: Program, first_day, faker) -> None:
    for index, (title, topics) in enumerate(MEETINGS):
        day = first_day + timedelta(days=35 * index)
        while day.weekday() >= 5:
            day += timedelta(days=1)
        physical = index in (0, 5)
        JointMeeting.objects.update_or_create(
            program=program,
            title=title,
            defaults={
                "lecturer": faker.name(),
                "topics": topics,
                "starts_at": _stockholm(day, 13),
                "ends_at": _stockholm(day, 15, 30),
                "digital_link": f"https://meet.demo.test/{program.slug}-{index + 1}",
                "place": "Naturvårdsverket, Virkesvägen 2, Stockholm" if physical else "",
                "discussion_guide": DISCUSSION_GUIDES.get(title, ""),
            },
        )


def seed_programs(ctx: DemoContext) -> None:
    faker = ctx.faker
    for name, short, _places in AGENCIES:
        org, _ = Organisation.objects.get_or_create(name=name, defaults={"short_name": short})
        if not org.hr_emails:
            org.hr_emails = f"hr@{short.lower()}.demo.test"
            org.save()
        ctx.organisations.append(org)

    # The announcement's program: 2022, deadline postponed to 8 April, now closed.
    closed = _program(
        "omvant-mentorskap-2022",
        title="Omvänt mentorskapsprogram 2022: Vad kan olika generationer lära av varandra?",
        description=DESCRIPTION,
        purpose=PURPOSE,
        setup=SETUP,
        how_to_apply=HOW_TO_APPLY,
        goal_guidance=GOAL_GUIDANCE,
        period_start=datetime(2022, 4, 1).date(),
        period_end=datetime(2022, 11, 30).date(),
        application_deadline=_stockholm(datetime(2022, 4, 8).date(), 23, 59),
        cost_per_participant=Decimal("5000.00"),
        travel_costs_note="Eventuella resekostnader tillkommer utöver kurskostnad.",
        expected_effort_hours=Decimal("40.0"),
        meeting_format=MeetingFormat.HYBRID,
        status=Program.Status.CLOSED,
    )
    if not closed.deadline_changes.exists():
        DeadlineChange.objects.create(
            program=closed,
            old_deadline=_stockholm(datetime(2022, 3, 25).date(), 23, 59),
            new_deadline=closed.application_deadline,
            reason="Senarelagt startdatum.",
            changed_at=_stockholm(datetime(2022, 3, 10).date(), 9),
        )
    _meetings(closed, datetime(2022, 4, 26).date(), faker)

    today = timezone.localdate()
    deadline_day = today + timedelta(days=21)
    start = deadline_day + timedelta(days=21)
    current = _program(
        f"omvant-mentorskap-{start.year}",
        title=f"Omvänt mentorskapsprogram {start.year}",
        description=DESCRIPTION,
        purpose=PURPOSE,
        setup=SETUP,
        how_to_apply=HOW_TO_APPLY,
        goal_guidance=GOAL_GUIDANCE,
        period_start=start,
        period_end=start + timedelta(days=213),
        application_deadline=_stockholm(deadline_day, 23, 59),
        cost_per_participant=Decimal("5000.00"),
        travel_costs_note="Eventuella resekostnader tillkommer utöver kurskostnad.",
        expected_effort_hours=Decimal("40.0"),
        meeting_format=MeetingFormat.HYBRID,
        status=Program.Status.OPEN,
    )
    _meetings(current, start + timedelta(days=7), faker)
    running = _running_program(today, faker)
    for program in (closed, current, running):
        for org, (_name, _short, places) in zip(ctx.organisations, AGENCIES, strict=True):
            Participation.objects.update_or_create(
                program=program, organisation=org, defaults={"places": places}
            )
        for position, org in enumerate(ctx.organisations[:2]):
            person = faker.name()
            ContactPerson.objects.get_or_create(
                program=program,
                position=position,
                defaults={
                    "name": person,
                    "organisation": org.name,
                    "email": _demo_email(person, org.short_name),
                    "phone": faker.phone_number(),
                },
            )

    coordinator = _staff("samordnare@demo.test", faker.name())
    coordinator.can_create_programs = True
    coordinator.save()
    ctx.logins.append(("coordinator", coordinator.email, DEMO_STAFF_HOW))
    for program in (closed, current, running):
        Role.objects.get_or_create(user=coordinator, kind=Role.Kind.COORDINATOR, program=program)
    for org in ctx.organisations:
        hr = _staff(f"hr@{org.short_name.lower()}.demo.test", faker.name())
        for program in (closed, current, running):
            Role.objects.get_or_create(
                user=hr, kind=Role.Kind.HR, program=program, organisation=org
            )
        if org.short_name in ("NV", "SKV"):
            ctx.logins.append((f"local HR, {org.name}", hr.email, DEMO_STAFF_HOW))
    ctx.current, ctx.closed, ctx.running = current, closed, running


def next_week_wednesday(today):
    """The Wednesday of the week after ``today``'s: "next week" whatever the weekday."""
    return today + timedelta(days=7 - today.weekday() + 2)


def _running_program(today, faker) -> Program:
    """A program in progress: its second joint meeting is on Wednesday next week, the first
    was five weeks before it, and the program started a week before the first."""
    second = next_week_wednesday(today)
    first = second - timedelta(days=35)
    start = first - timedelta(days=7)
    program = _program(
        f"omvant-mentorskap-malardalen-{start.year}",
        title=f"Omvänt mentorskap i Mälardalen {start.year}",
        description=DESCRIPTION,
        purpose=PURPOSE,
        setup=SETUP,
        how_to_apply=HOW_TO_APPLY,
        period_start=start,
        period_end=start + timedelta(days=213),
        application_deadline=_stockholm(start - timedelta(days=42), 23, 59),
        cost_per_participant=Decimal("5000.00"),
        travel_costs_note="Eventuella resekostnader tillkommer utöver kurskostnad.",
        expected_effort_hours=Decimal("40.0"),
        meeting_format=MeetingFormat.HYBRID,
        status=Program.Status.RUNNING,
    )
    _meetings(program, first, faker)
    return program
