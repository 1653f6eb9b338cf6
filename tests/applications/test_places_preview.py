"""HR sees the places left before deciding, and a closed nomination step is read-only."""

import pytest
from django.urls import reverse

from revmentor.applications import services
from revmentor.applications.models import Application
from revmentor.programs.models import Participation, Program
from tests.applications.support import make_application

pytestmark = pytest.mark.django_db


def _bulk(cast, applications, **extra):
    return {
        "bulk-applications": [str(a.public_id) for a in applications],
        "bulk-decision": "nominated",
        **extra,
    }


def test_the_preview_says_how_many_places_are_left_and_offers_no_send(cast, client_for):
    Participation.objects.filter(program=cast.program, organisation=cast.org_a).update(
        places=3, nominated=2
    )
    chosen = [make_application(cast.program, cast.org_a) for _ in range(2)]
    url = reverse("applications:hr_bulk", kwargs={"slug": cast.program.slug})
    response = client_for("hr_a").post(url, _bulk(cast, chosen))
    assert response.status_code == 200
    assert response.context["problems"] == ["Organisation A har 1 plats kvar, du valde 2"]
    html = response.content.decode()
    assert "Organisation A har 1 plats kvar, du valde 2" in html
    assert 'name="confirm"' not in html
    assert [p.places_left for p in response.context["participations"]] == [1]


def test_sending_anyway_changes_nothing_and_says_why(cast, client_for):
    Participation.objects.filter(program=cast.program, organisation=cast.org_a).update(
        places=3, nominated=2
    )
    chosen = [make_application(cast.program, cast.org_a) for _ in range(2)]
    url = reverse("applications:hr_bulk", kwargs={"slug": cast.program.slug})
    response = client_for("hr_a").post(url, _bulk(cast, chosen, confirm="1"))
    assert response.context["problems"] == ["Organisation A har 1 plats kvar, du valde 2"]
    assert Application.objects.filter(status="nominated").count() == 0


def test_the_service_refuses_with_the_same_message(cast):
    chosen = [make_application(cast.program, cast.org_a) for _ in range(3)]
    with pytest.raises(services.PlacesExhausted) as refused:
        services.decide_many(applications=chosen, decision="nominated", decided_by=cast.hr_a)
    assert refused.value.message == "Organisation A har 2 platser kvar, du valde 3"


def test_a_preview_within_the_places_offers_the_send_button(cast, client_for):
    chosen = [make_application(cast.program, cast.org_a) for _ in range(2)]
    url = reverse("applications:hr_bulk", kwargs={"slug": cast.program.slug})
    response = client_for("hr_a").post(url, _bulk(cast, chosen))
    assert response.context["problems"] == []
    assert 'name="confirm"' in response.content.decode()


def test_after_the_nomination_step_hr_sees_a_read_only_application_with_why(cast, client_for):
    application = make_application(cast.program, cast.org_a)
    Program.objects.filter(pk=cast.program.pk).update(status=Program.Status.MATCHING)
    url = reverse(
        "applications:hr_detail",
        kwargs={"slug": cast.program.slug, "public_id": application.public_id},
    )
    client = client_for("hr_a")
    response = client.get(url)
    html = response.content.decode()
    assert response.context["decidable"] is False
    assert 'name="decision"' not in html
    assert "Anmälan är stängd (programmet har nu status ”matchning”)" in html
    response = client.post(url, {"decision": "nominated"})
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.status == "submitted"


def test_after_the_nomination_step_the_list_has_no_decision_form(cast, client_for):
    make_application(cast.program, cast.org_a)
    Program.objects.filter(pk=cast.program.pk).update(status=Program.Status.RUNNING)
    response = client_for("hr_a").get(
        reverse("applications:hr_list", kwargs={"slug": cast.program.slug})
    )
    html = response.content.decode()
    assert 'name="bulk-decision"' not in html
    assert "besluten kan inte längre ändras" in html


def test_a_bulk_post_after_the_nomination_step_previews_nothing(cast, client_for):
    chosen = [make_application(cast.program, cast.org_a)]
    Program.objects.filter(pk=cast.program.pk).update(status=Program.Status.MATCHING)
    url = reverse("applications:hr_bulk", kwargs={"slug": cast.program.slug})
    response = client_for("hr_a").post(url, _bulk(cast, chosen))
    assert response.status_code == 302
    assert Application.objects.get().status == "submitted"


def test_the_public_page_no_longer_adds_the_old_e_mail_process(client_for, cast):
    response = client_for("anonymous").get(cast.program.get_absolute_url())
    assert "skicka sedan din ansökan till din lokala HR-funktion" not in response.content.decode()


def test_the_matching_workspace_counts_people_in_proper_plural(cast, client_for):
    from tests.matching.support import nominate

    nominate(cast, "Mira Mentor", "a", 1995, [0], "mentor")
    html = (
        client_for("coordinator")
        .get(reverse("matching:workspace", kwargs={"slug": cast.program.slug}))
        .content.decode()
    )
    assert "Anmälda: 1 mentor och 0 adepter." in html
