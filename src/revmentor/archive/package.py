"""Writing an E-ARK CSIP/SIP 2.1 information package (FGS Paketstruktur 2.0) to a folder.

Plain files in, a package out: the root METS.xml, descriptive metadata (Dublin Core),
preservation metadata (PREMIS 3), the documentation, the schemas and one representation
(``representations/rep1`` with its own METS.xml and its data). Every file is listed with its
size, creation time and SHA-256 checksum. Nothing here reads the database.
"""

import hashlib
import uuid
import xml.etree.ElementTree as ET  # nosec B405 (only writes XML, never parses any)
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

METS = "http://www.loc.gov/METS/"
CSIP = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
SIP = "https://DILCIS.eu/XML/METS/SIPExtensionMETS"
XLINK = "http://www.w3.org/1999/xlink"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
PREMIS = "http://www.loc.gov/premis/v3"
DC = "http://purl.org/dc/elements/1.1/"
SIP_PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
CONTENT_TYPE = "revmentor program records"
SCHEMAS_DIR = Path(__file__).resolve().parent / "schemas"
SOFTWARE = "revmentor"

for prefix, uri in {
    "mets": METS,
    "csip": CSIP,
    "sip": SIP,
    "xlink": XLINK,
    "xsi": XSI,
    "premis": PREMIS,
    "dc": DC,
}.items():
    ET.register_namespace(prefix, uri)


@dataclass(frozen=True)
class DataFile:
    """One file of the package: where it goes (relative to its folder) and its bytes."""

    name: str
    content: bytes
    mimetype: str
    format_name: str = ""


@dataclass(frozen=True)
class Written:
    path: str  # relative to the METS document that lists it
    size: int
    sha256: str
    mimetype: str
    format_name: str


@dataclass(frozen=True)
class PackageInfo:
    """What the package says about itself."""

    name: str  # OBJID and the root folder's name
    label: str
    title: str
    description: str
    creator: str  # the organisation(s) whose records these are
    created: datetime
    software_version: str
    date_range: str  # "2022-04-01/2022-11-30"
    language: str = "sv"


def q(namespace: str, tag: str) -> str:
    return f"{{{namespace}}}{tag}"


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _write(folder: Path, relative: str, data: DataFile) -> Written:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.content)
    return Written(
        path=relative,
        size=len(data.content),
        sha256=hashlib.sha256(data.content).hexdigest(),
        mimetype=data.mimetype,
        format_name=data.format_name,
    )


def _xml_bytes(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _file_attributes(written: Written, created: datetime) -> dict[str, str]:
    return {
        "MIMETYPE": written.mimetype,
        "SIZE": str(written.size),
        "CREATED": _stamp(created),
        "CHECKSUM": written.sha256,
        "CHECKSUMTYPE": "SHA-256",
    }


def _locator(element: ET.Element, href: str) -> None:
    element.set("LOCTYPE", "URL")
    element.set(q(XLINK, "type"), "simple")
    element.set(q(XLINK, "href"), href)


def _mets_root(objid: str, info: PackageInfo) -> ET.Element:
    root = ET.Element(
        q(METS, "mets"),
        {
            "OBJID": objid,
            "LABEL": info.label,
            "TYPE": "Mixed",
            q(CSIP, "CONTENTINFORMATIONTYPE"): "OTHER",
            q(CSIP, "OTHERCONTENTINFORMATIONTYPE"): CONTENT_TYPE,
            "PROFILE": SIP_PROFILE,
        },
    )
    root.set(
        q(XSI, "schemaLocation"),
        f"{METS} schemas/mets.xsd {XLINK} schemas/xlink.xsd",
    )
    header = ET.SubElement(
        root,
        q(METS, "metsHdr"),
        {
            "CREATEDATE": _stamp(info.created),
            "LASTMODDATE": _stamp(info.created),
            "RECORDSTATUS": "NEW",
            q(CSIP, "OAISPACKAGETYPE"): "SIP",
        },
    )
    agent = ET.SubElement(
        header, q(METS, "agent"), {"ROLE": "CREATOR", "TYPE": "OTHER", "OTHERTYPE": "SOFTWARE"}
    )
    ET.SubElement(agent, q(METS, "name")).text = SOFTWARE
    note = ET.SubElement(agent, q(METS, "note"), {q(CSIP, "NOTETYPE"): "SOFTWARE VERSION"})
    note.text = info.software_version
    if info.creator:
        # The archival creator (E-ARK SIP 2.1, SIP9-SIP12; "arkivbildare"): the organisations
        # whose records these are. No note: SIP13 allows one only for an identification code,
        # and the program keeps no organisation numbers. The submitting agent of SIP15-SIP17
        # (ROLE CREATOR, TYPE ORGANIZATION) is left out: eark-validator 1.1.3 applies the
        # software agent's CSIP12, CSIP13 and CSIP16 to every CREATOR agent
        # (tests/archive/test_package.py shows it).
        archivist = ET.SubElement(
            header, q(METS, "agent"), {"ROLE": "ARCHIVIST", "TYPE": "ORGANIZATION"}
        )
        ET.SubElement(archivist, q(METS, "name")).text = info.creator
    return root


def _file_group(
    parent: ET.Element,
    group_id: str,
    use: str,
    files: list[Written],
    created: datetime,
    prefix: str = "",
) -> ET.Element:
    group = ET.SubElement(
        parent,
        q(METS, "fileGrp"),
        {
            "ID": group_id,
            "USE": use,
            q(CSIP, "CONTENTINFORMATIONTYPE"): "OTHER",
            q(CSIP, "OTHERCONTENTINFORMATIONTYPE"): CONTENT_TYPE,
        },
    )
    for written in files:
        attributes = {"ID": f"file-{uuid.uuid4()}", **_file_attributes(written, created)}
        if written.format_name:
            attributes[q(SIP, "FILEFORMATNAME")] = written.format_name
        element = ET.SubElement(group, q(METS, "file"), attributes)
        _locator(ET.SubElement(element, q(METS, "FLocat")), prefix + written.path)
    return group


def dublin_core(info: PackageInfo) -> bytes:
    """The descriptive metadata: simple Dublin Core."""
    root = ET.Element(q(DC, "metadata"))
    for tag, value in (
        ("title", info.title),
        ("creator", info.creator),
        ("publisher", info.creator),
        ("description", info.description),
        ("date", info.date_range),
        ("type", "Dataset"),
        ("format", "text/csv; application/pdf"),
        ("identifier", info.name),
        ("language", info.language),
    ):
        ET.SubElement(root, q(DC, tag)).text = value
    return _xml_bytes(root)


def premis(info: PackageInfo, files: list[Written], event: str) -> bytes:
    """The preservation metadata (PREMIS 3): each file's fixity and format, the creation event
    and the software that did it."""
    root = ET.Element(q(PREMIS, "premis"), {"version": "3.0"})
    for written in files:
        obj = ET.SubElement(root, q(PREMIS, "object"), {q(XSI, "type"): "premis:file"})
        identifier = ET.SubElement(obj, q(PREMIS, "objectIdentifier"))
        ET.SubElement(identifier, q(PREMIS, "objectIdentifierType")).text = "local"
        ET.SubElement(identifier, q(PREMIS, "objectIdentifierValue")).text = written.path
        characteristics = ET.SubElement(obj, q(PREMIS, "objectCharacteristics"))
        fixity = ET.SubElement(characteristics, q(PREMIS, "fixity"))
        ET.SubElement(fixity, q(PREMIS, "messageDigestAlgorithm")).text = "SHA-256"
        ET.SubElement(fixity, q(PREMIS, "messageDigest")).text = written.sha256
        ET.SubElement(characteristics, q(PREMIS, "size")).text = str(written.size)
        file_format = ET.SubElement(characteristics, q(PREMIS, "format"))
        designation = ET.SubElement(file_format, q(PREMIS, "formatDesignation"))
        ET.SubElement(designation, q(PREMIS, "formatName")).text = (
            written.format_name or written.mimetype
        )
    record = ET.SubElement(root, q(PREMIS, "event"))
    identifier = ET.SubElement(record, q(PREMIS, "eventIdentifier"))
    ET.SubElement(identifier, q(PREMIS, "eventIdentifierType")).text = "local"
    ET.SubElement(identifier, q(PREMIS, "eventIdentifierValue")).text = f"creation-{info.name}"
    ET.SubElement(record, q(PREMIS, "eventType")).text = "creation"
    ET.SubElement(record, q(PREMIS, "eventDateTime")).text = _stamp(info.created)
    ET.SubElement(record, q(PREMIS, "eventDetailInformation"))
    ET.SubElement(record[-1], q(PREMIS, "eventDetail")).text = event
    linking = ET.SubElement(record, q(PREMIS, "linkingAgentIdentifier"))
    ET.SubElement(linking, q(PREMIS, "linkingAgentIdentifierType")).text = "local"
    ET.SubElement(linking, q(PREMIS, "linkingAgentIdentifierValue")).text = SOFTWARE
    agent = ET.SubElement(root, q(PREMIS, "agent"))
    identifier = ET.SubElement(agent, q(PREMIS, "agentIdentifier"))
    ET.SubElement(identifier, q(PREMIS, "agentIdentifierType")).text = "local"
    ET.SubElement(identifier, q(PREMIS, "agentIdentifierValue")).text = SOFTWARE
    ET.SubElement(agent, q(PREMIS, "agentName")).text = SOFTWARE
    ET.SubElement(agent, q(PREMIS, "agentType")).text = "software"
    ET.SubElement(agent, q(PREMIS, "agentVersion")).text = info.software_version
    return _xml_bytes(root)


def _metadata_ref(
    parent: ET.Element, section: str, section_id: str, mdtype: str, written: Written, created
) -> None:
    attributes = {"ID": section_id, "STATUS": "CURRENT"}
    if section == "dmdSec":
        attributes["CREATED"] = _stamp(created)
    element = ET.SubElement(parent, q(METS, section), attributes)
    ref = ET.SubElement(element, q(METS, "mdRef"))
    _locator(ref, written.path)
    ref.set("MDTYPE", mdtype)
    for key, value in _file_attributes(written, created).items():
        ref.set(key, value)


def _representation_mets(folder: Path, info: PackageInfo, data: list[DataFile]) -> list[Written]:
    """Write the representation's data, its PREMIS and its METS.xml; what the METS lists."""
    files = [_write(folder, f"data/{item.name}", item) for item in data]
    preservation = _write(
        folder,
        "metadata/preservation/premis.xml",
        DataFile(
            "premis.xml",
            premis(info, files, "Representation rep1 exported from revmentor."),
            "text/xml",
        ),
    )
    root = _mets_root("rep1", info)
    amd = ET.SubElement(root, q(METS, "amdSec"))
    _metadata_ref(amd, "digiprovMD", "rep1-premis", "PREMIS", preservation, info.created)
    file_section = ET.SubElement(root, q(METS, "fileSec"), {"ID": "rep1-filesec"})
    _file_group(file_section, "rep1-data", "Data", files, info.created)
    struct = ET.SubElement(
        root, q(METS, "structMap"), {"ID": "rep1-structmap", "TYPE": "PHYSICAL", "LABEL": "CSIP"}
    )
    top = ET.SubElement(struct, q(METS, "div"), {"ID": "rep1-div", "LABEL": "rep1"})
    ET.SubElement(
        top,
        q(METS, "div"),
        {"ID": "rep1-div-metadata", "LABEL": "Metadata", "ADMID": "rep1-premis"},
    )
    data_div = ET.SubElement(top, q(METS, "div"), {"ID": "rep1-div-data", "LABEL": "Data"})
    ET.SubElement(data_div, q(METS, "fptr"), {"FILEID": "rep1-data"})
    (folder / "METS.xml").write_bytes(_xml_bytes(root))
    return files


def write_package(
    *,
    destination: Path,
    info: PackageInfo,
    data: list[DataFile],
    documentation: list[DataFile],
) -> Path:
    """Write the package into ``destination/<info.name>``; the package's root folder."""
    folder = destination / info.name
    if folder.exists():
        raise FileExistsError(folder)
    folder.mkdir(parents=True)
    rep_files = _representation_mets(folder / "representations" / "rep1", info, data)
    rep_mets_bytes = (folder / "representations/rep1/METS.xml").read_bytes()
    rep_mets = Written(
        path="representations/rep1/METS.xml",
        size=len(rep_mets_bytes),
        sha256=hashlib.sha256(rep_mets_bytes).hexdigest(),
        mimetype="text/xml",
        format_name="METS",
    )
    docs = [_write(folder, f"documentation/{item.name}", item) for item in documentation]
    schemas = [
        _write(
            folder,
            f"schemas/{schema.name}",
            DataFile(schema.name, schema.read_bytes(), "text/xml", "XML Schema"),
        )
        for schema in sorted(SCHEMAS_DIR.glob("*.xsd"))
    ]
    descriptive = _write(
        folder, "metadata/descriptive/dc.xml", DataFile("dc.xml", dublin_core(info), "text/xml")
    )
    every_file = (
        docs
        + schemas
        + [rep_mets]
        + [
            Written(f"representations/rep1/{w.path}", w.size, w.sha256, w.mimetype, w.format_name)
            for w in rep_files
        ]
    )
    preservation = _write(
        folder,
        "metadata/preservation/premis.xml",
        DataFile(
            "premis.xml",
            premis(info, every_file, "Archive package of a finished program made by revmentor."),
            "text/xml",
        ),
    )
    root = _mets_root(info.name, info)
    _metadata_ref(root, "dmdSec", "dmd-dc", "DC", descriptive, info.created)
    amd = ET.SubElement(root, q(METS, "amdSec"))
    _metadata_ref(amd, "digiprovMD", "amd-premis", "PREMIS", preservation, info.created)
    file_section = ET.SubElement(root, q(METS, "fileSec"), {"ID": "filesec"})
    _file_group(file_section, "grp-documentation", "Documentation", docs, info.created)
    _file_group(file_section, "grp-schemas", "Schemas", schemas, info.created)
    _file_group(file_section, "grp-rep1", "Representations/rep1", [rep_mets], info.created)
    struct = ET.SubElement(
        root, q(METS, "structMap"), {"ID": "structmap", "TYPE": "PHYSICAL", "LABEL": "CSIP"}
    )
    top = ET.SubElement(struct, q(METS, "div"), {"ID": "div-package", "LABEL": info.name})
    ET.SubElement(
        top,
        q(METS, "div"),
        {"ID": "div-metadata", "LABEL": "Metadata", "DMDID": "dmd-dc", "ADMID": "amd-premis"},
    )
    for label, group in (("Documentation", "grp-documentation"), ("Schemas", "grp-schemas")):
        div = ET.SubElement(top, q(METS, "div"), {"ID": f"div-{label.lower()}", "LABEL": label})
        ET.SubElement(div, q(METS, "fptr"), {"FILEID": group})
    representations = ET.SubElement(
        top, q(METS, "div"), {"ID": "div-representations", "LABEL": "Representations"}
    )
    ET.SubElement(representations, q(METS, "fptr"), {"FILEID": "grp-rep1"})
    rep_div = ET.SubElement(
        representations, q(METS, "div"), {"ID": "div-rep1", "LABEL": "Representations/rep1"}
    )
    pointer = ET.SubElement(rep_div, q(METS, "mptr"), {q(XLINK, "title"): "grp-rep1"})
    _locator(pointer, "representations/rep1/METS.xml")
    (folder / "METS.xml").write_bytes(_xml_bytes(root))
    return folder
