"""Draw the app icon once, as shapes, and write it as SVG, PNGs (16-256), .ico and .icns.

The shapes are the single source: the SVG is printed from them and the bitmaps are drawn from them
with Pillow (4x oversampled, then reduced), so every format shows the same picture. Run it after
changing a shape; the outputs are committed so a build needs no Pillow:

    .venv/bin/python packaging/make_icons.py          # writes resources/icons/
"""
from __future__ import annotations

import sys
from pathlib import Path

GRID = 256
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)  # macOS wants 512@2x; drawn, not upscaled
OVERSAMPLE = 4
NAME = "scrutinydesk"

NAVY, PAPER, INK, AMBER = "#1d4e89", "#ffffff", "#8fa9c6", "#f2a900"

# A minutes page with three lines of text, and an amber magnifying glass over its corner.
SHAPES: tuple[tuple, ...] = (
    ("rect", 16, 16, 224, 224, 48, NAVY),
    ("rect", 58, 42, 108, 150, 10, PAPER),
    ("line", 80, 80, 144, 80, 14, INK),
    ("line", 80, 110, 144, 110, 14, INK),
    ("line", 80, 140, 116, 140, 14, INK),
    ("line", 198, 198, 226, 226, 24, AMBER),
    ("ring", 166, 166, 42, 16, AMBER, PAPER),
)


def svg_text() -> str:
    """The icon as a standalone SVG document in a 256-unit box."""
    body = []
    for shape in SHAPES:
        kind, *args = shape
        if kind == "rect":
            x, y, w, h, r, fill = args
            body.append(f'  <rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{r}" fill="{fill}"/>')
        elif kind == "line":
            x1, y1, x2, y2, width, colour = args
            body.append(f'  <line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{colour}" '
                        f'stroke-width="{width}" stroke-linecap="round"/>')
        else:
            cx, cy, r, width, colour, fill = args
            body.append(f'  <circle cx="{cx}" cy="{cy}" r="{r}" fill="{fill}" stroke="{colour}" '
                        f'stroke-width="{width}"/>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{GRID}" height="{GRID}" '
            f'viewBox="0 0 {GRID} {GRID}">\n  <title>{NAME}</title>\n' + "\n".join(body) + "\n</svg>\n")


def draw(size: int):  # noqa: ANN201 - a PIL.Image; Pillow is imported lazily (package extra only)
    """The icon as a ``size`` x ``size`` RGBA image."""
    from PIL import Image, ImageDraw

    big = size * OVERSAMPLE
    scale = big / GRID
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    for shape in SHAPES:
        kind, *args = shape
        if kind == "rect":
            x, y, w, h, r, fill = (a * scale if isinstance(a, int) else a for a in args)
            pen.rounded_rectangle((x, y, x + w, y + h), radius=r, fill=fill)
        elif kind == "line":
            x1, y1, x2, y2, width, colour = (a * scale if isinstance(a, int) else a for a in args)
            pen.line((x1, y1, x2, y2), fill=colour, width=round(width))
            for cx, cy in ((x1, y1), (x2, y2)):  # round caps, as the SVG's stroke-linecap
                pen.ellipse((cx - width / 2, cy - width / 2, cx + width / 2, cy + width / 2), fill=colour)
        else:
            cx, cy, r, width, colour, fill = (a * scale if isinstance(a, int) else a for a in args)
            outer = r + width / 2
            pen.ellipse((cx - outer, cy - outer, cx + outer, cy + outer), fill=colour)
            inner = r - width / 2
            pen.ellipse((cx - inner, cy - inner, cx + inner, cy + inner), fill=fill)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def write_icons(out: Path) -> list[Path]:
    """Write every format into ``out``; return the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = [out / f"{NAME}.svg"]
    written[0].write_text(svg_text(), encoding="utf-8")
    images = {size: draw(size) for size in sorted(set(PNG_SIZES) | set(ICO_SIZES) | set(ICNS_SIZES))}
    for size in PNG_SIZES:
        path = out / f"{NAME}-{size}.png"
        images[size].save(path, optimize=True)
        written.append(path)
    largest = images[max(ICO_SIZES)]
    ico = out / f"{NAME}.ico"
    largest.save(ico, sizes=[(s, s) for s in ICO_SIZES],
                 append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)])
    icns = out / f"{NAME}.icns"
    images[max(ICNS_SIZES)].save(icns, append_images=[images[s] for s in ICNS_SIZES[:-1]])
    return [*written, ico, icns]


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "resources" / "icons"
    for written_path in write_icons(target):
        print(written_path)
