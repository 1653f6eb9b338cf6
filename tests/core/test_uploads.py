"""Uploads are judged by their content, never by their name, and within a size limit."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from revmentor.core.uploads import (
    OOXML_MAIN_TYPES,
    detect_kind,
    make_upload_validator,
    validate_upload,
)


def _office(kind: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types><Override PartName="/main.xml" '
            f'ContentType="{OOXML_MAIN_TYPES[kind]}"/></Types>',
        )
        archive.writestr("main.xml", "<x/>")
    return buffer.getvalue()


def _zip_without_types() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("evil.exe", "MZ")
    return buffer.getvalue()


SAMPLES = {
    "pdf": b"%PDF-1.7\n%...",
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF",
    "gif": b"GIF89a\x01\x00\x01\x00",
    "webp": b"RIFF\x24\x00\x00\x00WEBPVP8 ",
    "docx": _office("docx"),
    "pptx": _office("pptx"),
}


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_each_allowed_kind_is_recognised_by_its_content(kind):
    upload = SimpleUploadedFile("whatever.bin", SAMPLES[kind])
    assert detect_kind(upload) == kind
    validate_upload(upload)


@pytest.mark.parametrize(
    "content",
    [b"MZ\x90\x00 an executable", b"<html><script>", _zip_without_types(), b""],
    ids=["exe", "html", "zip-without-office-parts", "empty"],
)
def test_a_file_named_like_a_pdf_but_not_one_is_refused(content):
    with pytest.raises(ValidationError) as error:
        validate_upload(SimpleUploadedFile("report.pdf", content, content_type="application/pdf"))
    assert error.value.code == "file_type"


def test_a_file_over_the_size_limit_is_refused():
    validate = make_upload_validator(max_bytes=1024)
    with pytest.raises(ValidationError) as error:
        validate(SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 1024))
    assert error.value.code == "too_large"


def test_a_validator_for_some_kinds_refuses_the_others():
    only_pdf = make_upload_validator(kinds={"pdf"})
    only_pdf(SimpleUploadedFile("a.pdf", SAMPLES["pdf"]))
    with pytest.raises(ValidationError):
        only_pdf(SimpleUploadedFile("a.pdf", SAMPLES["png"]))
