"""The permission layer: staff roles need the second factor; HR pages show HR's own organisations."""

from django.test import Client
from django.urls import reverse

from revmentor.core.models import Role
from tests.applications.support import make_application
from tests.auth import sign_in


def _step_up(url: str) -> str:
    from urllib.parse import urlencode

    return f"{reverse('core:step_up')}?{urlencode({'next': url})}"


def test_hr_role_granted_mid_session_needs_a_step_up(cast):
    """A participant signed in by e-mail code alone, then made HR, must give the second factor."""
    client = sign_in(Client(), cast.participant, second_factor=False)
    Role.objects.create(
        user=cast.participant, kind=Role.Kind.HR, program=cast.program, organisation=cast.org_a
    )
    make_application(cast.program, cast.org_a, full_name="Siri Sökande")
    urls = [
        reverse("applications:hr_list", kwargs={"slug": cast.program.slug}),
        reverse("applications:hr_export", kwargs={"slug": cast.program.slug, "file_format": "csv"}),
    ]
    for url in urls:
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, _step_up(url))
        assert b"Siri" not in response.content


def test_coordinator_role_without_second_factor_counts_nowhere(cast):
    """Without the mark, a coordinator's manage page asks for it and the public page hides the link."""
    client = sign_in(Client(), cast.coordinator, second_factor=False)
    url = reverse("programs:manage", kwargs={"slug": cast.program.slug})
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (302, _step_up(url))
    detail = client.get(cast.program.get_absolute_url())
    assert detail.context["is_coordinator"] is False


def test_step_up_is_not_offered_to_people_without_the_role(cast):
    client = sign_in(Client(), cast.participant, second_factor=False)
    url = reverse("applications:hr_list", kwargs={"slug": cast.program.slug})
    assert client.get(url).status_code == 404


def test_coordinator_who_is_hr_of_one_organisation_sees_only_it_on_hr_pages(cast, client_for):
    Role.objects.create(
        user=cast.coordinator, kind=Role.Kind.HR, program=cast.program, organisation=cast.org_a
    )
    make_application(cast.program, cast.org_a, full_name="Alva Från A")
    make_application(cast.program, cast.org_b, full_name="Bertil Från B")
    client = client_for("coordinator")
    listing = client.get(reverse("applications:hr_list", kwargs={"slug": cast.program.slug}))
    names = {a.full_name for a in listing.context["applications"]}
    assert names == {"Alva Från A"}
    export = client.get(
        reverse("applications:hr_export", kwargs={"slug": cast.program.slug, "file_format": "csv"})
    )
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert ("Alva Från A" in text, "Bertil Från B" in text) == (True, False)
    # The coordinator's own page still shows every organisation.
    nominations = client.get(
        reverse("applications:nominations", kwargs={"slug": cast.program.slug})
    )
    assert b"Bertil" in nominations.content


def test_coordinator_who_is_hr_sees_only_their_organisation_on_hr_costs(cast, client_for):
    Role.objects.create(
        user=cast.coordinator, kind=Role.Kind.HR, program=cast.program, organisation=cast.org_a
    )
    client = client_for("coordinator")
    hr_costs = client.get(reverse("reports:hr_costs", kwargs={"slug": cast.program.slug}))
    manage_costs = client.get(reverse("reports:costs", kwargs={"slug": cast.program.slug}))
    assert [c.organisation.name for c in hr_costs.context["statement"].organisations] == [
        "Organisation A"
    ]
    assert [c.organisation.name for c in manage_costs.context["statement"].organisations] == [
        "Organisation A",
        "Organisation B",
    ]


def test_b_hr_cannot_decide_program_a_applications_by_id_under_b(cast, client_for):
    """B's HR of organisation A posts A's application id to B's bulk decision: nothing changes."""
    application = make_application(cast.program, cast.org_a, full_name="Alva Från A")
    response = client_for("other_hr").post(
        reverse("applications:hr_bulk", kwargs={"slug": cast.other_program.slug}),
        {
            "bulk-applications": [str(application.public_id)],
            "bulk-decision": "nominated",
            "confirm": "1",
        },
    )
    assert response.status_code == 200
    assert "applications" in response.context["decision_form"].errors
    application.refresh_from_db()
    assert (application.status, application.decided_by) == ("submitted", None)
