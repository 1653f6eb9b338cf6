from django.urls import reverse

from tests.matrix import Case, everyone, only, signed_in


def manage(name):
    return lambda c: reverse(f"privacy:{name}", kwargs={"slug": c.program.slug})


def erasure_url(c):
    from revmentor.privacy.models import ErasureRequest

    erasure = ErasureRequest.objects.filter(program=c.program).first() or (
        ErasureRequest.objects.create(
            program=c.program, person=c.participant, person_label=c.participant.email
        )
    )
    return reverse(
        "privacy:erasure_decide",
        kwargs={"slug": c.program.slug, "public_id": erasure.public_id},
    )


COORDINATOR_PAGE = only({"coordinator": 200})

MATRIX = {
    "privacy:notice": Case(lambda c: reverse("privacy:notice"), everyone(200)),
    "privacy:program_notice": Case(
        lambda c: reverse("privacy:program_notice", kwargs={"slug": c.program.slug}),
        everyone(200),
    ),
    "privacy:accessibility": Case(lambda c: reverse("privacy:accessibility"), everyone(200)),
    "privacy:accessibility_report": Case(
        lambda c: reverse("privacy:accessibility_report"), everyone(200)
    ),
    "privacy:my_data": Case(lambda c: reverse("privacy:my_data"), signed_in(200)),
    "privacy:my_extract": Case(lambda c: reverse("privacy:my_extract"), signed_in(200)),
    "privacy:my_extract_json": Case(lambda c: reverse("privacy:my_extract_json"), signed_in(200)),
    "privacy:settings": Case(manage("settings"), COORDINATOR_PAGE),
    "privacy:retention": Case(manage("retention"), COORDINATOR_PAGE),
    "privacy:erasure_list": Case(manage("erasure_list"), COORDINATOR_PAGE),
    "privacy:erasure_decide": Case(erasure_url, COORDINATOR_PAGE),
    "privacy:extract_for": Case(manage("extract_for"), COORDINATOR_PAGE),
}

# The operator's (data protection officer's) full extract: nobody else even learns it exists.
MATRIX["privacy:operator_extract"] = Case(
    lambda c: reverse("privacy:operator_extract"), only({"operator": 200})
)
