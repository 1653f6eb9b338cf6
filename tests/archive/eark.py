"""The E-ARK project's own validator (eark-validator), run without any network.

eark-validator 1.1.3 reads four CSIP vocabularies with ``urlopen`` when its schematron module
is imported. The same vocabularies ship inside the package (``ipxml/resources/vocabs``); here
those addresses are answered from there, and any other attempt to reach the network fails.
"""

import socket
from pathlib import Path
from unittest import mock

VOCABULARY_HOST = "https://earkcsip.dilcis.eu/schema/"

# eark-validator 1.1.3 contradicts itself on the note of the CREATOR agent; no METS document
# passes it with zero errors. Its own rules, quoted from ipxml/resources/schematron/V2.1.0:
#
# CSIP/mets_metsHdr_rules.xml, context "/mets:mets/mets:metsHdr/mets:agent[@ROLE = 'CREATOR']":
#   CSIP11 (on metsHdr) "count(mets:agent[@ROLE = 'CREATOR']) > 0"
#   CSIP15 "count(mets:note) = 1 and mets:note != ''": "The agent element MUST have a child note
#          element that records the version of the tool used to create the IP."
#   CSIP16 "mets:note[@csip:NOTETYPE='SOFTWARE VERSION']"
# SIP/mets_metsHdr_rules.xml, context "/mets:mets/mets:metsHdr/mets:agent[@ROLE = 'CREATOR']/mets:note":
#   SIP14 "@NOTETYPE = 'IDENTIFICATIONCODE'": "The creator agent element MUST have a NOTETYPE
#         attribute of value IDENTIFICATIONCODE."
#
# So the one note CSIP15/CSIP16 demand on every CREATOR agent must also carry an attribute
# NOTETYPE in no namespace. The validator's METS schema (resources/schema/mets.xsd, agent/note:
# xsd:anyAttribute namespace="##other") forbids that attribute, and the validator reports it as
# XML-1 "... attribute 'NOTETYPE': The attribute 'NOTETYPE' is not allowed." The E-ARK SIP
# profile it ships (profiles/V2.1.0/E-ARK-SIP.xml) gives SIP14 as metsHdr/agent/note/@csip:NOTETYPE
# for the archival creator agent (ROLE="ARCHIVIST" in its example), not for the software agent.
# The validator's repository has since moved SIP14 to agent[@ROLE = 'ARCHIVIST']
# (E-ARK-Software/eark-validator, schematron/V2.1.0/SIP/mets_metsHdr_rules.xml at commit
# 17b33b18); the index this project installs from offers no release with it (1.1.3 only).
# test_package.py shows all three outcomes on the demo package; the one SIP14 error on the
# software agent's note is the only message of severity error or warning allowed.
SIP14 = (
    "SIP14",
    "/mets:mets/mets:metsHdr/mets:agent[@ROLE = 'CREATOR']/mets:note"
    "@NOTETYPE = 'IDENTIFICATIONCODE'",
    "The creator agent element MUST have a NOTETYPE attribute of value IDENTIFICATIONCODE.",
)


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


def problems(report) -> list[tuple[str, str | None, str | None, str]]:
    """Every message of severity error or warning: (severity, rule, location, message)."""
    from eark_validator.model.validation_report import Severity

    messages = list(report.structure.messages)
    if report.metadata is not None:
        messages += list(report.metadata.schema_results.messages)
        messages += list(report.metadata.schematron_results.messages)
    return [
        (m.severity.value, m.rule_id, m.location, m.message or "")
        for m in messages
        if m.severity in (Severity.ERROR, Severity.WARNING)
    ]


def rules(report) -> list[tuple[str, str | None]]:
    """(severity, rule) of every error and warning, in the validator's order."""
    return [(severity, rule) for severity, rule, _location, _message in problems(report)]
