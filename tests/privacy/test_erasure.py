"""Erasure: the person asks, a coordinator of the program decides, approval anonymises."""

import uuid

from django.urls import reverse

from revmentor.applications.models import Application
from revmentor.core.models import AuditEntry
from revmentor.privacy.models import ErasureRequest
from tests.applications.support import make_application


def _ask(cast, client_for, program=None):
    return client_for("participant").post(
        reverse("privacy:my_data"),
        {"program": str((program or cast.program).public_id), "reason": "Jag vill bli glömd."},
    )


def test_a_person_files_an_erasure_request_and_the_coordinators_are_told(
    cast, client_for, run_tasks
):
    response = _ask(cast, client_for)
    assert response.status_code == 302
    erasure = ErasureRequest.objects.get()
    assert (erasure.program, erasure.person, erasure.status) == (
        cast.program,
        cast.participant,
        "pending",
    )
    assert [m.to for m in run_tasks()] == [["coordinator@test.example"]]
    assert AuditEntry.objects.filter(action="privacy.erasure_requested").count() == 1


def test_a_forged_program_id_is_refused(cast, client_for):
    response = client_for("participant").post(
        reverse("privacy:my_data"), {"program": str(uuid.uuid4()), "reason": "x"}
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["program"]
    assert ErasureRequest.objects.count() == 0


def _decide(client, cast, erasure, decision):
    return client.post(
        reverse("privacy:erasure_decide", args=[cast.program.slug, erasure.public_id]),
        {"decision": decision, "reason": "Beslut enligt rutin."},
    )


def test_approval_anonymises_the_persons_data_in_the_program_and_is_audited(cast, client_for):
    application = make_application(cast.program, cast.org_a, applicant=cast.participant)
    _ask(cast, client_for)
    erasure = ErasureRequest.objects.get()
    response = _decide(client_for("coordinator"), cast, erasure, "approve")

    assert response.status_code == 302
    application.refresh_from_db()
    cast.participant.refresh_from_db()
    assert (application.full_name, application.email, application.manager_email) == ("", "", "")
    assert application.applicant != cast.participant
    assert (application.status, application.organisation) == ("submitted", cast.org_a)
    assert cast.participant.email.endswith("@erased.invalid")
    assert (cast.participant.full_name, cast.participant.is_active) == ("", False)
    entry = AuditEntry.objects.get(action="privacy.erasure_approved")
    assert (entry.actor, entry.summary, entry.before["status"], entry.after["status"]) == (
        cast.coordinator,
        "Beslut enligt rutin.",
        "pending",
        "approved",
    )
    assert entry.after["anonymised applications"] == 1
    assert Application.objects.filter(program=cast.program).count() == 1


def test_refusal_keeps_the_data_and_records_the_reason(cast, client_for):
    application = make_application(cast.program, cast.org_a, applicant=cast.participant)
    _ask(cast, client_for)
    erasure = ErasureRequest.objects.get()
    _decide(client_for("coordinator"), cast, erasure, "refuse")
    application.refresh_from_db()
    erasure.refresh_from_db()
    assert (application.applicant, erasure.status, erasure.decision_reason) == (
        cast.participant,
        "refused",
        "Beslut enligt rutin.",
    )
    assert AuditEntry.objects.filter(action="privacy.erasure_refused").count() == 1


def test_a_decided_request_cannot_be_decided_again(cast, client_for):
    _ask(cast, client_for)
    erasure = ErasureRequest.objects.get()
    client = client_for("coordinator")
    _decide(client, cast, erasure, "refuse")
    response = _decide(client, cast, erasure, "approve")
    assert response.status_code == 200
    erasure.refresh_from_db()
    assert erasure.status == "refused"


def test_another_programs_coordinator_cannot_see_or_decide_the_request(cast, client_for):
    _ask(cast, client_for)
    erasure = ErasureRequest.objects.get()
    other = client_for("other_coordinator")
    url = reverse("privacy:erasure_decide", args=[cast.other_program.slug, erasure.public_id])
    assert other.post(url, {"decision": "approve", "reason": "x"}).status_code == 404
    assert _decide(other, cast, erasure, "approve").status_code == 404
    erasure.refresh_from_db()
    assert erasure.status == "pending"


def test_the_coordinator_lists_only_their_programs_requests(cast, client_for):
    _ask(cast, client_for)
    _ask(cast, client_for, program=cast.other_program)
    response = client_for("coordinator").get(
        reverse("privacy:erasure_list", args=[cast.program.slug])
    )
    assert [r.program for r in response.context["requests"]] == [cast.program]


def test_a_person_sees_only_their_own_requests(cast, client_for):
    _ask(cast, client_for)
    response = client_for("hr_a").get(reverse("privacy:my_data"))
    assert list(response.context["requests"]) == []
