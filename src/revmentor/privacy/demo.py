"""Demo privacy notices; the 2022 program is kept as the demo's example under a long archive period."""

from revmentor.privacy.models import ProgramPrivacy


def seed(ctx) -> None:
    for program, months in ((ctx.current, None), (ctx.closed, 120)):
        defaults = {
            "controller": "Naturvårdsverket och Energimarknadsinspektionen, gemensamt personuppgiftsansvariga",
            "controller_contact": "registrator@nv.demo.test",
            "dpo_name": ctx.faker.name(),
            "dpo_email": "dataskyddsombud@nv.demo.test",
        }
        if months is not None:
            # Without this the retention job (scheduled by `make run`) would anonymise the
            # 2022 example the day the demo starts: it closed more than 12 months ago.
            defaults |= {"personal_data_months": months, "not_nominated_months": months}
        ProgramPrivacy.objects.update_or_create(program=program, defaults=defaults)
