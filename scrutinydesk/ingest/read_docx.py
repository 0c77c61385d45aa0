"""Word ``.docx`` minutes: paragraphs and tables in document order, bullets kept as bullets."""
from __future__ import annotations

import io
import zipfile

from scrutinydesk.ingest.errors import UnreadableMinutes
from scrutinydesk.ingest.source import ReadSource

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraph_text(paragraph) -> str:  # noqa: ANN001 - python-docx Paragraph
    text = paragraph.text.strip()
    if not text:
        return ""
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    numbered = paragraph._p.find(f"{_W}pPr/{_W}numPr") is not None
    if "Bullet" in style or (numbered and "Number" not in style and not style.startswith("Heading")):
        return "• " + text
    return text


def read_docx(data: bytes, name: str) -> ReadSource:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise UnreadableMinutes(f"{name} is not a Word document that can be opened ({error}); save it again as .docx.") from None
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == f"{_W}p":
            lines.append(_paragraph_text(Paragraph(child, document)))
        elif child.tag == f"{_W}tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
                    if not cells or cells[-1] != value:  # merged cells repeat their text
                        cells.append(value)
                lines.append("\t".join(cells).strip())
            lines.append("")
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    return ReadSource("\n".join(out).strip() + "\n", "docx")
