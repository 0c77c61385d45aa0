"""The Unicode font every PDF the app writes uses: DejaVu Sans, shipped in resources/fonts with its licence.

fpdf2's built-in fonts are Latin-1 only; minutes and members' notes carry curly quotes, dashes and
£, so every document registers this family (regular, bold, italic) under ``FONT``.
"""
from __future__ import annotations

from fpdf import FPDF

from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.paths import resources_dir

FONT = "DejaVu"
_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}


def add_unicode_fonts(pdf: FPDF) -> None:
    """Register DejaVu Sans on ``pdf``, or say plainly that the installation lost it."""
    folder = resources_dir() / "fonts"
    for style, name in _FILES.items():
        if not (folder / name).is_file():
            raise UserFacingError(f"The font {name} is missing from {folder}; reinstall scrutinydesk.")
        pdf.add_font(FONT, style, str(folder / name))
