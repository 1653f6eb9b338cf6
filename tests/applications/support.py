"""Building applications for tests, and the complete answers of a valid form."""

from django.utils import timezone

from revmentor.applications.models import Application
from revmentor.programs.models import Participation
from tests.factories import make_user


def form_data(cast, **overrides) -> dict:
    """A complete, valid application form for the cast's program, from organisation A."""
    program = cast.program
    data = {
        "full_name": "Pia Deltagare",
        "email": "participant@test.example",
        "phone": "070-123 45 67",
        "organisation": str(cast.org_a.pk),
        "unit": "Enheten för analys",
        "job_title": "Utredare",
        "birth_year": "1996",
        "employment_type": "permanent",
        "profile_kind": "mentor",
        "manager_name": "Maja Chef",
        "manager_email": "maja.chef@test.example",
        "discussed_with_manager": "on",
        "topics": [str(program.topics.first().pk)],
        "topics_text": "Jag vill dela med mig av digitala vanor.",
        "preferred_format": "either",
        "city": "Stockholm",
        "languages": ["sv", "en"],
        "availability": ["mon_am", "thu_pm"],
        "accessibility_needs": "",
        "privacy_acknowledged": "on",
        "submit": "1",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def make_application(
    program,
    organisation,
    *,
    status=Application.Status.SUBMITTED,
    applicant=None,
    profile_kind="mentor",
    **fields,
) -> Application:
    applicant = applicant or make_user()
    application = Application.objects.create(
        program=program,
        applicant=applicant,
        organisation=organisation,
        status=status,
        full_name=fields.pop("full_name", applicant.full_name),
        email=fields.pop("email", applicant.email),
        phone="070-123 45 67",
        unit="Enheten",
        job_title="Handläggare",
        birth_year=fields.pop("birth_year", 1995 if profile_kind == "mentor" else 1968),
        employment_type="permanent",
        profile_kind=profile_kind,
        manager_name="Maja Chef",
        manager_email=fields.pop("manager_email", "maja.chef@test.example"),
        discussed_with_manager=True,
        preferred_format="either",
        city="Stockholm",
        languages=["sv"],
        availability=["mon_am"],
        privacy_acknowledged=True,
        submitted_at=None if status == Application.Status.DRAFT else timezone.now(),
        **fields,
    )
    if status == Application.Status.NOMINATED:
        Participation.objects.filter(program=program, organisation=organisation).update(
            nominated=Application.objects.filter(
                program=program, organisation=organisation, status=status
            ).count()
        )
    return application


def participation(program, organisation) -> Participation:
    return Participation.objects.get(program=program, organisation=organisation)
