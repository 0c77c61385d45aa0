"""Word ``.docx`` minutes: paragraphs and tables in document order, bullets kept as bullets."""
from __future__ import annotations

import io
import zipfile

from scrutinydesk.ingest.docx_numbering import Numbering
from scrutinydesk.ingest.errors import UnreadableMinutes
from scrutinydesk.ingest.layout import join_lines
from scrutinydesk.ingest.source import ReadSource

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraph_text(paragraph, numbering: Numbering) -> str:  # noqa: ANN001 - python-docx Paragraph
    text = paragraph.text.strip()
    label = numbering.label(paragraph)
    if not text:
        return ""
    if label:
        return f"{label} {text}" if label != "•" else f"• {text}"
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    return "• " + text if "Bullet" in style else text


def read_docx(data: bytes, name: str) -> ReadSource:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        return ReadSource(_document_text(document), "docx")
    except Exception as error:  # noqa: BLE001 - python-docx fails in many ways on damaged files; all mean the same
        kind = "damaged zip" if isinstance(error, zipfile.BadZipFile) else type(error).__name__
        raise UnreadableMinutes(f"{name} is not a Word document that can be opened ({kind}); save it again as .docx.") from None


def _document_text(document) -> str:  # noqa: ANN001 - python-docx Document
    """Paragraphs and table rows (cells tab-separated) in the order Word shows them."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    numbering = Numbering(document)
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == f"{_W}p":
            lines.append(_paragraph_text(Paragraph(child, document), numbering))
        elif child.tag == f"{_W}tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
                    if not cells or cells[-1] != value:  # merged cells repeat their text
                        cells.append(value)
                lines.append("\t".join(cells).strip())
            lines.append("")
    return join_lines(lines)
