"""The coordinator's erasure requests page by 50 at one cost of queries."""

from django.urls import reverse

from revmentor.privacy.models import ErasureRequest
from tests.factories import make_user
from tests.querycount import assert_constant_queries


def _request(cast, i: int, **fields) -> ErasureRequest:
    person = make_user()
    return ErasureRequest.objects.create(
        program=cast.program, person=person, person_label=f"person-{i:03d}", **fields
    )


def test_erasure_requests_page_by_50_and_link_to_each_decision(cast, client_for):
    made = [_request(cast, i) for i in range(55)]
    url = reverse("privacy:erasure_list", kwargs={"slug": cast.program.slug})
    response = client_for("coordinator").get(url, {"page": 2})
    assert len(response.context["requests"]) == 5
    page = response.content.decode()
    assert "Visar 51–55 av 55" in page
    oldest = made[0]  # newest first: the first made is the last shown
    decide = reverse(
        "privacy:erasure_decide",
        kwargs={"slug": cast.program.slug, "public_id": oldest.public_id},
    )
    assert f'<a href="{decide}">person-000</a>' in page


def test_erasure_list_costs_the_same_queries_for_one_and_thirty_requests(cast, client_for):
    assert_constant_queries(
        client_for("coordinator"),
        reverse("privacy:erasure_list", kwargs={"slug": cast.program.slug}),
        lambda i: _request(cast, i, decided_by=cast.coordinator if i % 2 else None),
    )
