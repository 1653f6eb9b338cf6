"""The dashboard's list of those who completed pages by 50 at one cost of queries."""

from django.urls import reverse

from tests.querycount import assert_constant_queries
from tests.reports.support import completed_pair


def test_the_completed_list_costs_the_same_queries_for_one_and_thirty_pairs(cast, client_for):
    assert_constant_queries(
        client_for("coordinator"),
        reverse("reports:dashboard", kwargs={"slug": cast.program.slug}),
        lambda i: completed_pair(cast.program, cast.org_a if i % 2 else cast.org_b),
    )


def test_the_completed_list_shows_50_of_60_people_with_certificate_links(cast, client_for):
    mentor, _adept = completed_pair(cast.program, cast.org_a, mentor_fields={"full_name": "Aaa"})
    for _ in range(29):
        completed_pair(cast.program, cast.org_b)
    response = client_for("coordinator").get(
        reverse("reports:dashboard", kwargs={"slug": cast.program.slug})
    )
    assert len(response.context["completed"]) == 50
    page = response.content.decode()
    assert "Visar 1–50 av 60" in page
    certificate = reverse(
        "reports:certificate", kwargs={"slug": cast.program.slug, "public_id": mentor.public_id}
    )
    assert f'<a href="{certificate}">PDF' in page
