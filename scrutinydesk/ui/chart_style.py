"""How each indicator series looks: one place, so the chart, its legend and the overview agree.

Colours are the Okabe-Ito hues (safe for the common colour-vision deficiencies); every series
also differs by line style or marker shape, so nothing depends on colour alone. The council's
figures from minutes are large diamonds without a line, never confused with official dots.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt

# The Okabe-Ito hues, darkened where needed so every line, mark and coloured word reaches 4.5:1 on
# the charts' white background (tested): charts and tiles stay light in the dark theme on purpose.
CHART_BACKGROUND = "#ffffff"
CHART_TEXT = "#1a1a1a"
OKABE_ITO = {
    "black": "#000000", "orange": "#9C6C00", "sky": "#177AB2", "green": "#008460",
    "yellow": "#80770A", "blue": "#0072B2", "vermillion": "#BE5400", "purple": "#BB4D8A",
}
RAG_COLOURS = {"Green": OKABE_ITO["green"], "Amber": OKABE_ITO["orange"], "Red": OKABE_ITO["vermillion"],
               None: "#6b6b6b"}


@dataclass(frozen=True)
class SeriesStyle:
    colour: str
    line: Qt.PenStyle | None  # None: markers only
    width: float
    symbol: str | None
    size: int
    filled: bool = True
    z: int = 0


STYLES: dict[str, SeriesStyle] = {
    "council_official": SeriesStyle(OKABE_ITO["blue"], Qt.PenStyle.SolidLine, 3, "o", 9, z=5),
    "council_minutes": SeriesStyle(OKABE_ITO["vermillion"], None, 0, "d", 16, z=6),
    "england": SeriesStyle(OKABE_ITO["black"], Qt.PenStyle.DashLine, 2, "s", 7, z=3),
    "region": SeriesStyle(OKABE_ITO["orange"], Qt.PenStyle.DotLine, 3, "t", 8, z=2),
    "sn_mean": SeriesStyle(OKABE_ITO["green"], Qt.PenStyle.DashDotLine, 2, "x", 9, z=1),
    "target": SeriesStyle(OKABE_ITO["purple"], Qt.PenStyle.DashDotDotLine, 2, "star", 10, z=4),
    "quoted:England": SeriesStyle(OKABE_ITO["black"], None, 0, "s", 13, filled=False, z=7),
    "quoted:statistical neighbours": SeriesStyle(OKABE_ITO["green"], None, 0, "x", 13, filled=False, z=7),
}
QUOTED_DEFAULT = SeriesStyle(OKABE_ITO["orange"], None, 0, "t", 13, filled=False, z=7)
BAND_COLOUR = (0, 158, 115, 34)  # statistical neighbours' range, translucent green


def style_for(key: str) -> SeriesStyle:
    if key in STYLES:
        return STYLES[key]
    return QUOTED_DEFAULT if key.startswith("quoted:") else SeriesStyle(OKABE_ITO["sky"], Qt.PenStyle.SolidLine, 2,
                                                                        "o", 7)
