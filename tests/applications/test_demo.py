"""The demo applicants: about 120 on the open program, nominated ones in 2022, idempotent."""

from faker import Faker

from revmentor.applications import demo
from revmentor.applications.models import Application
from revmentor.programs.demo import DemoContext, seed_programs


def run_seed() -> DemoContext:
    faker = Faker("sv_SE")
    faker.seed_instance(2022)
    ctx = DemoContext(faker=faker)
    seed_programs(ctx)
    demo.seed(ctx)
    return ctx


def test_demo_applicants_are_seeded_once_within_places(db):
    ctx = run_seed()
    run_seed()
    current = Application.objects.filter(program=ctx.current)
    assert current.count() == 120
    assert set(current.values_list("profile_kind", flat=True)) == {"mentor", "adept"}
    assert set(current.values_list("status", flat=True)) == {
        "draft",
        "submitted",
        "nominated",
    }
    for program in (ctx.current, ctx.closed):
        for participation in program.participations.all():
            nominated = Application.objects.filter(
                program=program, organisation=participation.organisation, status="nominated"
            ).count()
            assert participation.nominated == nominated <= participation.places
    assert (
        Application.objects.filter(program=ctx.closed, status="nominated").count() == 31
    )  # 4 each, Boverket 3 places
    assert ("participant (applicant)", demo.DEMO_APPLICANT) in [
        (role, email) for role, email, _how in ctx.logins
    ]


def test_demo_applicants_fit_their_profiles_and_write_real_swedish(db):
    from revmentor.applications.models import eligibility_problem

    ctx = run_seed()
    for program in (ctx.current, ctx.closed):
        for application in Application.objects.filter(program=program):
            assert (
                eligibility_problem(
                    program=program,
                    employment_type=application.employment_type,
                    profile_kind=application.profile_kind,
                    birth_year=application.birth_year,
                )
                is None
            ), (application.profile_kind, application.birth_year)
    texts = set(Application.objects.values_list("topics_text", flat=True))
    assert texts <= set(demo.MENTOR_TEXTS) | set(demo.ADEPT_TEXTS)
    assert not any("ipsum" in text.lower() for text in texts)
