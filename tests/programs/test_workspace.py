"""The coordinator's program workspace: create, edit, validate, move the deadline, copy."""

from datetime import UTC, date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from revmentor.core.models import AuditEntry, Role
from revmentor.programs.models import JointMeeting, Participation, Program

pytestmark = pytest.mark.django_db

VALID = {
    "title": "Omvänt mentorskap 2030",
    "slug": "omvant-2030",
    "description": "Beskrivning",
    "purpose": "Syfte",
    "setup": "Upplägg",
    "period_start": "2030-04-01",
    "period_end": "2030-11-30",
    "application_deadline": "2030-03-08T23:59",
    "how_to_apply": "Stäm av med din chef.",
    "cost_per_participant": "5000",
    "travel_costs_note": "Resor tillkommer.",
    "expected_effort_hours": "40",
    "meeting_format": "hybrid",
    "manager_confirmation_required": "on",
}


def test_coordinator_creates_a_draft_program_and_becomes_its_coordinator(client_for, cast):
    client = client_for("coordinator")
    response = client.post(reverse("programs:create"), VALID)
    program = Program.objects.get(slug="omvant-2030")
    assert response.status_code == 302
    assert response.url == reverse("programs:manage", kwargs={"slug": "omvant-2030"})
    assert program.status == Program.Status.DRAFT
    assert program.cost_per_participant == Decimal("5000.00")
    assert sorted(program.profiles.values_list("kind", flat=True)) == ["adept", "mentor"]
    assert list(Role.objects.filter(program=program).values_list("user__email", "kind")) == [
        ("coordinator@test.example", "coordinator")
    ]
    assert AuditEntry.objects.filter(program=program, action="program.created").count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"period_end": "2030-03-01"},
            "period_end",
            "Programmet kan inte sluta innan det har börjat.",
        ),
        (
            {"application_deadline": "2030-12-01T12:00"},
            "application_deadline",
            "Sista ansökningsdag kan inte vara efter att programmet har slutat.",
        ),
        (
            {"cost_per_participant": "-1"},
            "cost_per_participant",
            "Kontrollera att detta värde är större än eller lika med 0.",
        ),
        (
            {"application_deadline": "inte ett datum"},
            "application_deadline",
            "Fyll i ett giltigt datum/tid.",
        ),
    ],
)
def test_invalid_program_is_refused_with_a_message_beside_the_field(
    client_for, cast, changes, field, message
):
    response = client_for("coordinator").post(reverse("programs:create"), {**VALID, **changes})
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert f'href="#id_{field}"' in html
    assert not Program.objects.filter(slug="omvant-2030").exists()


def test_negative_places_are_refused_and_nothing_is_saved(client_for, cast):
    client = client_for("coordinator")
    url = reverse("programs:organisations", kwargs={"slug": cast.program.slug})
    formset = client.get(url).context["formset"]
    data = {
        f"organisations-{k}": v
        for k, v in {
            "TOTAL_FORMS": "2",
            "INITIAL_FORMS": "2",
            "MIN_NUM_FORMS": "0",
            "MAX_NUM_FORMS": "1000",
        }.items()
    }
    for i, form in enumerate(formset.forms[:2]):
        data[f"organisations-{i}-id"] = form.instance.pk
        data[f"organisations-{i}-organisation"] = form.instance.organisation_id
        data[f"organisations-{i}-places"] = "-3" if i == 0 else "7"
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["formset"].forms[0].errors["places"] == [
        "Kontrollera att detta värde är större än eller lika med 0."
    ]
    assert sorted(
        Participation.objects.filter(program=cast.program).values_list("places", flat=True)
    ) == [2, 2]


def test_places_change_is_audited_with_before_and_after(client_for, cast):
    client = client_for("coordinator")
    url = reverse("programs:organisations", kwargs={"slug": cast.program.slug})
    formset = client.get(url).context["formset"]
    data = {
        "organisations-TOTAL_FORMS": "2",
        "organisations-INITIAL_FORMS": "2",
        "organisations-MIN_NUM_FORMS": "0",
        "organisations-MAX_NUM_FORMS": "1000",
    }
    for i, form in enumerate(formset.forms[:2]):
        data[f"organisations-{i}-id"] = form.instance.pk
        data[f"organisations-{i}-organisation"] = form.instance.organisation_id
        data[f"organisations-{i}-places"] = str(form.instance.places + (3 if i == 0 else 0))
    assert client.post(url, data).status_code == 302
    entry = AuditEntry.objects.get(action="program.places_changed")
    assert entry.before == {"Organisation A": 2, "Organisation B": 2}
    assert entry.after == {"Organisation A": 5, "Organisation B": 2}
    assert (entry.actor, entry.actor_label) == (cast.coordinator, f"user #{cast.coordinator.pk}")


def test_moving_the_deadline_keeps_history_and_is_audited(client_for, cast):
    program = cast.program
    old = program.application_deadline
    response = client_for("coordinator").post(
        reverse("programs:deadline", kwargs={"slug": program.slug}),
        {
            "new_deadline": (old + timedelta(days=7)).astimezone().strftime("%Y-%m-%dT%H:%M"),
            "reason": "Senarelagt startdatum",
        },
    )
    program.refresh_from_db()
    assert response.status_code == 302
    assert program.application_deadline - old == timedelta(days=7)
    change = program.deadline_changes.get()
    assert (change.old_deadline, change.reason) == (old, "Senarelagt startdatum")
    entry = AuditEntry.objects.get(action="program.deadline_changed")
    assert entry.before == {"application_deadline": old.astimezone(UTC).isoformat()}


def test_deadline_after_the_period_is_refused(client_for, cast):
    program = cast.program
    response = client_for("coordinator").post(
        reverse("programs:deadline", kwargs={"slug": program.slug}),
        {
            "new_deadline": (program.period_end + timedelta(days=1)).strftime("%Y-%m-%dT10:00"),
            "reason": "x",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["new_deadline"] == [
        "Sista ansökningsdag kan inte vara efter att programmet har slutat."
    ]
    assert program.deadline_changes.count() == 0


def test_status_moves_one_step_and_refuses_jumps(client_for, cast):
    client = client_for("coordinator")
    url = reverse("programs:status", kwargs={"slug": cast.program.slug})
    client.post(url, {"status": "closed", "confirmed": "1"})
    cast.program.refresh_from_db()
    assert cast.program.status == "open"
    client.post(url, {"status": "nominating", "confirmed": "1"})
    cast.program.refresh_from_db()
    assert cast.program.status == "nominating"
    assert list(
        AuditEntry.objects.filter(action="program.status_changed").values_list("before", "after")
    ) == [({"status": "open"}, {"status": "nominating"})]


def test_copy_starts_next_years_program_as_a_draft_with_everything_a_year_on(client_for, cast):
    program = cast.program
    meeting = JointMeeting.objects.create(
        program=program,
        title="Träff",
        starts_at=program.application_deadline + timedelta(days=40),
        ends_at=program.application_deadline + timedelta(days=40, hours=2),
        digital_link="https://m.test.example/1",
    )
    response = client_for("coordinator").post(
        reverse("programs:copy", kwargs={"slug": program.slug})
    )
    copy = Program.objects.get(copied_from=program)
    assert response.url == reverse("programs:manage", kwargs={"slug": copy.slug})
    assert copy.status == Program.Status.DRAFT
    assert copy.period_start == program.period_start.replace(year=program.period_start.year + 1)
    assert list(copy.topics.values_list("name", flat=True)) == list(
        program.topics.values_list("name", flat=True)
    )
    assert dict(copy.participations.values_list("organisation__name", "places")) == {
        "Organisation A": 2,
        "Organisation B": 2,
    }
    assert (
        copy.joint_meetings.get().starts_at - meeting.starts_at
        == copy.period_start - program.period_start
    )
    assert set(copy.roles.values_list("user__email", "kind")) == {
        ("coordinator@test.example", "coordinator"),
        ("hr.a@test.example", "hr"),
        ("hr.b@test.example", "hr"),
    }


def test_editing_a_joint_meeting_raises_its_sequence_and_cancel_marks_it(client_for, cast):
    client = client_for("coordinator")
    program = cast.program
    data = {
        "title": "Framtidsspaning",
        "lecturer": "L",
        "topics": "",
        "starts_at": "2030-05-05T13:00",
        "ends_at": "2030-05-05T15:00",
        "digital_link": "https://m.test.example/2",
        "place": "",
    }
    client.post(reverse("programs:meeting_create", kwargs={"slug": program.slug}), data)
    meeting = program.joint_meetings.get()
    assert meeting.sequence == 0
    client.post(
        reverse("programs:meeting_edit", kwargs={"slug": program.slug, "uid": meeting.uid}),
        {**data, "starts_at": "2030-05-06T13:00", "ends_at": "2030-05-06T15:00"},
    )
    meeting.refresh_from_db()
    assert (meeting.sequence, meeting.starts_at.date()) == (1, date(2030, 5, 6))
    client.post(
        reverse("mentorships:meeting_cancel", kwargs={"slug": program.slug, "uid": meeting.uid}),
        {"reason": "Föreläsaren är sjuk."},
    )
    meeting.refresh_from_db()
    assert (meeting.sequence, meeting.cancelled) == (2, True)


def test_meeting_ending_before_it_starts_or_without_place_is_refused(client_for, cast):
    response = client_for("coordinator").post(
        reverse("programs:meeting_create", kwargs={"slug": cast.program.slug}),
        {"title": "T", "starts_at": "2030-05-05T15:00", "ends_at": "2030-05-05T13:00"},
    )
    form = response.context["form"]
    assert form.errors == {
        "ends_at": ["Träffen måste sluta efter att den börjar."],
        "__all__": ["Ange en digital länk, en plats eller båda."],
    }
    assert cast.program.joint_meetings.count() == 0


def test_coordinator_gives_an_hr_role_to_a_new_person_and_removes_it(client_for, cast):
    client = client_for("coordinator")
    url = reverse("programs:roles", kwargs={"slug": cast.program.slug})
    response = client.post(
        url,
        {
            "emails": "Nina HR <Ny.HR@Test.Example>",
            "kind": "hr",
            "organisation": cast.org_a.pk,
        },
    )
    assert response.status_code == 302
    role = Role.objects.get(user__email="ny.hr@test.example")
    assert (role.kind, role.organisation, role.program) == ("hr", cast.org_a, cast.program)
    client.post(
        reverse(
            "programs:role_revoke", kwargs={"slug": cast.program.slug, "public_id": role.public_id}
        )
    )
    assert not Role.objects.filter(user__email="ny.hr@test.example").exists()
    assert list(
        AuditEntry.objects.filter(action__startswith="role.").values_list("action", flat=True)
    ) == ["role.revoked", "role.granted"]


def test_hr_role_for_an_organisation_outside_the_program_is_refused(client_for, cast):
    from tests.factories import make_organisation

    outsider = make_organisation("Utomstående verket")
    response = client_for("coordinator").post(
        reverse("programs:roles", kwargs={"slug": cast.program.slug}),
        {"emails": "x@test.example", "kind": "hr", "organisation": outsider.pk},
    )
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert not Role.objects.filter(user__email="x@test.example").exists()
