"""Demo applicants (fictional, Faker sv_SE): about 120 on the open program, nominated ones in 2022."""

from django.utils import timezone

from revmentor.applications.models import Application, Availability, Language, PreferredFormat
from revmentor.core.models import User
from revmentor.programs.demo import DemoContext
from revmentor.programs.models import Program

CURRENT_COUNT = 120
CLOSED_PER_ORGANISATION = 4
CITIES = ["Stockholm", "Göteborg", "Malmö", "Uppsala", "Umeå", "Östersund", "Karlstad", "Luleå"]
DEMO_APPLICANT = "pia.deltagare@demo.test"
# "Med egna ord": what applicants of each profile plausibly write, instead of placeholder text.
MENTOR_TEXTS = [
    "Jag vill visa hur vi yngre använder Teams och delade dokument för att slippa långa mejltrådar.",
    "Jag jobbar mycket med sociala medier och vill dela hur vi når unga medborgare där.",
    "Jag vill prata om vad som får mig och mina vänner att stanna kvar på en arbetsplats.",
    "Jag kan visa smarta sätt att planera veckan digitalt och vill själv lära mig mer om "
    "hur beslut fattas högre upp i myndigheten.",
    "Flexibelt arbete och tydlig feedback är viktigt för min generation; det vill jag berätta om.",
    "Jag vill dela hur jag använder AI-verktyg i vardagen och diskutera var gränserna går.",
]
ADEPT_TEXTS = [
    "Jag vill förstå hur yngre kollegor ser på ledarskap och vad de förväntar sig av mig som chef.",
    "Jag vill bli tryggare i de digitala verktygen som mina medarbetare redan använder.",
    "Vi har svårt att rekrytera unga till enheten; jag vill förstå vad som lockar dem.",
    "Jag vill lära mig mer om hur sociala medier kan användas i vårt uppdrag.",
    "Jag vill utmana mina egna fördomar om generationer och få nya perspektiv på arbetslivet.",
    "Jag vill förstå hur hybridarbete fungerar bäst för den som är ny i yrket.",
]


def _applicant(faker, email: str) -> User:
    user, _ = User.objects.get_or_create(email=email, defaults={"full_name": faker.name()})
    return user


def _fill(
    application: Application, ctx: DemoContext, index: int, mentor: bool, program: Program
) -> None:
    faker = ctx.faker
    application.phone = f"070-{100 + index:03d} {index % 100:02d} {(index * 7) % 100:02d}"
    application.unit = faker.random_element(
        ["Analysavdelningen", "IT-avdelningen", "Kommunikation", "HR", "Juridik", "Ekonomi"]
    )
    application.job_title = (
        faker.random_element(["Handläggare", "Utredare", "Systemutvecklare", "Kommunikatör"])
        if mentor
        else faker.random_element(["Enhetschef", "Avdelningschef", "Senior rådgivare", "Jurist"])
    )
    # Ages at the program's start inside the profiles' rules (mentor at most 35, adept 45+).
    profile = program.profile("mentor" if mentor else "adept")
    low = (profile.min_age if profile and profile.min_age else None) or (23 if mentor else 45)
    high = (profile.max_age if profile and profile.max_age else None) or (35 if mentor else 64)
    application.birth_year = program.period_start.year - faker.random_int(low, high)
    application.employment_type = "permanent"
    application.profile_kind = "mentor" if mentor else "adept"
    application.manager_name = faker.name()
    application.manager_email = f"chef{index}@demo.test"
    application.discussed_with_manager = True
    application.topics_text = faker.random_element(MENTOR_TEXTS if mentor else ADEPT_TEXTS)
    application.preferred_format = faker.random_element(PreferredFormat.values)
    application.city = faker.random_element(CITIES)
    application.languages = ["sv"] + faker.random_elements(
        [c for c in Language.values if c != "sv"], length=faker.random_int(0, 2), unique=True
    )
    application.availability = sorted(
        faker.random_elements(Availability.values, length=faker.random_int(2, 6), unique=True)
    )
    application.privacy_acknowledged = True


def _applications(ctx: DemoContext, program: Program, count: int, *, closed: bool) -> None:
    faker = ctx.faker
    topics = list(program.topics.all())
    organisations = ctx.organisations
    nominated_per_org: dict[int, int] = {}
    places = {p.organisation_id: p.places for p in program.participations.all()}
    for index in range(count):
        organisation = organisations[index % len(organisations)]
        mentor = index % 2 == 0
        email = f"sokande{index + 1}.{program.period_start.year}@{organisation.short_name.lower()}.demo.test"
        applicant = _applicant(faker, email)
        application, created = Application.objects.get_or_create(
            program=program,
            applicant=applicant,
            defaults={
                "full_name": applicant.full_name,
                "email": applicant.email,
                "organisation": organisation,
            },
        )
        if not created:
            continue
        _fill(application, ctx, index, mentor, program)
        used = nominated_per_org.get(organisation.pk, 0)
        roll = index % 10
        if closed or roll >= 7:
            if used < places.get(organisation.pk, 0) and (closed or roll == 9):
                application.status = Application.Status.NOMINATED
                nominated_per_org[organisation.pk] = used + 1
            else:
                application.status = (
                    Application.Status.WAITLISTED if closed else Application.Status.SUBMITTED
                )
            application.manager_answer = Application.ManagerAnswer.CONFIRMED
        elif roll >= 3:
            application.status = Application.Status.SUBMITTED
            application.manager_answer = faker.random_element(
                [Application.ManagerAnswer.PENDING, Application.ManagerAnswer.CONFIRMED]
            )
        else:
            application.status = Application.Status.DRAFT
        if application.status != Application.Status.DRAFT:
            application.submitted_at = timezone.now() if not closed else program.created_at
        application.save()
        application.topics.set(faker.random_elements(topics, length=3, unique=True))
    recount_nominated(program)


def recount_nominated(program: Program, *, widen_places: bool = False) -> None:
    """Each organisation's nominated count from its applications, for data written in bulk
    past the nomination service (the demo, the benchmarks); ``widen_places`` raises an
    organisation's places to its count."""
    for participation in program.participations.all():
        participation.nominated = Application.objects.filter(
            program=program,
            organisation_id=participation.organisation_id,
            status=Application.Status.NOMINATED,
        ).count()
        fields = ["nominated"]
        if widen_places:
            participation.places = max(participation.places, participation.nominated)
            fields.append("places")
        participation.save(update_fields=fields)


def seed(ctx: DemoContext) -> None:
    """Create the demo applicants once; later runs leave existing ones as they are."""
    assert ctx.current is not None and ctx.closed is not None
    _applications(ctx, ctx.current, CURRENT_COUNT, closed=False)
    per_org = CLOSED_PER_ORGANISATION * len(ctx.organisations)
    _applications(ctx, ctx.closed, per_org, closed=True)
    User.objects.get_or_create(email=DEMO_APPLICANT, defaults={"full_name": "Pia Deltagare"})
    ctx.logins.append(
        ("participant (applicant)", DEMO_APPLICANT, "code by e-mail (printed in this console)")
    )
