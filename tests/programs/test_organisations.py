"""Shared organisations belong to the operator; each program keeps its own places and HR contacts."""

from unittest import mock

from django.db.models import F
from django.urls import reverse

from revmentor.core.models import AuditEntry
from revmentor.programs import forms as program_forms
from revmentor.programs.models import Organisation, Participation
from revmentor.programs.queries import hr_emails_for
from tests.applications.support import participation


def _places_post(cast, client, **changes):
    url = reverse("programs:organisations", kwargs={"slug": cast.program.slug})
    formset = client.get(url).context["formset"]
    data = {
        "organisations-TOTAL_FORMS": "2",
        "organisations-INITIAL_FORMS": "2",
        "organisations-MIN_NUM_FORMS": "0",
        "organisations-MAX_NUM_FORMS": "1000",
    }
    for i, form in enumerate(formset.forms[:2]):
        row = form.instance
        data[f"organisations-{i}-id"] = row.pk
        data[f"organisations-{i}-organisation"] = row.organisation_id
        data[f"organisations-{i}-places"] = str(
            changes.get(row.organisation.short_name, row.places)
        )
        data[f"organisations-{i}-hr_emails"] = row.hr_emails
    return url, data


def _nominate_meanwhile(organisation, count=1):
    """A ParticipationForm.clean that lets HR nominate after the page's rows were loaded."""
    original = program_forms.ParticipationForm.clean

    def clean(self):
        if self.instance.organisation_id == organisation.pk:
            Participation.objects.filter(pk=self.instance.pk).update(
                nominated=F("nominated") + count
            )
        return original(self)

    return mock.patch.object(program_forms.ParticipationForm, "clean", clean)


def test_a_nomination_made_while_the_places_page_saves_is_kept(cast, client_for):
    client = client_for("coordinator")
    url, data = _places_post(cast, client, A=3)
    with _nominate_meanwhile(cast.org_a):
        assert client.post(url, data).status_code == 302
    row = participation(cast.program, cast.org_a)
    assert (row.places, row.nominated) == (3, 1)


def test_places_cannot_drop_below_a_nomination_made_meanwhile(cast, client_for):
    client = client_for("coordinator")
    url, data = _places_post(cast, client, A=1, B=5)
    with _nominate_meanwhile(cast.org_a, count=2):
        response = client.post(url, data)
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "Organisation A har anmält fler deltagare under tiden; platserna kan inte vara färre."
    ]
    # Nothing half-saved: B's change is rolled back with A's.
    assert [(p.places, p.nominated) for p in cast.program.participations.order_by("pk")] == [
        (2, 2),
        (2, 0),
    ]


def test_each_program_keeps_its_own_hr_contacts(cast, client_for):
    """Program B's coordinator changes org A's HR address in B: A's mail still goes to A's."""
    Participation.objects.filter(program=cast.other_program, organisation=cast.org_a).update(
        hr_emails="hr@program-b.test.example"
    )
    a_contacts = participation(cast.program, cast.org_a).hr_emails
    assert hr_emails_for(cast.program, cast.org_a) == [a_contacts, "hr.a@test.example"]
    assert hr_emails_for(cast.other_program, cast.org_a) == [
        "hr@program-b.test.example",
        "other.hr@test.example",
    ]


def test_coordinator_saves_hr_contacts_for_their_program_only(cast, client_for):
    client = client_for("other_coordinator")
    url = reverse("programs:organisations", kwargs={"slug": cast.other_program.slug})
    formset = client.get(url).context["formset"]
    data = {
        "organisations-TOTAL_FORMS": "2",
        "organisations-INITIAL_FORMS": "2",
        "organisations-MIN_NUM_FORMS": "0",
        "organisations-MAX_NUM_FORMS": "1000",
    }
    for i, form in enumerate(formset.forms[:2]):
        row = form.instance
        data[f"organisations-{i}-id"] = row.pk
        data[f"organisations-{i}-organisation"] = row.organisation_id
        data[f"organisations-{i}-places"] = str(row.places)
        data[f"organisations-{i}-hr_emails"] = (
            "outside@elsewhere.example" if row.organisation == cast.org_a else row.hr_emails
        )
    assert client.post(url, data).status_code == 302
    assert participation(cast.other_program, cast.org_a).hr_emails == "outside@elsewhere.example"
    assert participation(cast.program, cast.org_a).hr_emails.endswith("test.example")
    assert "outside@" not in participation(cast.program, cast.org_a).hr_emails
    entry = AuditEntry.objects.get(action="program.hr_contacts_changed")
    assert (entry.program, entry.summary) == (cast.other_program, "Organisation A")


def test_coordinator_cannot_edit_a_shared_organisation(cast, client_for):
    client = client_for("coordinator")
    edit = reverse("programs:registry_edit", kwargs={"public_id": cast.org_a.public_id})
    response = client.post(edit, {"name": "Kapad", "short_name": "K"})
    assert response.status_code == 404
    assert Organisation.objects.get(pk=cast.org_a.pk).name == "Organisation A"


def test_operator_renames_an_organisation_audited_in_every_program_using_it(cast, client_for):
    client = client_for("operator")
    edit = reverse("programs:registry_edit", kwargs={"public_id": cast.org_a.public_id})
    response = client.post(edit, {"name": "Organisation Alfa", "short_name": "AL"})
    assert response.status_code == 302
    assert Organisation.objects.get(pk=cast.org_a.pk).name == "Organisation Alfa"
    # NULL (the site-level entry) first on every database: PostgreSQL sorts NULLs last.
    entries = AuditEntry.objects.filter(action="organisation.changed").order_by(
        F("program_id").asc(nulls_first=True)
    )
    assert [(e.program, e.actor) for e in entries] == [
        (None, cast.operator),
        (cast.program, cast.operator),
        (cast.other_program, cast.operator),
    ]
    assert entries[1].before == {"name": "Organisation A", "short_name": "A"}
    audit_page = client_for("coordinator").get(
        reverse("core:audit", kwargs={"slug": cast.program.slug})
    )
    shown = [
        (e.action, e.after) for e in audit_page.context["page_obj"] if e.action.startswith("org")
    ]
    assert shown == [("organisation.changed", {"name": "Organisation Alfa", "short_name": "AL"})]
    assert "<code>organisation.changed</code>" in audit_page.text


def test_operator_adds_an_organisation_and_bad_input_saves_nothing(cast, client_for):
    client = client_for("operator")
    create = reverse("programs:registry_create")
    duplicate = client.post(create, {"name": "Organisation A", "short_name": "X"})
    assert duplicate.status_code == 200
    assert list(duplicate.context["form"].errors) == ["name"]
    assert client.post(create, {"name": "Nya verket", "short_name": "NV"}).status_code == 302
    created = Organisation.objects.get(name="Nya verket")
    entry = AuditEntry.objects.get(action="organisation.created")
    assert (entry.program, entry.object_id) == (None, str(created.pk))
