"""Attached files of documents: their type is decided by their content, never by their name.

A file named `quyet-dinh.pdf` that is really a Word file, an executable or a macro-enabled
workbook is refused. PDF: the `%PDF-` header and an `%%EOF` marker near the end. DOCX and
XLSX are ZIP packages (Office Open XML): the package's `[Content_Types].xml` and the main
part (`word/document.xml`, `xl/workbook.xml`) must be there, and no macros. Only the ZIP's
directory is read, so a "zip bomb" costs nothing.
"""

import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

PDF, DOCX, XLSX = "pdf", "docx", "xlsx"

CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
LABELS = {PDF: "PDF", DOCX: "Word (DOCX)", XLSX: "Excel (XLSX)"}
# A package holding one of these parts carries macros (docm/xlsm renamed to docx/xlsx).
MACRO_PARTS = ("vbaProject.bin", "vbaData.xml")


def extension(name):
    return PurePath(name or "").suffix.lower().lstrip(".")


def _is_pdf(head, tail):
    return head.startswith(b"%PDF-") and b"%%EOF" in tail


def _office_kind(upload):
    """DOCX, XLSX, "macro" or None for a ZIP package (reads only the central directory)."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if any(name.rsplit("/", 1)[-1] in MACRO_PARTS for name in names):
        return "macro"
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return None


def sniff(upload):
    """The kind of an uploaded file (PDF, DOCX, XLSX) from its bytes, "macro", or None."""
    upload.seek(0)
    head = upload.read(8)
    kind = None
    if head.startswith(b"%PDF-"):
        size = upload.size
        upload.seek(max(0, size - 2048))
        kind = PDF if _is_pdf(head, upload.read()) else None
    elif head.startswith(b"PK\x03\x04"):
        kind = _office_kind(upload)
    upload.seek(0)
    return kind


def max_bytes():
    return settings.DOCUMENT_MAX_BYTES


def validate_attachment(upload):
    """Refuse a file that is too large, of another type, or whose content is not its extension."""
    name = PurePath(upload.name or "").name
    if upload.size > max_bytes():
        raise ValidationError(
            "Tệp “%(name)s” nặng %(size)s, vượt quá giới hạn %(limit)s.",
            code="too_large",
            params={"name": name, "size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes())},
        )
    claimed = extension(name)
    if claimed not in CONTENT_TYPES:
        raise ValidationError(
            "Tệp “%(name)s” không được nhận: chỉ nhận tệp PDF, DOCX hoặc XLSX.",
            code="extension", params={"name": name},
        )
    kind = sniff(upload)
    if kind == "macro":
        raise ValidationError(
            "Tệp “%(name)s” có chứa macro nên không được nhận; hãy lưu lại thành tệp DOCX/XLSX thường.",
            code="macro", params={"name": name},
        )
    if kind != claimed:
        raise ValidationError(
            "Nội dung tệp “%(name)s” không phải là %(claimed)s%(actual)s. "
            "Hãy kiểm tra lại tệp trước khi tải lên.",
            code="content",
            params={
                "name": name, "claimed": LABELS[claimed],
                "actual": f" (đây là tệp {LABELS[kind]})" if kind in LABELS else "",
            },
        )
    return kind
