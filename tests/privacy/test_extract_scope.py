"""Extracts are scoped: a coordinator's covers their program's people and data only; the
operator's full extract is audited in every program whose data it holds."""

import json

from django.urls import reverse

from revmentor.core import audit
from revmentor.core.models import AuditEntry, Role
from tests.applications.support import make_application
from tests.factories import make_user


def _person_in_program_a(cast):
    """Xenia applied to program A only, with a phone number and a birth year."""
    xenia = make_user("xenia@test.example", full_name="Xenia Exempel")
    make_application(cast.program, cast.org_a, applicant=xenia, full_name="Xenia Exempel")
    audit.record(actor=xenia, action="application.submitted", program=cast.program)
    return xenia


def test_coordinator_cannot_reach_a_person_by_granting_them_a_role(cast, client_for):
    """Coordinator B grants X (who applied to A only) a role in B, then asks for X's extract."""
    xenia = _person_in_program_a(cast)
    Role.objects.create(
        user=xenia, kind=Role.Kind.HR, program=cast.other_program, organisation=cast.org_a
    )
    response = client_for("other_coordinator").post(
        reverse("privacy:extract_for", args=[cast.other_program.slug]),
        {"email": "xenia@test.example", "format": "json"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "email": ["Ingen med den e-postadressen har ansökt till eller deltagit i programmet."]
    }
    assert "070-123" not in response.text and cast.program.title not in response.text
    assert not AuditEntry.objects.filter(action="privacy.extract_produced").exists()


def test_coordinators_extract_holds_only_their_programs_data(cast, client_for):
    xenia = _person_in_program_a(cast)
    make_application(cast.other_program, cast.org_a, applicant=xenia, full_name="Xenia i B")
    response = client_for("other_coordinator").post(
        reverse("privacy:extract_for", args=[cast.other_program.slug]),
        {"email": "xenia@test.example", "format": "json"},
    )
    data = json.loads(response.content)["data"]
    assert [a["program"] for a in data["applications"]["applications"]] == [
        cast.other_program.title
    ]
    assert data["account"] == {
        "email": "xenia@test.example",
        "name": "Xenia Exempel",
        "roles": [],
        "actions_in_audit_trail": [],
    }
    assert cast.program.title not in response.content.decode()
    entries = AuditEntry.objects.filter(action="privacy.extract_produced")
    assert [(e.actor, e.program) for e in entries] == [(cast.other_coordinator, cast.other_program)]


def test_operator_produces_the_full_extract_audited_in_every_program(cast, client_for):
    xenia = _person_in_program_a(cast)
    make_application(cast.other_program, cast.org_a, applicant=xenia, full_name="Xenia i B")
    response = client_for("operator").post(
        reverse("privacy:operator_extract"), {"email": "XENIA@test.example", "format": "json"}
    )
    data = json.loads(response.content)["data"]
    assert sorted(a["program"] for a in data["applications"]["applications"]) == sorted(
        [cast.program.title, cast.other_program.title]
    )
    entries = AuditEntry.objects.filter(action="privacy.extract_produced").order_by("program_id")
    assert [(e.actor, e.program) for e in entries] == [
        (cast.operator, cast.program),
        (cast.operator, cast.other_program),
    ]


def test_operator_extract_needs_the_second_factor(cast):
    from django.test import Client

    from tests.auth import sign_in

    client = sign_in(Client(), cast.operator, second_factor=False)
    response = client.post(
        reverse("privacy:operator_extract"), {"email": "participant@test.example", "format": "json"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:step_up"))
    assert not AuditEntry.objects.filter(action="privacy.extract_produced").exists()
