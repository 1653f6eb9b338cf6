"""The applicant: eligibility first, then the form with drafts, validation, submission and e-mail."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from revmentor.applications.models import Application
from revmentor.programs import services as program_services
from revmentor.programs.models import Profile, Topic
from tests.applications.support import form_data, make_application
from tests.factories import make_program


def apply_url(cast):
    return reverse("applications:apply", kwargs={"slug": cast.program.slug})


def edit_url(cast):
    return reverse("applications:edit", kwargs={"slug": cast.program.slug})


def start(cast, client, **overrides):
    data = {"employment_type": "permanent", "profile_kind": "mentor", "birth_year": "1996"}
    data.update(overrides)
    return client.post(apply_url(cast), data)


def test_anonymous_is_sent_to_sign_in_before_applying(cast, client_for):
    response = client_for("anonymous").get(apply_url(cast))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:sign_in"))


def test_eligible_applicant_gets_a_draft_and_the_form(cast, client_for):
    client = client_for("participant")
    response = start(cast, client)
    assert response.status_code == 302
    assert response["Location"] == edit_url(cast)
    application = Application.objects.get(applicant=cast.participant)
    assert (application.status, application.profile_kind, application.birth_year) == (
        "draft",
        "mentor",
        1996,
    )
    assert (application.full_name, application.email) == (
        "Pia Deltagare",
        "participant@test.example",
    )


def test_fixed_term_employee_is_told_why_and_whom_to_ask_and_nothing_is_saved(cast, client_for):
    response = start(cast, client_for("participant"), employment_type="fixed_term")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Du kan inte ansöka den här gången" in content
    assert "hr1@org1.test.example" in content or cast.org_a.hr_email_list[0] in content
    assert cast.program.contact_persons.first().email in content
    assert Application.objects.count() == 0


def test_applicant_outside_the_profile_age_is_told_their_age_at_program_start(cast, client_for):
    Profile.objects.filter(program=cast.program, kind="mentor").update(max_age=35)
    year = cast.program.period_start.year
    response = start(cast, client_for("participant"), birth_year=str(year - 40))
    content = response.content.decode()
    assert response.status_code == 200
    assert f"fyller du 40 år {year}" in content
    assert Application.objects.count() == 0


def test_draft_is_saved_with_only_some_fields(cast, client_for):
    client = client_for("participant")
    start(cast, client)
    response = client.post(edit_url(cast), {"unit": "Analysenheten", "draft": "1"})
    assert response.status_code == 302
    application = Application.objects.get(applicant=cast.participant)
    assert (application.status, application.unit) == ("draft", "Analysenheten")


def test_submitting_sends_receipt_hr_notice_and_manager_link(cast, client_for, run_tasks):
    client = client_for("participant")
    start(cast, client)
    response = client.post(edit_url(cast), form_data(cast))
    assert response.status_code == 302
    application = Application.objects.get(applicant=cast.participant)
    assert application.status == "submitted"
    assert application.manager_answer == "pending"
    assert [t.name for t in application.topics.all()] == ["Digitala verktyg"]
    assert (application.languages, application.availability) == (["sv", "en"], ["mon_am", "thu_pm"])
    outbox = run_tasks()
    by_recipient = {tuple(m.to): m for m in outbox}
    assert set(by_recipient) == {
        ("participant@test.example",),
        tuple(sorted([cast.org_a.hr_email_list[0], "hr.a@test.example"])),
        ("maja.chef@test.example",),
    }
    receipt = by_recipient[("participant@test.example",)]
    assert "Enheten för analys" in receipt.body  # the copy of what was sent
    assert "Digitala verktyg" in receipt.body
    manager_mail = by_recipient[("maja.chef@test.example",)]
    assert "/manager/" in manager_mail.body


def test_no_manager_link_when_the_program_does_not_ask_for_it(cast, client_for, run_tasks):
    cast.program.manager_confirmation_required = False
    cast.program.save()
    client = client_for("participant")
    start(cast, client)
    client.post(edit_url(cast), form_data(cast))
    assert Application.objects.get().manager_answer == "not_asked"
    assert "maja.chef@test.example" not in [a for m in run_tasks() for a in m.to]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "inte-en-adress", "Fyll i en giltig e-postadress."),
        ("manager_email", "chef@", "Fyll i en giltig e-postadress."),
        ("phone", "ring mig", "Ange ett telefonnummer med bara siffror"),
        ("birth_year", "1939", "Ange ett födelseår mellan 1940 och"),
        ("birth_year", str(timezone.localdate().year - 15), "Ange ett födelseår mellan 1940 och"),
        ("topics_text", "x" * 2001, "som mest 2000 tecken"),
        ("organisation", "999999", "Välj ett giltigt alternativ."),
        ("topics", ["999999"], "Välj ett giltigt alternativ."),
        ("topics", ["abc"], "“abc” är inte ett giltigt värde."),
        ("employment_type", "hourly", "tillsvidareanställda"),
        ("discussed_with_manager", None, "Prata med din chef"),
        ("privacy_acknowledged", None, "Läs integritetsinformationen"),
    ],
)
def test_bad_input_is_refused_beside_the_field_and_nothing_is_sent(
    cast, client_for, field, value, message
):
    client = client_for("participant")
    start(cast, client)
    data = form_data(cast)
    if value is None:
        data.pop(field)
    else:
        data[field] = value
    response = client.post(edit_url(cast), data)
    content = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in content
    assert f'id="id_{field}_error"' in content
    assert message in content
    application = Application.objects.get()
    assert (application.status, application.unit) == ("draft", "")


def test_an_organisation_of_another_program_is_refused(cast, client_for):
    from tests.factories import make_organisation

    outsider = make_organisation("Organisation X")
    client = client_for("participant")
    start(cast, client)
    response = client.post(edit_url(cast), form_data(cast, organisation=str(outsider.pk)))
    assert "Välj ett giltigt alternativ." in response.content.decode()
    assert Application.objects.get().organisation_id is None


def test_a_topic_of_another_program_is_refused(cast, client_for):
    other_topic = Topic.objects.filter(program=cast.other_program).first()
    client = client_for("participant")
    start(cast, client)
    response = client.post(edit_url(cast), form_data(cast, topics=[str(other_topic.pk)]))
    assert response.status_code == 200
    assert Application.objects.get().status == "draft"


def test_one_application_per_person_and_program_in_the_database(cast):
    make_application(cast.program, cast.org_a, applicant=cast.participant)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_application(cast.program, cast.org_b, applicant=cast.participant)


def test_a_second_start_leads_to_the_existing_application(cast, client_for):
    client = client_for("participant")
    start(cast, client)
    response = start(cast, client, profile_kind="adept", birth_year="1965")
    assert response["Location"] == edit_url(cast)
    assert Application.objects.get().profile_kind == "mentor"


def test_posting_after_the_deadline_is_refused_and_nothing_saved(cast, client_for):
    client = client_for("participant")
    start(cast, client)
    cast.program.application_deadline = timezone.now() - timedelta(minutes=1)
    cast.program.save()
    response = client.post(edit_url(cast), form_data(cast))
    assert response.status_code == 200
    assert response.templates[0].name == "applications/closed.html"
    assert "Inget sparades." in response.content.decode()
    assert Application.objects.get().status == "draft"


def test_the_apply_page_says_closed_after_the_deadline(cast, client_for):
    cast.program.application_deadline = timezone.now() - timedelta(minutes=1)
    cast.program.save()
    response = client_for("participant").post(
        apply_url(cast), {"employment_type": "permanent", "profile_kind": "mentor"}
    )
    assert "Ansökan är stängd" in response.content.decode()
    assert Application.objects.count() == 0


def test_the_form_shows_the_postponed_deadline(cast, client_for):
    client = client_for("participant")
    start(cast, client)
    program_services.change_deadline(
        program=cast.program,
        new_deadline=cast.program.application_deadline + timedelta(days=7),
        reason="Fler myndigheter ansluter.",
        changed_by=cast.coordinator,
    )
    content = client.get(edit_url(cast)).content.decode()
    assert "Sista ansökningsdag har skjutits upp." in content
    assert "Fler myndigheter ansluter." in content


def test_html_in_free_text_is_shown_as_text(cast, client_for):
    client = client_for("participant")
    start(cast, client)
    client.post(edit_url(cast), form_data(cast, topics_text="<script>alert(1)</script>"))
    content = client.get(
        reverse("applications:status", kwargs={"slug": cast.program.slug})
    ).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "<script>alert(1)" not in content


def test_the_applicant_can_change_a_sent_application_until_the_deadline(cast, client_for):
    client = client_for("participant")
    start(cast, client)
    client.post(edit_url(cast), form_data(cast))
    response = client.post(edit_url(cast), form_data(cast, unit="Ny enhet"))
    assert response.status_code == 302
    application = Application.objects.get()
    assert (application.status, application.unit) == ("submitted", "Ny enhet")


def test_withdrawal_of_a_sent_application(cast, client_for):
    application = make_application(cast.program, cast.org_a, applicant=cast.participant)
    client_for("participant").post(
        reverse("applications:withdraw", kwargs={"slug": cast.program.slug})
    )
    application.refresh_from_db()
    assert application.status == "withdrawn"
    assert application.withdrawn_at is not None


def test_the_start_page_lists_my_applications(cast, client_for):
    make_application(cast.program, cast.org_a, applicant=cast.participant)
    content = client_for("participant").get(reverse("core:home")).content.decode()
    assert "Mina ansökningar" in content
    assert reverse("applications:status", kwargs={"slug": cast.program.slug}) in content


def test_the_program_page_links_to_the_application(cast, client_for):
    content = client_for("anonymous").get(cast.program.get_absolute_url()).content.decode()
    assert apply_url(cast) in content


def test_a_draft_program_has_no_application_form(db, client_for, cast):
    draft = make_program(organisations=[cast.org_a], status="draft")
    response = client_for("participant").get(
        reverse("applications:apply", kwargs={"slug": draft.slug})
    )
    assert response.status_code == 404
