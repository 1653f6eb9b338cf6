"""The E-ARK project's own validator (eark-validator), run without any network.

eark-validator 1.1.3 reads four CSIP vocabularies with ``urlopen`` when its schematron module
is imported. The same vocabularies ship inside the package (``ipxml/resources/vocabs``); here
those addresses are answered from there, and any other attempt to reach the network fails.
"""

import socket
from pathlib import Path
from unittest import mock

VOCABULARY_HOST = "https://earkcsip.dilcis.eu/schema/"
# eark-validator 1.1.3's SIP rule SIP14 asks every note of every CREATOR agent for an
# unqualified NOTETYPE="IDENTIFICATIONCODE", which mets.xsd does not allow on a note (only
# attributes of other namespaces), and the CSIP rules CSIP11-CSIP16 require a CREATOR agent,
# the creating software, with exactly one note, csip:NOTETYPE="SOFTWARE VERSION". No METS
# document satisfies both, so every SIP is reported with this one error; it is the only
# error allowed, and only on the software agent's note.
SOFTWARE_NOTE = "/mets:mets/mets:metsHdr/mets:agent[@ROLE = 'CREATOR']/mets:note"
CONTRADICTORY = ("SIP14", SOFTWARE_NOTE)


def _offline_urlopen(url, *args, **kwargs):
    from importlib_resources import files

    vocabularies = files("eark_validator.ipxml.resources.vocabs")
    name = str(url).removeprefix(VOCABULARY_HOST)
    if str(url).startswith(VOCABULARY_HOST) and "/" not in name:
        return vocabularies.joinpath(name).open("rb")
    raise AssertionError(f"eark-validator tried to fetch {url}")


def _no_network(*args, **kwargs):
    raise AssertionError("eark-validator tried to reach the network")


def validate(package: Path):
    """The validator's report on the package folder (E-ARK CSIP/SIP 2.1.0), offline."""
    with (
        mock.patch("urllib.request.urlopen", _offline_urlopen),
        mock.patch.object(socket.socket, "connect", _no_network),
    ):
        from eark_validator.packages import PackageValidator
        from eark_validator.specifications.specification import SpecificationVersion

        return PackageValidator(package, SpecificationVersion.V2_1_0).validation_report


def contradictory(error: tuple) -> bool:
    """The validator's SIP14 error on the CSIP software agent's note (see above)."""
    rule, location, _message = error
    return rule == CONTRADICTORY[0] and (location or "").startswith(
        CONTRADICTORY[1] + "@NOTETYPE = 'IDENTIFICATIONCODE'"
    )


def errors(report) -> list[tuple[str | None, str | None, str]]:
    """Every message of severity error: (rule, location, start of the message)."""
    from eark_validator.model.validation_report import Severity

    messages = list(report.structure.messages)
    if report.metadata is not None:
        messages += list(report.metadata.schema_results.messages)
        messages += list(report.metadata.schematron_results.messages)
    return [
        (m.rule_id, m.location, (m.message or "")[:200])
        for m in messages
        if m.severity == Severity.ERROR
    ]
