"""Swedish first: every .po file is fully translated, has no fuzzy entry, and is compiled."""

import ast
import gettext
import shutil
import subprocess
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "revmentor"
PO_FILES = sorted(SRC.glob("**/locale/sv/LC_MESSAGES/django.po"))


def parse_po(path: Path) -> list[dict]:
    """Entries of a .po file as dicts with msgctxt, msgid, msgid_plural, msgstr (list) and flags."""
    entries: list[dict] = []
    current: dict = {"flags": "", "msgstr": []}
    key = None

    def flush():
        nonlocal current
        if "msgid" in current:
            entries.append(current)
        current = {"flags": "", "msgstr": []}

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
            key = None
        elif line.startswith("#,"):
            current["flags"] += line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            value = ast.literal_eval(line)
            if key == "msgstr":
                current["msgstr"][-1] += value
            else:
                current[key] += value
        else:
            word, _, rest = line.partition(" ")
            value = ast.literal_eval(rest)
            if word.startswith("msgstr"):
                key = "msgstr"
                current["msgstr"].append(value)
            else:
                key = word
                current[word] = value
    flush()
    return entries


def test_there_are_swedish_catalogues():
    assert SRC / "locale/sv/LC_MESSAGES/django.po" in PO_FILES


@pytest.mark.parametrize("path", PO_FILES, ids=lambda p: str(p.relative_to(SRC)))
def test_every_string_is_translated_to_swedish_and_compiled(path):
    header = next(e for e in parse_po(path) if not e["msgid"])
    assert "fuzzy" not in header["flags"], "the catalogue's header is marked fuzzy"
    entries = [e for e in parse_po(path) if e["msgid"]]
    untranslated = [e["msgid"] for e in entries if any(not s for s in e["msgstr"])]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert (untranslated, fuzzy) == ([], [])
    compiled = gettext.GNUTranslations(path.with_suffix(".mo").open("rb"))
    stale = []
    for entry in entries:
        msgid = (
            entry["msgid"] if "msgctxt" not in entry else f"{entry['msgctxt']}\x04{entry['msgid']}"
        )
        if "msgid_plural" in entry:
            got = compiled.ngettext(msgid, entry["msgid_plural"], 1)
            if "msgctxt" in entry:
                got = compiled.npgettext(entry["msgctxt"], entry["msgid"], entry["msgid_plural"], 1)
        elif "msgctxt" in entry:
            got = compiled.pgettext(entry["msgctxt"], entry["msgid"])
        else:
            got = compiled.gettext(msgid)
        if got != entry["msgstr"][0]:
            stale.append(entry["msgid"])
    assert stale == [], "run `make messages`: the .mo file is older than the .po file"


@pytest.mark.parametrize("path", PO_FILES, ids=lambda p: str(p.relative_to(SRC)))
def test_every_catalogue_passes_msgfmt_check(path, tmp_path):
    """Merged catalogues keep their entries apart, unique, and with matching placeholders."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("gettext's msgfmt is not installed (make test needs it for compilemessages)")
    result = subprocess.run(  # noqa: S603 - fixed program, our own file
        [msgfmt, "--check", "--output-file", str(tmp_path / "out.mo"), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
