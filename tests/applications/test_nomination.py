"""Local HR decides within its places; the database keeps the count; other organisations see 404."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from revmentor.applications import services
from revmentor.applications.models import Application
from revmentor.core.models import AuditEntry
from revmentor.programs.forms import ParticipationFormSet
from revmentor.programs.models import Participation
from tests.applications.support import make_application, participation


def detail_url(cast, application):
    return reverse(
        "applications:hr_detail",
        kwargs={"slug": cast.program.slug, "public_id": application.public_id},
    )


def test_hr_nominates_within_the_places_and_the_applicant_is_told(cast, client_for, run_tasks):
    application = make_application(cast.program, cast.org_a, applicant=cast.participant)
    response = client_for("hr_a").post(
        detail_url(cast, application), {"decision": "nominated", "reason": "Välkommen!"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.status, application.decided_by) == ("nominated", cast.hr_a)
    assert participation(cast.program, cast.org_a).nominated == 1
    [mail] = run_tasks()
    assert mail.to == ["participant@test.example"]
    assert "Välkommen!" in mail.body
    entry = AuditEntry.objects.get(action="application.decided")
    assert (entry.before, entry.after) == (
        {"status": "submitted"},
        {"status": "nominated", "reason": "Välkommen!"},
    )


def test_hr_cannot_nominate_beyond_the_places(cast, client_for):
    first, second, third = (make_application(cast.program, cast.org_a) for _ in range(3))
    client = client_for("hr_a")
    client.post(detail_url(cast, first), {"decision": "nominated"})
    client.post(detail_url(cast, second), {"decision": "nominated"})
    response = client.post(detail_url(cast, third), {"decision": "nominated"})
    assert "Organisation A har inga platser kvar" in response.content.decode()
    third.refresh_from_db()
    assert third.status == "submitted"
    assert participation(cast.program, cast.org_a).nominated == 2


def test_the_database_refuses_more_nominated_than_places(cast):
    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.filter(program=cast.program, organisation=cast.org_a).update(
            nominated=3
        )


def test_hr_of_another_organisation_gets_404_on_the_application(cast, client_for):
    application = make_application(cast.program, cast.org_a)
    client = client_for("hr_b")
    assert client.get(detail_url(cast, application)).status_code == 404
    assert client.post(detail_url(cast, application), {"decision": "nominated"}).status_code == 404
    application.refresh_from_db()
    assert application.status == "submitted"


def test_hr_list_shows_only_its_own_organisation_and_no_drafts(cast, client_for):
    make_application(cast.program, cast.org_a, full_name="Anna Egen")
    make_application(cast.program, cast.org_a, full_name="Dora Utkast", status="draft")
    make_application(cast.program, cast.org_b, full_name="Bertil Annan")
    content = (
        client_for("hr_a")
        .get(reverse("applications:hr_list", kwargs={"slug": cast.program.slug}))
        .content.decode()
    )
    assert "Anna Egen" in content
    assert "Dora Utkast" not in content
    assert "Bertil Annan" not in content


def test_hr_list_filters_and_shows_places_and_cost(cast, client_for):
    make_application(cast.program, cast.org_a, full_name="Mona Mentor", status="nominated")
    make_application(cast.program, cast.org_a, full_name="Adam Adept", profile_kind="adept")
    url = reverse("applications:hr_list", kwargs={"slug": cast.program.slug})
    response = client_for("hr_a").get(url, {"profile": "adept"})
    content = response.content.decode()
    assert "Adam Adept" in content
    assert "Mona Mentor" not in content
    assert response.context["cost"] == Decimal("5000.00")
    [row] = response.context["participations"]
    assert (row.places, row.nominated, row.places_left) == (2, 1, 1)


def test_bulk_decision_previews_the_e_mail_then_decides_all(cast, client_for, run_tasks):
    a, b = (make_application(cast.program, cast.org_a) for _ in range(2))
    client = client_for("hr_a")
    url = reverse("applications:hr_bulk", kwargs={"slug": cast.program.slug})
    data = {"bulk-applications": [str(a.public_id), str(b.public_id)], "bulk-decision": "nominated"}
    preview = client.post(url, data)
    assert preview.status_code == 200
    assert "Du är anmäld till" in preview.content.decode()
    assert Application.objects.filter(status="nominated").count() == 0
    client.post(url, {**data, "confirm": "1"})
    assert Application.objects.filter(status="nominated").count() == 2
    assert participation(cast.program, cast.org_a).nominated == 2
    assert len(run_tasks()) == 2


def test_bulk_decision_is_all_or_nothing_when_places_run_out(cast, client_for, run_tasks):
    apps = [make_application(cast.program, cast.org_a) for _ in range(3)]
    client = client_for("hr_a")
    url = reverse("applications:hr_bulk", kwargs={"slug": cast.program.slug})
    data = {
        "bulk-applications": [str(a.public_id) for a in apps],
        "bulk-decision": "nominated",
        "confirm": "1",
    }
    response = client.post(url, data, follow=True)
    assert "Organisation A har 2 platser kvar, du valde 3" in response.content.decode()
    assert Application.objects.filter(status="nominated").count() == 0
    assert participation(cast.program, cast.org_a).nominated == 0
    assert run_tasks() == []


def test_bulk_decision_cannot_touch_another_organisation(cast, client_for):
    other = make_application(cast.program, cast.org_b)
    url = reverse("applications:hr_bulk", kwargs={"slug": cast.program.slug})
    response = client_for("hr_a").post(
        url,
        {"bulk-applications": [str(other.public_id)], "bulk-decision": "nominated", "confirm": "1"},
    )
    assert response.status_code == 200  # the form is shown again with the error
    other.refresh_from_db()
    assert other.status == "submitted"


def test_un_nominating_frees_the_place(cast):
    application = make_application(cast.program, cast.org_a, status="nominated")
    services.decide(application=application, decision="waitlisted", decided_by=cast.hr_a)
    assert participation(cast.program, cast.org_a).nominated == 0


def test_withdrawal_after_nomination_frees_the_place_and_tells_hr(cast, client_for, run_tasks):
    application = make_application(
        cast.program, cast.org_a, applicant=cast.participant, status="nominated"
    )
    client_for("participant").post(
        reverse("applications:withdraw", kwargs={"slug": cast.program.slug})
    )
    application.refresh_from_db()
    assert application.status == "withdrawn"
    assert participation(cast.program, cast.org_a).nominated == 0
    [mail] = run_tasks()
    assert mail.to == sorted([cast.org_a.hr_email_list[0], "hr.a@test.example"])
    assert "Platsen är ledig igen." in mail.body


def test_coordinator_places_form_refuses_fewer_places_than_nominated(cast):
    make_application(cast.program, cast.org_a, status="nominated")
    make_application(cast.program, cast.org_a, status="nominated")
    rows = list(cast.program.participations.order_by("pk"))
    data = {
        "organisations-TOTAL_FORMS": "2",
        "organisations-INITIAL_FORMS": "2",
        "organisations-MIN_NUM_FORMS": "0",
        "organisations-MAX_NUM_FORMS": "200",
    }
    for i, row in enumerate(rows):
        data[f"organisations-{i}-id"] = str(row.pk)
        data[f"organisations-{i}-organisation"] = str(row.organisation_id)
        data[f"organisations-{i}-places"] = "1" if row.organisation_id == cast.org_a.pk else "2"
    formset = ParticipationFormSet(data, instance=cast.program, prefix="organisations")
    assert not formset.is_valid()
    assert "2 är redan anmälda" in str(formset.errors) or "2 are already nominated" in str(
        formset.errors
    )


def test_decisions_stop_when_the_nomination_step_is_closed(cast):
    application = make_application(cast.program, cast.org_a)
    cast.program.status = "matching"
    cast.program.save()
    with pytest.raises(services.ApplicationError):
        services.decide(application=application, decision="nominated", decided_by=cast.hr_a)


def test_late_registration_after_the_deadline_is_recorded(cast, client_for, run_tasks):
    from django.utils import timezone

    from tests.applications.support import form_data

    cast.program.application_deadline = timezone.now() - timezone.timedelta(days=1)
    cast.program.save()
    data = form_data(cast, email="sen.sokande@test.example", full_name="Sen Sökande")
    data["reason"] = "Var föräldraledig vid sista ansökningsdag."
    response = client_for("hr_a").post(
        reverse("applications:hr_late", kwargs={"slug": cast.program.slug}), data
    )
    assert response.status_code == 302
    application = Application.objects.get(applicant__email="sen.sokande@test.example")
    assert (
        application.status,
        application.registered_by,
        application.late_registration_reason,
    ) == (
        "submitted",
        cast.hr_a,
        "Var föräldraledig vid sista ansökningsdag.",
    )
    entry = AuditEntry.objects.get(action="application.late_registered")
    assert entry.summary == "Var föräldraledig vid sista ansökningsdag."
    assert {tuple(m.to)[0] for m in run_tasks()} >= {"sen.sokande@test.example"}


def test_late_registration_refuses_another_organisation(cast, client_for):
    from tests.applications.support import form_data

    data = form_data(cast, email="x@test.example", organisation=str(cast.org_b.pk))
    data["reason"] = "Skäl"
    response = client_for("hr_a").post(
        reverse("applications:hr_late", kwargs={"slug": cast.program.slug}), data
    )
    assert response.status_code == 200
    assert Application.objects.count() == 0
