"""Small real files for the demo: a one-page administrative document as PDF or DOCX.

The PDF is drawn with reportlab in a TrueType font that has every Vietnamese letter (DejaVu
Sans, Liberation Sans or Noto Sans from the system, embedded in the file); a machine with
none of them gets Helvetica and the text without diacritics, still a valid PDF. The DOCX is
a minimal Office Open XML package (the parts Word and LibreOffice need, nothing more).
"""

import io
import zipfile
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from benluc.text import strip_diacritics

FONT_FILES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/liberation-sans/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:/Windows/Fonts/arial.ttf",
]


@lru_cache(maxsize=1)
def vietnamese_font():
    """The name of a registered font with Vietnamese letters, or None (Helvetica then)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for path in FONT_FILES:
        if Path(path).exists():
            try:
                pdfmetrics.registerFont(TTFont("VietSans", path))
            except Exception:  # an unreadable or unsupported font file: try the next
                continue
            return "VietSans"
    return None


def _wrap(text, font, size, width):
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}".strip()
            if stringWidth(candidate, font, size) <= width or not line:
                line = candidate
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def pdf(heading, number, place_date, title, body, signer=""):
    """A one-page A4 PDF laid out like a Vietnamese administrative document."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = vietnamese_font()
    texts = [heading, number, place_date, title, body, signer]
    if font is None:
        font, texts = "Helvetica", [strip_diacritics(t) for t in texts]
    heading, number, place_date, title, body, signer = texts
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4, invariant=1)  # invariant: same bytes every run
    page.setTitle(title)
    page.setAuthor(heading.split("\n")[0])
    width, height = A4
    y = height - 60
    page.setFont(font, 11)
    for left, right in zip((heading.split("\n") + [""])[:2],
                           ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" if font == "VietSans" else "CONG HOA XA HOI CHU NGHIA VIET NAM",
                            "Độc lập - Tự do - Hạnh phúc" if font == "VietSans" else "Doc lap - Tu do - Hanh phuc"]):
        page.drawCentredString(140, y, left)
        page.drawCentredString(width - 170, y, right)
        y -= 16
    page.drawCentredString(140, y, number)
    page.drawCentredString(width - 170, y, place_date)
    y -= 50
    page.setFont(font, 13)
    for line in _wrap(title, font, 13, width - 140):
        page.drawCentredString(width / 2, y, line)
        y -= 18
    y -= 14
    page.setFont(font, 11)
    for line in _wrap(body, font, 11, width - 140):
        page.drawString(70, y, line)
        y -= 16
    if signer:
        y -= 30
        for line in signer.split("\n"):
            page.drawCentredString(width - 170, y, line)
            y -= 16
    page.showPage()
    page.save()
    return out.getvalue()


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def docx(title, paragraphs):
    """A minimal Word document: a bold title and plain paragraphs."""
    runs = [f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/></w:rPr>'
            f"<w:t>{escape(title)}</w:t></w:r></w:p>"]
    runs += [f'<w:p><w:r><w:t xml:space="preserve">{escape(p)}</w:t></w:r></w:p>' for p in paragraphs]
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{''.join(runs)}</w:body></w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in (("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _RELS),
                           ("word/document.xml", document)):
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))  # same bytes every run
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, data)
    return out.getvalue()
