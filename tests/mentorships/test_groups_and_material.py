"""Groups of pairs, and joint meeting material served only to those who may see it."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from revmentor.core.models import AuditEntry
from revmentor.mentorships.models import Attendance, MeetingMaterial, Mentorship
from tests.mentorships.support import PDF, meeting_in, other_pair, participant_pair


def test_the_coordinator_gathers_pairs_into_a_group_with_its_own_page(cast, client_for):
    mine, theirs = participant_pair(cast), other_pair(cast)
    meeting = meeting_in(cast.program, 5, title="Framtidsspaning")
    Attendance.objects.create(meeting=meeting, application=theirs.mentor, answer="attending")
    coordinator = client_for("coordinator")
    response = coordinator.post(
        reverse("mentorships:group_create", kwargs={"slug": cast.program.slug}),
        {"name": "Grupp Syd", "pairs": [mine.pk, theirs.pk]},
    )
    assert response.status_code == 302
    assert set(Mentorship.objects.values_list("group__name", flat=True)) == {"Grupp Syd"}
    group = mine.__class__.objects.get(pk=mine.pk).group
    url = reverse("mentorships:group", kwargs={"slug": cast.program.slug, "group": group.public_id})
    page = client_for("participant").get(url)
    assert [(p.mentor.full_name, p.adept.full_name) for p in page.context["pairs"]] == [
        ("Pia Deltagare", "Adam Adept"),
        ("Olga Annan", "Arvid Annan"),
    ]
    assert [m.coming for m in page.context["meetings"]] == [[theirs.mentor]]
    assert AuditEntry.objects.filter(action="mentorships.group_saved").count() == 1
    again = coordinator.post(
        reverse("mentorships:group_create", kwargs={"slug": cast.program.slug}),
        {"name": "grupp syd"},
    )
    assert "Programmet har redan en grupp med det namnet." in again.content.decode()


def test_a_participant_outside_the_group_gets_404(cast, client_for):
    from tests.mentorships.support import group_of

    participant_pair(cast)
    group = group_of(cast, other_pair(cast))
    url = reverse("mentorships:group", kwargs={"slug": cast.program.slug, "group": group.public_id})
    assert client_for("participant").get(url).status_code == 404


def _upload(client, cast, meeting, name, content):
    return client.post(
        reverse("mentorships:materials", kwargs={"slug": cast.program.slug, "uid": meeting.uid}),
        {"title": "Bilder", "file": SimpleUploadedFile(name, content, "application/pdf")},
    )


def test_material_is_checked_by_content_and_served_to_participants(
    cast, client_for, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    participant_pair(cast)
    meeting = meeting_in(cast.program, -1)
    coordinator = client_for("coordinator")
    refused = _upload(coordinator, cast, meeting, "bilder.pdf", b"MZ\x90\x00 not a pdf")
    assert "Den här sortens fil kan inte laddas upp." in refused.content.decode()
    assert MeetingMaterial.objects.count() == 0
    assert _upload(coordinator, cast, meeting, "bilder.pdf", PDF).status_code == 302
    material = MeetingMaterial.objects.get()
    assert (material.kind, material.size, material.filename) == ("pdf", len(PDF), "bilder.pdf")
    url = reverse(
        "mentorships:material", kwargs={"slug": cast.program.slug, "material": material.public_id}
    )
    response = client_for("participant").get(url)
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == 'attachment; filename="bilder.pdf"'
    page = client_for("participant").get(
        reverse("mentorships:joint_meetings", kwargs={"slug": cast.program.slug})
    )
    assert url in page.content.decode()
    assert not str(material.file.name).endswith(".pdf")  # never stored under its uploaded name


def test_material_over_20_mb_is_refused(cast, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    participant_pair(cast)
    meeting = meeting_in(cast.program, -1)
    big = PDF + b"0" * (20 * 1024 * 1024)
    response = _upload(client_for("coordinator"), cast, meeting, "stor.pdf", big)
    assert "Filen är för stor: högst 20 MB." in response.content.decode()
    assert MeetingMaterial.objects.count() == 0


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def test_a_png_uploaded_as_pdf_is_served_as_a_png(cast, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    participant_pair(cast)
    meeting = meeting_in(cast.program, -1)
    assert _upload(client_for("coordinator"), cast, meeting, "x.pdf", PNG).status_code == 302
    material = MeetingMaterial.objects.get()
    url = reverse(
        "mentorships:material", kwargs={"slug": cast.program.slug, "material": material.public_id}
    )
    response = client_for("participant").get(url)
    assert b"".join(response.streaming_content) == PNG
    assert (response["Content-Type"], response["Content-Disposition"]) == (
        "image/png",
        'attachment; filename="x.png"',
    )
