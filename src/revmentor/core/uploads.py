"""Checking uploaded files by their content, never by their name or the browser's content type.

``validate_upload`` is a form-field validator: ``FileField(validators=[validate_upload])``.
Downloads take their type and extension from the detected kind too (``content_type_of``,
``download_name``), so a PNG uploaded as ``x.pdf`` is served as ``x.png``, ``image/png``.
"""

import os
import zipfile
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
OOXML_MAIN_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
}
ALLOWED_KINDS = frozenset({"pdf", "png", "jpeg", "gif", "webp", "docx", "pptx"})
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
EXTENSIONS = {"jpeg": "jpg"}
UNKNOWN_CONTENT_TYPE = "application/octet-stream"
MAX_CONTENT_TYPES_BYTES = 1_000_000


def _ooxml_kind(upload) -> str | None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > MAX_CONTENT_TYPES_BYTES:
                return None
            types = archive.read(info).decode("utf-8", errors="replace")
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError):
        return None
    finally:
        upload.seek(0)
    for kind, main_type in OOXML_MAIN_TYPES.items():
        if f'ContentType="{main_type}"' in types:
            return kind
    return None


def detect_kind(upload) -> str | None:
    """The file's kind from its first bytes (and, for Office files, its parts), else None."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"PK\x03\x04"):
        return _ooxml_kind(upload)
    return None


def content_type_of(kind: str) -> str:
    """The Content-Type to serve a file of the detected ``kind`` with."""
    return CONTENT_TYPES.get(kind, UNKNOWN_CONTENT_TYPE)


def download_name(filename: str, kind: str) -> str:
    """``filename`` with the extension of the detected ``kind`` (the uploaded one dropped)."""
    stem = os.path.splitext(os.path.basename(filename or ""))[0] or "file"
    if kind not in CONTENT_TYPES:
        return f"{stem}.bin"
    return f"{stem}.{EXTENSIONS.get(kind, kind)}"


def make_upload_validator(kinds: Iterable[str] = ALLOWED_KINDS, max_bytes: int = MAX_UPLOAD_BYTES):
    """A validator allowing only ``kinds`` (see ALLOWED_KINDS) up to ``max_bytes``."""
    allowed = frozenset(kinds)

    def validate(upload) -> None:
        if upload.size is not None and upload.size > max_bytes:
            raise ValidationError(
                _("The file is too large: at most %(megabytes)s MB."),
                code="too_large",
                params={"megabytes": max_bytes // (1024 * 1024)},
            )
        kind = detect_kind(upload)
        if kind is None or kind not in allowed:
            raise ValidationError(
                _("This kind of file cannot be uploaded. Use PDF, an image, Word or PowerPoint."),
                code="file_type",
            )

    return validate


validate_upload = make_upload_validator()
