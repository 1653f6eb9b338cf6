"""The coordinator: nominations across organisations, closing the step, the e-mail texts."""

from django.urls import reverse

from revmentor.applications.models import EmailTemplate
from revmentor.core.models import AuditEntry
from tests.applications.support import form_data, make_application
from tests.querycount import assert_constant_queries


def test_coordinator_sees_nominations_of_every_organisation_with_places(cast, client_for):
    make_application(cast.program, cast.org_a, full_name="Anna A", status="nominated")
    make_application(cast.program, cast.org_b, full_name="Bertil B", status="nominated")
    make_application(cast.program, cast.org_b, full_name="Dora Utkast", status="draft")
    response = client_for("coordinator").get(
        reverse("applications:nominations", kwargs={"slug": cast.program.slug})
    )
    content = response.content.decode()
    assert ("Anna A" in content, "Bertil B" in content, "Dora Utkast" in content) == (
        True,
        True,
        False,
    )
    assert [
        (p.organisation.name, p.nominated, p.places_left)
        for p in response.context["participations"]
    ] == [("Organisation A", 1, 1), ("Organisation B", 1, 1)]
    assert (response.context["places"], response.context["nominated"]) == (4, 2)


def test_closing_the_nomination_step_moves_the_program_to_matching(cast, client_for):
    cast.program.status = "nominating"
    cast.program.save()
    client_for("coordinator").post(
        reverse("applications:nominations_close", kwargs={"slug": cast.program.slug})
    )
    cast.program.refresh_from_db()
    assert cast.program.status == "matching"
    entry = AuditEntry.objects.get(action="program.status_changed")
    assert (entry.before, entry.after) == ({"status": "nominating"}, {"status": "matching"})


def test_closing_is_refused_while_applications_are_open(cast, client_for):
    response = client_for("coordinator").post(
        reverse("applications:nominations_close", kwargs={"slug": cast.program.slug}),
        follow=True,
    )
    cast.program.refresh_from_db()
    assert cast.program.status == "open"
    assert "Bara ett program i anmälningssteget" in response.content.decode()


def test_own_e_mail_text_is_previewed_saved_and_used(cast, client_for, run_tasks):
    url = reverse(
        "applications:email_template_edit",
        kwargs={"slug": cast.program.slug, "kind": "receipt", "language": "sv"},
    )
    client = client_for("coordinator")
    standard = client.get(url)
    assert "Din ansökan till" in standard.content.decode()
    data = {"subject": "Tack {name}!", "body": "Vi har fått din ansökan till {program}."}
    preview = client.post(url, {**data, "preview": "1"})
    assert "Vi har fått din ansökan till Omvänt mentorskap" in preview.content.decode()
    assert EmailTemplate.objects.count() == 0
    client.post(url, {**data, "save": "1"})
    assert EmailTemplate.objects.get().subject == "Tack {name}!"
    participant = client_for("participant")
    participant.post(
        reverse("applications:apply", kwargs={"slug": cast.program.slug}),
        {"employment_type": "permanent", "profile_kind": "mentor", "birth_year": "1996"},
    )
    participant.post(
        reverse("applications:edit", kwargs={"slug": cast.program.slug}), form_data(cast)
    )
    receipt = next(m for m in run_tasks() if m.to == ["participant@test.example"])
    assert receipt.subject == "Tack Pia Deltagare!"
    assert receipt.body == f"Vi har fått din ansökan till {cast.program.title}."


def test_unknown_e_mail_kind_is_404(cast, client_for):
    url = reverse(
        "applications:email_template_edit",
        kwargs={"slug": cast.program.slug, "kind": "nope", "language": "sv"},
    )
    assert client_for("coordinator").get(url).status_code == 404


def test_hr_list_costs_the_same_queries_for_1_and_30_rows(cast, client_for):
    assert_constant_queries(
        client_for("hr_a"),
        reverse("applications:hr_list", kwargs={"slug": cast.program.slug}),
        lambda i: make_application(cast.program, cast.org_a),
    )


def test_coordinator_list_costs_the_same_queries_for_1_and_30_rows(cast, client_for):
    orgs = [cast.org_a, cast.org_b]
    assert_constant_queries(
        client_for("coordinator"),
        reverse("applications:nominations", kwargs={"slug": cast.program.slug}),
        lambda i: make_application(cast.program, orgs[i % 2]),
    )
