"""The coordinator's archive page: the package's contents and the disposal list before anything
happens, a confirmation, the package made by the worker, the disposal applied and audited."""

import hashlib
import io
import zipfile

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from revmentor.applications.models import Application
from revmentor.archive import queries
from revmentor.archive.models import ArchivePackage
from revmentor.core.models import AuditEntry
from revmentor.programs.models import Program
from revmentor.programs.services import set_status
from tests.applications.support import make_application
from tests.archive.support import made_package


@pytest.fixture
def closed(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    application = make_application(
        cast.program, cast.org_a, applicant=cast.participant, full_name="Pia Deltagare"
    )
    make_application(cast.program, cast.org_b, full_name="Bo Sökande", status="declined")
    Program.objects.filter(pk=cast.program.pk).update(status=Program.Status.RUNNING)
    cast.program.refresh_from_db()
    set_status(program=cast.program, status=Program.Status.CLOSED, changed_by=cast.coordinator)
    return application


def url(program):
    return reverse("archive:manage", kwargs={"slug": program.slug})


def test_the_page_shows_the_disposal_list_with_counts_and_the_rule(cast, client_for, closed):
    page = client_for("coordinator").get(url(cast.program)).content.decode()
    plan = {
        (item.due.provider, item.due.kind): item.count
        for item in queries.disposal_plan(cast.program)
    }
    assert plan[("applications", "all")] == 2
    assert "<h2>Gallringslista</h2>" in page
    assert "<td>ansökningar</td><td>2</td>" in page
    assert "RA-FS 2021:6" in page
    assert "12 månader efter programmets slut" in page
    assert "Skapa paketet och gallra uppgifterna" in page


def test_without_confirming_the_list_nothing_is_queued(cast, client_for, closed):
    response = client_for("coordinator").post(url(cast.program), {})
    assert response.status_code == 200
    assert "Bekräfta att du har läst gallringslistan." in response.content.decode()
    assert not ArchivePackage.objects.exists()
    assert not DBTaskResult.objects.filter(task_path__startswith="revmentor.archive").exists()


def test_a_program_that_has_not_closed_is_not_archived(cast, client_for, closed):
    Program.objects.filter(pk=cast.program.pk).update(status=Program.Status.RUNNING)
    client = client_for("coordinator")
    page = client.get(url(cast.program)).content.decode()
    assert "Paketet kan skapas när programmet har avslutats. Status nu: pågår." in page
    assert 'name="confirm"' not in page
    client.post(url(cast.program), {"confirm": "on"})
    assert not ArchivePackage.objects.exists()


def test_the_worker_makes_the_package_then_the_records_are_disposed_of(
    cast, client_for, closed, run_tasks
):
    client = client_for("coordinator")
    response = client.post(url(cast.program), {"confirm": "on"})
    assert response.status_code == 302
    package = ArchivePackage.objects.get()
    assert package.status == "queued"
    [task] = DBTaskResult.objects.filter(task_path="revmentor.archive.tasks.make_package")
    assert task.args_kwargs == {"args": [], "kwargs": {"package_id": package.pk}}

    run_tasks()
    package.refresh_from_db()
    assert package.status == "done"
    content = package.file.read()
    assert (package.size, package.sha256) == (len(content), hashlib.sha256(content).hexdigest())
    archive = zipfile.ZipFile(io.BytesIO(content))
    names = archive.namelist()
    steps = archive.read(
        f"{package.package_name}/representations/rep1/data/beslut-programstatus.csv"
    )
    lines = steps.decode("utf-8-sig").splitlines()
    assert lines[0] == "När;Från status;Till status;Av"
    assert [line.split(";", 1)[1] for line in lines[1:]] == [
        f"pågår;avslutat;user #{cast.coordinator.pk}"
    ]
    assert f"{package.package_name}/METS.xml" in names
    assert f"{package.package_name}/representations/rep1/data/deltagare.csv" in names
    assert f"{package.package_name}/documentation/gallringsredovisning.csv" in names
    # The disposal: both applications anonymised through the retention machinery.
    assert set(Application.objects.values_list("full_name", flat=True)) == {""}
    assert not queries.disposal_plan(cast.program)
    actions = list(
        AuditEntry.objects.filter(program=cast.program, action__startswith="archive.")
        .order_by("pk")
        .values_list("action", "actor_label")
    )
    label = f"user #{cast.coordinator.pk}"
    assert actions == [
        ("archive.package_requested", label),
        ("archive.package_made", label),
        ("archive.disposal_applied", label),
    ]
    disposal = AuditEntry.objects.get(action="archive.disposal_applied")
    assert disposal.after == {
        "account.accounts": 2,
        "applications.all": 2,
        "programs.contact_persons": 1,
    }
    assert package.disposed == 5
    assert AuditEntry.objects.filter(
        program=cast.program, action="privacy.retention_applied"
    ).exists()
    # No personal data in any of the archive's audit entries.
    for entry in AuditEntry.objects.filter(action__startswith="archive."):
        text = f"{entry.actor_label} {entry.summary} {entry.before} {entry.after}"
        assert "Pia" not in text and "Bo Sökande" not in text and "@" not in text

    page = client.get(url(cast.program)).content.decode()
    assert f"Ladda ner {package.package_name}.zip" in page


def test_a_second_package_waits_for_the_first(cast, client_for, closed):
    client = client_for("coordinator")
    client.post(url(cast.program), {"confirm": "on"})
    response = client.post(url(cast.program), {"confirm": "on"}, follow=True)
    assert "Paketet håller redan på att skapas." in response.content.decode()
    assert ArchivePackage.objects.count() == 1


def test_the_download_is_audited(cast, client_for, closed):
    package = made_package(cast.program)
    response = client_for("coordinator").get(
        reverse(
            "archive:download", kwargs={"slug": cast.program.slug, "public_id": package.public_id}
        )
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="revmentor-test.zip"'
    assert (
        AuditEntry.objects.filter(
            action="archive.package_downloaded", actor_label=f"user #{cast.coordinator.pk}"
        ).count()
        == 1
    )


def test_another_programs_package_is_404_under_its_own_slug(cast, client_for, closed):
    package = made_package(cast.program)
    address = reverse(
        "archive:download",
        kwargs={"slug": cast.other_program.slug, "public_id": package.public_id},
    )
    assert client_for("other_coordinator").get(address).status_code == 404
