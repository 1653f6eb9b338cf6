"""The demo's 2022 program as an E-ARK package: valid by the E-ARK validator, every file listed
with its SHA-256, the records and the invoice basis (CSV and PDF/A) inside."""

import csv
import hashlib
import io
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from revmentor.archive.package import CSIP, METS, XLINK
from revmentor.core.models import AuditEntry
from revmentor.programs.models import Program
from tests.archive import eark

SLUG = "omvant-mentorskap-2022"


@pytest.fixture
def demo_package(db, tmp_path) -> Path:
    call_command("seed_demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("archive", SLUG, output=str(tmp_path), stdout=out)
    [folder] = [p for p in tmp_path.iterdir() if p.is_dir()]
    assert f"Package written: {folder}" in out.getvalue()
    return folder


def _rows(path: Path) -> list[list[str]]:
    text = path.read_text(encoding="utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def _files_in(mets: Path) -> dict[str, tuple[int, str]]:
    """href -> (SIZE, CHECKSUM) of every file and metadata reference the METS lists."""
    root = ET.parse(mets).getroot()  # noqa: S314 (the package this test just wrote)
    listed = {}
    for element in root.iter():
        if element.tag == f"{{{METS}}}file":
            href = element.find(f"{{{METS}}}FLocat").get(f"{{{XLINK}}}href")
        elif element.tag == f"{{{METS}}}mdRef":
            href = element.get(f"{{{XLINK}}}href")
        else:
            continue
        assert element.get("CHECKSUMTYPE") == "SHA-256"
        listed[href] = (int(element.get("SIZE")), element.get("CHECKSUM"))
    return listed


def test_the_demo_2022_package_passes_the_eark_validator_but_for_its_own_contradiction(
    demo_package,
):
    """eark-validator 1.1.3 (E-ARK CSIP/SIP 2.1.0): well-formed structure, valid METS schema,
    no warning, and exactly one error: SIP14 on the software agent's note, which no package
    can avoid (eark.py quotes the rules; the next test shows every way out failing)."""
    from eark_validator.model.validation_report import MetadataStatus, StructureStatus

    report = eark.validate(demo_package)
    assert report.structure.status == StructureStatus.WELLFORMED
    assert report.metadata.schema_results.status == MetadataStatus.VALID
    assert report.package.details.oaispackagetype == "SIP"
    [(severity, rule, location, message)] = eark.problems(report)
    assert (severity, rule, message) == ("Error", eark.SIP14[0], eark.SIP14[2])
    assert location.startswith(eark.SIP14[1])


def _with_software_note(package: Path, copy: Path, note: str) -> Path:
    """A copy of the package whose root METS has ``note`` for the software agent's note."""
    shutil.copytree(package, copy)
    mets = copy / "METS.xml"
    text = mets.read_text(encoding="utf-8")
    old = '<mets:note csip:NOTETYPE="SOFTWARE VERSION">0.1.0</mets:note>'
    assert text.count(old) == 1
    mets.write_text(text.replace(old, note), encoding="utf-8")
    return copy


def test_every_way_to_satisfy_sip14_breaks_another_rule_of_the_validator(demo_package, tmp_path):
    """The contradiction in eark.py, shown on the package itself: the unqualified NOTETYPE
    SIP14 tests for is refused by the METS schema (XML-1); without the note CSIP15 and CSIP16
    fail; typed as the SIP profile describes SIP14 (csip:NOTETYPE="IDENTIFICATIONCODE"),
    CSIP16 fails and SIP14 still does."""
    unqualified = eark.validate(
        _with_software_note(
            demo_package,
            tmp_path / "unqualified",
            '<mets:note csip:NOTETYPE="SOFTWARE VERSION" NOTETYPE="IDENTIFICATIONCODE">'
            "0.1.0</mets:note>",
        )
    )
    [(severity, rule, _location, message)] = eark.problems(unqualified)
    assert (severity, rule) == ("Error", "XML-1")
    assert message.endswith(
        "Element '{http://www.loc.gov/METS/}note', attribute 'NOTETYPE': "
        "The attribute 'NOTETYPE' is not allowed."
    )
    without = eark.validate(_with_software_note(demo_package, tmp_path / "without", ""))
    assert eark.rules(without) == [("Error", "CSIP15"), ("Error", "CSIP16")]
    as_profile = eark.validate(
        _with_software_note(
            demo_package,
            tmp_path / "as-profile",
            '<mets:note csip:NOTETYPE="IDENTIFICATIONCODE">0.1.0</mets:note>',
        )
    )
    assert eark.rules(as_profile) == [("Error", "CSIP16"), ("Error", "SIP14")]
    # The SIP profile's submitting agent (SIP15-SIP20, its example metsHdrAgentExample2) gets
    # the software agent's CSIP rules and SIP14, so the package leaves it out.
    submitting = eark.validate(
        _with_software_note(
            demo_package,
            tmp_path / "submitting",
            '<mets:note csip:NOTETYPE="SOFTWARE VERSION">0.1.0</mets:note></mets:agent>'
            '<mets:agent ROLE="CREATOR" TYPE="ORGANIZATION"><mets:name>Myndigheten</mets:name>'
            '<mets:note csip:NOTETYPE="IDENTIFICATIONCODE">ID:1</mets:note>',
        )
    )
    assert eark.rules(submitting) == [
        ("Error", "CSIP12"),
        ("Error", "CSIP13"),
        ("Error", "CSIP16"),
        ("Error", "SIP14"),
        ("Error", "SIP14"),
    ]


def test_every_file_is_in_a_mets_with_its_size_and_sha256(demo_package):
    root = _files_in(demo_package / "METS.xml")
    rep = _files_in(demo_package / "representations/rep1/METS.xml")
    listed = dict(root) | {f"representations/rep1/{href}": value for href, value in rep.items()}
    on_disk = {
        str(path.relative_to(demo_package))
        for path in demo_package.rglob("*")
        if path.is_file() and path.name != "METS.xml"
    } | {"representations/rep1/METS.xml"}
    assert set(listed) == on_disk
    for href, (size, checksum) in listed.items():
        content = (demo_package / href).read_bytes()
        assert (size, checksum) == (len(content), hashlib.sha256(content).hexdigest()), href


def test_the_package_holds_the_programs_records(demo_package):
    data = demo_package / "representations/rep1/data"
    program = Program.objects.get(slug=SLUG)
    assert program.participations.count() == 8
    assert sorted(p.name for p in data.iterdir()) == [
        "beslut-programstatus.csv",
        "beslut-sista-ansokningsdag.csv",
        "deltagare.csv",
        *[f"fakturaunderlag-{number:02d}.pdf" for number in range(1, 9)],
        "fakturaunderlag.csv",
        "narvaro-gemensamma-traffar.csv",
        "par.csv",
        "utvardering-instrument.csv",
        "utvardering.csv",
    ]
    deadline = _rows(data / "beslut-sista-ansokningsdag.csv")
    assert deadline[0] == [
        "Beslutad",
        "Sista ansökningsdag före ändringen",
        "Sista ansökningsdag efter ändringen",
        "Anledning",
        "Av",
    ]
    assert [row[1:3] for row in deadline[1:]] == [["2022-03-25 23:59", "2022-04-08 23:59"]]
    participants = _rows(data / "deltagare.csv")
    assert len(participants) - 1 == program.applications.exclude(status="draft").count()
    pairs = _rows(data / "par.csv")
    assert len(pairs) - 1 == program.mentorships.count()


def test_the_instrument_results_are_those_of_the_results_page(demo_package):
    from django.utils import translation

    from revmentor.surveys.measurement import instrument_results
    from revmentor.surveys.models import Survey

    [start] = Survey.objects.filter(program__slug=SLUG, kind="start").exclude(instrument="")
    with translation.override("sv"):
        results = instrument_results(start)
    rows = _rows(demo_package / "representations/rep1/data/utvardering-instrument.csv")
    assert rows[0][11:13] == ["Svarade båda gångerna", "Förändring"]
    expected = [
        [group.label, subscale.name, str(group.paired_n), str(round(subscale.change.mean, 2))]
        for group in results.groups
        for subscale in group.subscales
    ]
    assert [[row[1], row[2], row[11], row[12]] for row in rows[1:]] == expected
    assert rows[1][1] == "Alla"


def test_the_invoice_basis_is_a_pdf_a_and_a_csv_with_the_same_total(demo_package):
    data = demo_package / "representations/rep1/data"
    reader = PdfReader(data / "fakturaunderlag-01.pdf")
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert xmp.rdf_root.toxml().count("pdfaid:part") >= 1
    assert "<pdfaid:part>3</pdfaid:part>" in xmp.rdf_root.toxml() or 'pdfaid:part="3"' in (
        xmp.rdf_root.toxml()
    )
    rows = _rows(data / "fakturaunderlag.csv")
    assert rows[0] == ["Myndighet", "Namn", "Profil", "Deltagaravgift", "Resekostnader", "Belopp"]


def test_making_the_package_is_audited_and_disposes_of_nothing_by_itself(demo_package):
    program = Program.objects.get(slug=SLUG)
    entry = AuditEntry.objects.get(program=program, action="archive.package_made")
    assert entry.actor_label == "operator (manage.py archive)"
    assert entry.summary == demo_package.name
    assert not AuditEntry.objects.filter(action="archive.disposal_applied").exists()


def test_the_root_mets_declares_a_sip_made_by_revmentor(demo_package):
    root = ET.parse(demo_package / "METS.xml").getroot()  # noqa: S314 (written by the test)
    assert root.get("OBJID") == demo_package.name
    assert root.get("PROFILE") == "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
    header = root.find(f"{{{METS}}}metsHdr")
    assert header.get(f"{{{CSIP}}}OAISPACKAGETYPE") == "SIP"
    software, archivist = header.findall(f"{{{METS}}}agent")
    assert (software.get("ROLE"), software.get("TYPE"), software.get("OTHERTYPE")) == (
        "CREATOR",
        "OTHER",
        "SOFTWARE",
    )
    assert software.find(f"{{{METS}}}name").text == "revmentor"
    # The archival creator: the program's organisations, in name order.
    program = Program.objects.get(slug=SLUG)
    organisations = sorted(p.organisation.name for p in program.participations.all())
    assert (archivist.get("ROLE"), archivist.get("TYPE")) == ("ARCHIVIST", "ORGANIZATION")
    assert archivist.find(f"{{{METS}}}name").text == ", ".join(organisations)
    assert archivist.find(f"{{{METS}}}note") is None
