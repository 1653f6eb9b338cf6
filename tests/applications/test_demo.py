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
