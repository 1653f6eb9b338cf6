"""HR's list and the coordinator's nominations page by 50, keep filters and sort in the pager's
links, answer any page number without an error and cost the same queries for 1 or 30 rows."""

import re
from html import unescape

import pytest
from django.urls import reverse

from revmentor.applications.models import Application
from tests.applications.support import make_application
from tests.querycount import assert_constant_queries


def _hr_list(cast) -> str:
    return reverse("applications:hr_list", kwargs={"slug": cast.program.slug})


def _names(response) -> list[str]:
    return [a.full_name for a in response.context["applications"]]


def _people(cast, count: int, **fields) -> None:
    for i in range(1, count + 1):
        make_application(cast.program, cast.org_a, full_name=f"Person {i:03d}", **fields)


def _pager_links(response) -> list[str]:
    nav = re.search(r'<nav class="pager".*?</nav>', response.content.decode(), re.S)
    assert nav is not None
    return [unescape(href) for href in re.findall(r'href="([^"]+)"', nav.group(0))]


def test_page_two_of_the_hr_list_shows_rows_51_to_100(cast, client_for):
    _people(cast, 120)
    response = client_for("hr_a").get(_hr_list(cast), {"page": 2})
    assert _names(response) == [f"Person {i:03d}" for i in range(51, 101)]
    page = response.content.decode()
    assert "Visar 51–100 av 120" in page
    assert '<a href="?page=2" aria-current="page">' in page
    assert page.count('aria-current="page"><span class="visually-hidden">Sida </span>2<') == 1
    assert 'aria-label="Sidor: Ansökningar"' in page


def test_the_pager_groups_thousands_as_the_language_does(rf):
    from django.utils import translation

    from revmentor.core import paging

    with translation.override("sv"):
        pager = paging.page_of(rf.get("/", {"page": "2", "sort": "name"}), list(range(5000)))
    assert (pager.first, pager.last, pager.total) == ("51", "100", "5\xa0000")
    assert (pager.previous, pager.next) == ("?sort=name&page=1", "?sort=name&page=3")
    assert [(link.number, link.current) for link in pager.links] == [
        (1, False),
        (2, True),
        (3, False),
        (4, False),
        (None, False),
        (100, False),
    ]


def test_filters_and_sort_survive_in_the_pager_links(cast, client_for):
    _people(cast, 60)
    _people(cast, 3, profile_kind="adept")
    response = client_for("hr_a").get(_hr_list(cast), {"profile": "mentor", "sort": "-submitted"})
    assert _names(response)[:2] == ["Person 060", "Person 059"]
    assert "Visar 1–50 av 60" in response.content.decode()
    assert _pager_links(response) == [
        "?profile=mentor&sort=-submitted&page=1",
        "?profile=mentor&sort=-submitted&page=2",
        "?profile=mentor&sort=-submitted&page=2",
    ]
    second = client_for("hr_a").get(
        _hr_list(cast), {"profile": "mentor", "sort": "-submitted", "page": 2}
    )
    assert _names(second) == [f"Person {i:03d}" for i in range(10, 0, -1)]
    assert _pager_links(second) == [
        "?profile=mentor&sort=-submitted&page=1",
        "?profile=mentor&sort=-submitted&page=1",
        "?profile=mentor&sort=-submitted&page=2",
    ]


def test_a_page_past_the_end_shows_the_last_page(cast, client_for):
    _people(cast, 60)
    response = client_for("hr_a").get(_hr_list(cast), {"page": 999})
    assert response.status_code == 200
    assert _names(response) == [f"Person {i:03d}" for i in range(51, 61)]


@pytest.mark.parametrize(
    "junk", ["abc", "", "0", "-1", "2.5", "1e3", "99999999999999999999999", "2\x00", "💥", " 2"]
)
def test_junk_page_numbers_show_a_page_never_an_error(cast, client_for, junk):
    _people(cast, 60)
    for url in (
        _hr_list(cast),
        reverse("applications:nominations", kwargs={"slug": cast.program.slug}),
    ):
        client = client_for("coordinator" if "manage" in url else "hr_a")
        response = client.get(url, {"page": junk})
        assert response.status_code == 200, (url, junk)
        assert len(response.context["applications"]) in (50, 10)


def test_nominations_page_by_50_with_the_organisation_filter_in_the_links(cast, client_for):
    for i in range(1, 56):
        make_application(cast.program, cast.org_b, full_name=f"Bertil {i:03d}")
    make_application(cast.program, cast.org_a, full_name="Anna A")
    url = reverse("applications:nominations", kwargs={"slug": cast.program.slug})
    response = client_for("coordinator").get(url, {"organisation": cast.org_b.pk, "page": 2})
    assert _names(response) == [f"Bertil {i:03d}" for i in range(51, 56)]
    assert "Visar 51–55 av 55" in response.content.decode()
    assert _pager_links(response)[0] == f"?organisation={cast.org_b.pk}&page=1"


def test_the_hr_list_shows_swedish_labels_and_links_to_each_application(cast, client_for):
    application = make_application(cast.program, cast.org_a, full_name="Anna Mentor")
    page = client_for("hr_a").get(_hr_list(cast)).content.decode()
    detail = reverse(
        "applications:hr_detail",
        kwargs={"slug": cast.program.slug, "public_id": application.public_id},
    )
    assert f'<a href="{detail}">Anna Mentor</a>' in page
    assert "<td>junior mentor</td>" in page
    assert '<span class="badge">skickad</span>' in page


def test_hr_list_costs_the_same_queries_for_one_and_thirty_applications(cast, client_for):
    assert_constant_queries(
        client_for("hr_a"),
        _hr_list(cast),
        lambda i: make_application(cast.program, cast.org_a, full_name=f"Person {i:03d}"),
    )


def test_a_second_page_costs_the_same_queries_for_one_and_thirty_applications(cast, client_for):
    _people(cast, 50)
    assert_constant_queries(
        client_for("hr_a"),
        _hr_list(cast) + "?page=2&sort=-submitted",
        lambda i: make_application(cast.program, cast.org_a, full_name=f"Later {i:03d}"),
    )


def test_nominations_cost_the_same_queries_for_one_and_thirty_applications(cast, client_for):
    topics = list(cast.program.topics.all()[:2])

    def add(i):
        organisation = cast.org_a if i % 2 else cast.org_b
        application = make_application(cast.program, organisation, full_name=f"Person {i:03d}")
        application.topics.set(topics)

    assert_constant_queries(
        client_for("coordinator"),
        reverse("applications:nominations", kwargs={"slug": cast.program.slug}),
        add,
    )


def test_a_bulk_decision_on_page_two_returns_to_page_two_with_its_filters(cast, client_for):
    _people(cast, 60)
    chosen = list(
        Application.objects.filter(full_name__in=["Person 051", "Person 052"]).order_by("full_name")
    )
    client = client_for("hr_a")
    query = "?profile=mentor&page=2"
    page = client.get(_hr_list(cast) + query).content.decode()
    bulk = reverse("applications:hr_bulk", kwargs={"slug": cast.program.slug})
    assert f'action="{bulk}?profile=mentor&amp;page=2"' in page
    assert "Du väljer bland ansökningarna på den här sidan" in page
    data = {"bulk-applications": [str(a.public_id) for a in chosen], "bulk-decision": "nominated"}
    preview = client.post(bulk + query, data)
    assert sorted(a.full_name for a in preview.context["selected"]) == ["Person 051", "Person 052"]
    assert f'action="{bulk}?profile=mentor&amp;page=2"' in preview.content.decode()
    done = client.post(bulk + query, {**data, "confirm": "1"})
    assert done.status_code == 302
    assert done["Location"] == _hr_list(cast) + query
    assert sorted(
        Application.objects.filter(status="nominated").values_list("full_name", flat=True)
    ) == ["Person 051", "Person 052"]


def test_a_bulk_decision_with_a_junk_id_says_so_and_decides_nothing(cast, client_for):
    application = make_application(cast.program, cast.org_a)
    response = client_for("hr_a").post(
        reverse("applications:hr_bulk", kwargs={"slug": cast.program.slug}),
        {
            "bulk-applications": [str(application.public_id), "not-an-id", "\x00"],
            "bulk-decision": "nominated",
        },
    )
    assert response.status_code == 200
    assert response.context["decision_form"].errors == {
        "applications": [
            "Välj ett giltigt alternativ. not-an-id finns inte bland tillgängliga alternativ."
        ]
    }
    assert Application.objects.filter(status="nominated").count() == 0
