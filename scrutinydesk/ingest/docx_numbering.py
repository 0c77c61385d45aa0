"""Word's automatic numbering, written back into the text.

Minutes in Word often number their items ("1. Apologies", "23/45") and decision parts ("(a)",
"(i)") with list numbering rather than typed text; python-docx gives the paragraph without the
number. This counts numbered paragraphs per list and level as Word does and returns the label to
put in front ("7.", "(b)", "•"), so segmentation sees what a reader sees.
"""
from __future__ import annotations

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _roman(value: int) -> str:
    out = ""
    for number, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                            (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while value >= number:
            out += letters
            value -= number
    return out


def _letter(value: int) -> str:
    return chr(ord("a") + (value - 1) % 26)


class Numbering:
    """Labels for numbered paragraphs of one document, in reading order."""

    def __init__(self, document) -> None:  # noqa: ANN001 - python-docx Document
        self._formats: dict[tuple[str, int], str] = {}
        self._counters: dict[str, list[int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, AttributeError, NotImplementedError):
            return
        abstract_formats: dict[str, dict[int, str]] = {}
        for abstract in numbering.findall(f"{_W}abstractNum"):
            levels = {}
            for level in abstract.findall(f"{_W}lvl"):
                fmt = level.find(f"{_W}numFmt")
                levels[int(level.get(f"{_W}ilvl", "0"))] = fmt.get(f"{_W}val") if fmt is not None else "decimal"
            abstract_formats[abstract.get(f"{_W}abstractNumId")] = levels
        for num in numbering.findall(f"{_W}num"):
            abstract_id = num.find(f"{_W}abstractNumId")
            levels = abstract_formats.get(abstract_id.get(f"{_W}val") if abstract_id is not None else "", {})
            for level, fmt in levels.items():
                self._formats[(num.get(f"{_W}numId"), level)] = fmt

    @staticmethod
    def _num_pr(paragraph):  # noqa: ANN001, ANN205 - python-docx internals
        p_pr = paragraph._p.pPr
        if p_pr is not None and p_pr.numPr is not None:
            return p_pr.numPr
        style = paragraph.style
        while style is not None:
            s_pr = style.element.pPr
            if s_pr is not None and s_pr.numPr is not None:
                return s_pr.numPr
            style = style.base_style
        return None

    def label(self, paragraph) -> str | None:  # noqa: ANN001 - python-docx Paragraph
        """The label Word shows before this paragraph, or ``None`` when it is not numbered."""
        num_pr = self._num_pr(paragraph)
        if num_pr is None or num_pr.numId is None:
            return None
        num_id = str(num_pr.numId.val)
        level = int(num_pr.ilvl.val) if num_pr.ilvl is not None else 0
        if num_id == "0":
            return None
        fmt = self._formats.get((num_id, level), "decimal")
        counters = self._counters.setdefault(num_id, [0] * 9)
        level = min(level, 8)
        counters[level] += 1
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        value = counters[level]
        if fmt == "bullet":
            return "•"
        if fmt == "lowerLetter":
            return f"({_letter(value)})"
        if fmt == "upperLetter":
            return f"{_letter(value).upper()}."
        if fmt == "lowerRoman":
            return f"({_roman(value)})"
        if fmt == "upperRoman":
            return f"{_roman(value).upper()}."
        if fmt == "none":
            return None
        return f"{value}."
