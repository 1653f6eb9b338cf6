"""Import from a file: a template, a preview with every row's problems, all or nothing."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from revmentor.applications import importing
from revmentor.applications.models import Application
from revmentor.core.models import AuditEntry
from tests.applications.support import make_application

pytestmark = pytest.mark.django_db

HEADINGS = [
    "Namn",
    "E-postadress på jobbet",
    "Telefon",
    "Myndighet",
    "Enhet",
    "Befattning",
    "Födelseår",
    "Profil (mentor eller adept)",
    "Chefens namn",
    "Chefens e-postadress på jobbet",
    "Ort",
    "Med egna ord",
]


def person(n: int, organisation: str = "Organisation A", **over) -> list[str]:
    mentor = n % 2 == 0
    values = {
        "name": f"Person Nummer{n}",
        "email": f"person{n}@test.example",
        "org": organisation,
        "year": "1996" if mentor else "1968",
        "profile": "mentor" if mentor else "adept",
    }
    values.update(over)
    return [
        values["name"],
        values["email"],
        "070-123 45 67",
        values["org"],
        "Enheten",
        "Handläggare",
        values["year"],
        values["profile"],
        "Maja Chef",
        "maja.chef@test.example",
        "Stockholm",
        "Jag vill dela med mig av digitala vanor.",
    ]


def xlsx(rows: list[list[str]], headings=HEADINGS) -> SimpleUploadedFile:
    workbook = Workbook()
    workbook.active.append(headings)
    for values in rows:
        workbook.active.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("ansokningar.xlsx", buffer.getvalue())


def csv_file(rows: list[list[str]], delimiter=";") -> SimpleUploadedFile:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(HEADINGS)
    writer.writerows(rows)
    return SimpleUploadedFile("ansokningar.csv", buffer.getvalue().encode("utf-8-sig"))


def url(cast) -> str:
    return reverse("applications:import", kwargs={"slug": cast.program.slug})


def _thirty(bad: bool) -> list[list[str]]:
    rows = [person(n, "Organisation A" if n % 2 else "B") for n in range(30)]
    if bad:
        rows[4] = person(4, "Okända verket")
        rows[11] = person(11, email="inte-en-adress", year="19x0")
    return rows


def test_the_template_has_the_columns_in_swedish(client_for, cast):
    response = client_for("coordinator").get(
        reverse(
            "applications:import_template",
            kwargs={"slug": cast.program.slug, "file_format": "xlsx"},
        )
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == HEADINGS
    csv_response = client_for("coordinator").get(
        reverse(
            "applications:import_template", kwargs={"slug": cast.program.slug, "file_format": "csv"}
        )
    )
    assert csv_response.content.decode("utf-8-sig").strip() == ";".join(HEADINGS)


def test_two_bad_rows_are_shown_in_the_preview_and_nothing_is_saved(client_for, cast):
    client = client_for("coordinator")
    response = client.post(url(cast), {"file": xlsx(_thirty(bad=True))})
    assert response.status_code == 200
    problems = {row.number: row.problems for row in response.context["rows"] if row.problems}
    assert problems == {
        6: ["”Okända verket” är inte en av dina organisationer i programmet."],
        13: ["”inte-en-adress” är ingen e-postadress.", "Födelseåret ”19x0” är inget årtal."],
    }
    assert response.context["bad_rows"] == 2
    assert 'name="confirm"' not in response.content.decode()
    assert Application.objects.count() == 0


def test_a_corrected_file_is_previewed_clean_and_saved_all_together(client_for, cast):
    client = client_for("coordinator")
    preview = client.post(url(cast), {"file": xlsx(_thirty(bad=False))})
    assert preview.context["problems"] == 0
    assert Application.objects.count() == 0
    response = client.post(url(cast), {"payload": preview.context["payload"], "confirm": "1"})
    assert response.status_code == 302
    saved = Application.objects.filter(program=cast.program)
    assert saved.count() == 30
    assert set(saved.values_list("status", flat=True)) == {"submitted"}
    assert set(saved.values_list("organisation__name", flat=True)) == {
        "Organisation A",
        "Organisation B",
    }
    assert saved.get(email="person1@test.example").registered_by == cast.coordinator
    assert AuditEntry.objects.get(action="applications.imported").after == {"rows": 30}


def test_duplicates_are_recognised_by_e_mail_in_the_program_and_in_the_file(client_for, cast):
    make_application(cast.program, cast.org_a, email="person0@test.example")
    rows = [person(0), person(1), person(2, email="PERSON1@test.example")]
    response = client_for("coordinator").post(url(cast), {"file": csv_file(rows)})
    problems = {row.number: row.problems for row in response.context["rows"] if row.problems}
    assert problems == {
        2: ["person0@test.example har redan en ansökan till programmet."],
        4: ["person1@test.example finns också på rad 3."],
    }


def test_hr_imports_only_for_its_own_organisation(client_for, cast):
    rows = [person(1, "Organisation A"), person(2, "Organisation B")]
    response = client_for("hr_a").post(url(cast), {"file": csv_file(rows, delimiter=",")})
    problems = {row.number: row.problems for row in response.context["rows"] if row.problems}
    assert problems == {3: ["”Organisation B” är inte en av dina organisationer i programmet."]}


def test_a_tampered_preview_is_refused(client_for, cast):
    response = client_for("coordinator").post(url(cast), {"payload": "skräp", "confirm": "1"})
    assert response.status_code == 302
    assert Application.objects.count() == 0


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("bild.png", b"\x89PNG\r\n"),
            "Ladda upp en Excelfil (.xlsx) eller CSV-fil (.csv).",
        ),
        (
            SimpleUploadedFile("fel.xlsx", b"inte en zip"),
            "Filen gick inte att läsa som en Excelfil (XLSX).",
        ),
        (SimpleUploadedFile("tom.csv", b""), "Den skickade filen är tom."),
        (SimpleUploadedFile("blank.csv", b"\n\n;;\n"), "Filen är tom."),
        (
            SimpleUploadedFile("binar.csv", b"\x00\x01\x02abc"),
            "Filen gick inte att läsa som en CSV-fil.",
        ),
        (
            SimpleUploadedFile("annat.csv", b"a;b;c\n1;2;3\n"),
            "Första raden ska innehålla mallens kolumnrubriker. Saknas: Namn, "
            "E-postadress på jobbet, Myndighet, Födelseår, Profil (mentor eller adept).",
        ),
        (
            SimpleUploadedFile("rubriker.csv", ";".join(HEADINGS).encode()),
            "Filen har rubriker men inga ansökningar.",
        ),
    ],
)
def test_junk_files_get_a_message_next_to_the_field(client_for, cast, upload, message):
    response = client_for("coordinator").post(url(cast), {"file": upload})
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [message]
    assert Application.objects.count() == 0


def test_a_file_too_large_is_refused(client_for, cast, monkeypatch):
    monkeypatch.setattr(importing, "MAX_BYTES", 10)
    response = client_for("coordinator").post(url(cast), {"file": csv_file([person(1)])})
    assert response.context["form"].errors["file"] == ["Filen är större än 2 MB."]
