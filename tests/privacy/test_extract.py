"""The register extract: everything held about the person, nothing about anyone else, audited."""

import json

from django.urls import reverse

from revmentor.core import audit
from revmentor.core.models import AuditEntry
from revmentor.privacy.models import ErasureRequest
from revmentor.programs.models import ContactPerson
from tests.applications.support import make_application
from tests.factories import make_user


def _data_for_participant_and_someone_else(cast):
    mine = make_application(
        cast.program, cast.org_a, applicant=cast.participant, full_name="Pia Deltagare"
    )
    mine.topics.set([cast.program.topics.first()])
    ContactPerson.objects.create(
        program=cast.program, name="Pia Deltagare", email=cast.participant.email, phone="08-1"
    )
    ErasureRequest.objects.create(
        program=cast.other_program,
        person=cast.participant,
        person_label=cast.participant.email,
        reason="Jag har slutat.",
    )
    audit.record(actor=cast.participant, action="application.submitted", program=cast.program)
    stranger = make_user("stranger@test.example", full_name="Stina Främling")
    make_application(cast.program, cast.org_b, applicant=stranger, manager_email="boss@b.example")
    ErasureRequest.objects.create(
        program=cast.program, person=stranger, person_label=stranger.email, reason="Hemligt."
    )
    return mine


def test_the_extract_holds_everything_about_the_person_and_nothing_of_anyone_else(cast, client_for):
    application = _data_for_participant_and_someone_else(cast)
    response = client_for("participant").get(reverse("privacy:my_extract_json"))
    data = json.loads(response.content)["data"]

    assert response["Content-Disposition"] == (
        f'attachment; filename="revmentor-extract-{cast.participant.public_id}.json"'
    )
    # Every registered app contributes; these four hold this test's data.
    assert {"account", "applications", "privacy", "programs"} <= set(data)
    assert data["account"]["email"] == "participant@test.example"
    assert data["account"]["name"] == "Pia Deltagare"
    assert data["account"]["roles"] == []
    assert data["account"]["actions_in_audit_trail"] == [
        {
            "at": AuditEntry.objects.get(action="application.submitted").at.isoformat(),
            "action": "application.submitted",
            "program": cast.program.title,
        }
    ]
    [extracted] = data["applications"]["applications"]
    assert (extracted["program"], extracted["name"], extracted["email"], extracted["topics"]) == (
        cast.program.title,
        "Pia Deltagare",
        "participant@test.example",
        ["Digitala verktyg"],
    )
    assert (extracted["manager_email"], extracted["phone"], extracted["unit"]) == (
        application.manager_email,
        "070-123 45 67",
        "Enheten",
    )
    assert data["programs"]["contact_person_for"] == [
        {
            "program": cast.program.title,
            "name": "Pia Deltagare",
            "organisation": "",
            "email": "participant@test.example",
            "phone": "08-1",
        }
    ]
    assert [r["reason"] for r in data["privacy"]["erasure_requests"]] == ["Jag har slutat."]
    text = response.content.decode()
    for foreign in ("stranger@test.example", "Stina", "boss@b.example", "Hemligt", "hr.a@"):
        assert foreign not in text


def test_every_extract_is_audited(cast, client_for):
    client = client_for("participant")
    client.get(reverse("privacy:my_extract"))
    client.get(reverse("privacy:my_extract_json"))
    entries = AuditEntry.objects.filter(action="privacy.extract_produced")
    assert [(e.actor, e.object_id, e.summary) for e in entries] == [
        (cast.participant, str(cast.participant.pk), "own extract")
    ] * 2


def test_the_readable_extract_shows_the_persons_data(cast, client_for):
    _data_for_participant_and_someone_else(cast)
    response = client_for("participant").get(reverse("privacy:my_extract"))
    assert "Jag har slutat." in response.text
    assert "Enheten" in response.text
    assert "stranger@test.example" not in response.text


def test_coordinator_produces_the_extract_of_a_person_in_their_program(cast, client_for):
    _data_for_participant_and_someone_else(cast)
    response = client_for("coordinator").post(
        reverse("privacy:extract_for", args=[cast.program.slug]),
        {"email": "PARTICIPANT@test.example", "format": "json"},
    )
    data = json.loads(response.content)["data"]
    assert data["account"]["email"] == "participant@test.example"
    entry = AuditEntry.objects.get(action="privacy.extract_produced")
    assert (entry.actor, entry.program, entry.summary) == (
        cast.coordinator,
        cast.program,
        f"extract for user #{cast.participant.pk}",
    )


def test_coordinator_cannot_tell_an_outsider_from_a_person_who_does_not_exist(cast, client_for):
    make_application(cast.other_program, cast.org_a, applicant=cast.participant)
    client = client_for("coordinator")
    url = reverse("privacy:extract_for", args=[cast.program.slug])
    outsider = client.post(url, {"email": cast.participant.email, "format": "json"})
    nobody = client.post(url, {"email": "nobody@test.example", "format": "json"})
    assert (outsider.status_code, nobody.status_code) == (200, 200)
    assert outsider.context["form"].errors == nobody.context["form"].errors
    assert AuditEntry.objects.filter(action="privacy.extract_produced").count() == 0


def test_another_programs_coordinator_gets_404_for_the_extract_page(cast, client_for):
    response = client_for("other_coordinator").post(
        reverse("privacy:extract_for", args=[cast.program.slug]),
        {"email": cast.participant.email, "format": "json"},
    )
    assert response.status_code == 404
