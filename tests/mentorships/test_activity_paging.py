"""The coordinator's activity page lists pairs 50 at a time; its summaries count every pair."""

from datetime import timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from tests.mentorships.support import log, make_pair, make_running
from tests.querycount import assert_constant_queries


def _url(cast) -> str:
    return reverse("mentorships:activity", kwargs={"slug": cast.program.slug})


def _pairs(cast, count: int) -> list:
    make_running(cast.program)
    return [
        make_pair(
            cast.program,
            org_mentor=cast.org_a,
            org_adept=cast.org_b,
            started_at=timezone.now() - timedelta(days=40),
        )
        for _ in range(count)
    ]


def test_page_two_lists_pairs_51_to_60_and_the_summaries_count_all_60(cast, client_for):
    pairs = _pairs(cast, 60)
    log(pairs[0], days_ago=3, hours="2")
    response = client_for("coordinator").get(_url(cast), {"page": 2})
    assert len(response.context["pairs"]) == 10
    page = response.content.decode()
    assert "Visar 51–60 av 60" in page
    assert "59 par har inte antecknat något möte på 30 dagar." in page
    assert 'aria-label="Sidor: Par"' in page
    rows = [(r.name, r.pairs, r.hours) for r in response.context["organisations"]]
    assert rows == [("Organisation A", 60, Decimal("2")), ("Organisation B", 60, Decimal("2"))]


def test_end_links_are_built_per_pair_without_the_resolver(cast, client_for):
    [pair] = _pairs(cast, 1)
    page = client_for("coordinator").get(_url(cast)).content.decode()
    end = reverse(
        "mentorships:end_pair", kwargs={"slug": cast.program.slug, "pair": pair.public_id}
    )
    assert f'<a href="{end}">' in page


def test_a_second_page_costs_the_same_queries_for_one_and_thirty_pairs(cast, client_for):
    _pairs(cast, 50)
    assert_constant_queries(
        client_for("coordinator"), _url(cast) + "?page=2", lambda i: _pairs(cast, 1)
    )
