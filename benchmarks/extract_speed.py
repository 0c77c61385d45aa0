"""Extractor speed (issue 3): documents per second on generated meeting pages, and time against
input size (it must grow linearly: no regular expression may go quadratic on a 1 MB page).

    .venv/bin/python benchmarks/extract_speed.py [--docs 200] [--seed 3]

Pages are generated here, deterministically from the seed, in the two shapes officers import most:
plain text and ModernGov HTML item pages, each about the size of a seed document (~7 KB), mixing
discussion, figures, actions, resolutions and RAG ratings. Speed is the extractor's own CPU time in
this one process (the machine may be shared), with wall time beside it. Aim: 50 documents a second.
"""
from __future__ import annotations

import argparse
import html
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scrutinydesk.ingest.extraction import extract_source  # noqa: E402
from scrutinydesk.ingest.reading import read_bytes  # noqa: E402

AIM_DOCS_PER_SECOND = 50
SEED_DENSITY = 0.3  # share of sentences carrying a figure, an action or a rating, about as in the seed minutes
DENSE = 1.0  # every sentence does: the worst case for the figure rules
OFFICERS = ["The Head of Service", "The Director of Children's Services", "The Scrutiny Officer", "Officers",
            "The Assistant Director for Safeguarding", "The Cabinet Member"]
TOPICS = ["referrals", "assessments completed within 45 working days", "children in care", "care leavers in suitable accommodation",
          "agency social workers", "initial child protection conferences", "unaccompanied asylum seeking children",
          "re-referrals within 12 months", "average caseloads", "MASH contacts"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


PROSE = [
    "Members asked about the impact of recruitment on the service and officers described the work under way with partners.",
    "The meeting noted that the service was working with schools, health partners and the police.",
    "Officers explained that the new operating model had been introduced in the spring and was being reviewed.",
    "The Chair thanked the officers for the report and for their attendance at the meeting.",
    "Members raised concerns about the availability of placements and the pressure on the workforce.",
    "The Cabinet Member said that the Council remained committed to early help and to working with families.",
]


def _sentence(rng: random.Random, density: float) -> str:
    if rng.random() > density:
        return rng.choice(PROSE)
    topic = rng.choice(TOPICS)
    month = rng.choice(MONTHS)
    value = rng.randint(3, 95)
    forms = [
        f"Performance on {topic} had improved to {value}% in {month}, compared with {value - 3}% nationally.",
        f"The number of {topic} had risen to {value * 7}, compared to {value * 6} in {month} {rng.randint(2019, 2023)}.",
        f"{rng.choice(OFFICERS)} explained that the rate of {topic} was {value * 5} per 10,000, above the statistical neighbour average of {value * 4}.",
        f"There had been a {value}% increase in {topic} since last year, which reflected demand across the region.",
        f"Members asked about {topic} and the impact of recruitment on the service; officers described the work under way with partners.",
        f"{rng.choice(OFFICERS)} agreed to circulate a briefing note on {topic} to Members after the meeting.",
        f"The improvement plan rated the work on {topic} as {rng.choice(['Red', 'Amber', 'Green'])}.",
        f"The meeting noted that the service was working with schools, health partners and the police on {topic}.",
    ]
    return rng.choice(forms)


def _paragraphs(rng: random.Random, target: int, density: float) -> list[str]:
    out: list[str] = []
    size = 0
    while size < target:
        paragraph = " ".join(_sentence(rng, density) for _ in range(rng.randint(2, 4)))
        out.append(paragraph)
        size += len(paragraph)
    return out


def generate_text(rng: random.Random, target: int = 7000, density: float = SEED_DENSITY) -> str:
    number = rng.randint(1, 90)
    body = "\n\n".join(f"-   {p}" if rng.random() < 0.4 else p for p in _paragraphs(rng, target - 900, density))
    return (f"Agenda item\n\n{number} Performance Report\n\nReport of the Director of Children's Services (CS/22/{number:02d}), attached.\n\n"
            f"Minutes:\n\n{body}\n\nACTION: {rng.choice(OFFICERS)} to provide an update on {rng.choice(TOPICS)} to the next meeting.\n\n"
            f"It was MOVED by Councillor Hannaford, SECONDED by Councillor Sanders and\n\nRESOLVED that the Committee:\n\n"
            f"(a)  notes the report;\n\n(b)  asks officers to report back on {rng.choice(TOPICS)}.\n\nSupporting documents:\n")


def generate_html(rng: random.Random, target: int = 7000, density: float = SEED_DENSITY) -> str:
    number = rng.randint(1, 90)
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in _paragraphs(rng, target - 1500, density))
    return (f"<!DOCTYPE html><html><head><title>Agenda item - Performance | Example Council</title></head><body>"
            f"<div id='nav'><ul><li><a href='/'>Home</a></li><li><a href='/bins'>Bins</a></li></ul></div>"
            f"<div id='modgov'><h1 class='mgMainTitleTxt'>Agenda item</h1><div class='mgContent'>"
            f"<p>Meeting: 15/11/2022 - Children's Scrutiny Committee (Item {number})</p>"
            f"<p class='mgAiTitleTxt'>{number} Performance Report <a href='r.pdf'>PDF 312 KB</a></p>"
            f"<h3>Decision:</h3><div class='mgWordPara'><p>RESOLVED that the report be noted.</p></div>"
            f"<h3>Minutes:</h3><div class='mgWordPara'>{paragraphs}"
            f"<p>ACTION: {html.escape(rng.choice(OFFICERS))} to circulate the dashboard to Members.</p>"
            f"<p>RESOLVED that the report be noted.</p></div><p>Supporting documents:</p></div></div></body></html>")


def _extract(data: bytes) -> dict:
    return extract_source(read_bytes(data, "bench"), "bench")


def documents_per_second(pages: list[bytes]) -> tuple[float, float]:
    _extract(pages[0])  # warm caches (compiled patterns, synonym table)
    wall, cpu = time.perf_counter(), time.process_time()
    for page in pages:
        _extract(page)
    return len(pages) / (time.process_time() - cpu), len(pages) / (time.perf_counter() - wall)


def growth(rng: random.Random, sizes: list[int]) -> list[tuple[int, float]]:
    """CPU seconds to extract one page of each size (a long meeting page of many items)."""
    rows = []
    for size in sizes:
        page = "\n\n".join(generate_text(rng, density=DENSE) for _ in range(size // 7000 + 1))[:size].encode()
        cpu = time.process_time()
        _extract(page)
        rows.append((len(page), time.process_time() - cpu))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=200, help="pages of each shape to extract")
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    text_pages = [generate_text(rng).encode() for _ in range(args.docs)]
    html_pages = [generate_html(rng).encode() for _ in range(args.docs)]
    dense_pages = [generate_text(rng, density=DENSE).encode() for _ in range(args.docs)]
    seeds = [p.read_bytes() for p in sorted((Path(__file__).resolve().parents[1] / "data" / "minutes").glob("*.txt"))]
    print(f"{'pages':<22} {'avg KB':>7} {'docs/s (cpu)':>13} {'docs/s (wall)':>14}   aim {AIM_DOCS_PER_SECOND}")
    for label, pages in (("generated text", text_pages), ("generated ModernGov", html_pages), ("seed minutes x20", seeds * 20),
                         ("figure-dense text", dense_pages)):
        cpu_rate, wall_rate = documents_per_second(pages)
        average = sum(len(p) for p in pages) / len(pages) / 1024
        print(f"{label:<22} {average:>7.1f} {cpu_rate:>13.1f} {wall_rate:>14.1f}   {'ok' if cpu_rate >= AIM_DOCS_PER_SECOND else 'BELOW AIM'}")
    print("(figure-dense pages carry a figure in every sentence, several times the seeds' density: a worst case, not the aim)")
    print("\ntime against input size (one figure-dense page; linear growth keeps seconds per MB flat)")
    rows = growth(rng, [64_000, 256_000, 1_024_000])
    base = rows[0][1] / rows[0][0]
    for size, seconds in rows:
        print(f"  {size / 1024:>7.0f} KB  {seconds:6.2f} s   {seconds / size * 1_048_576:6.2f} s/MB   x{(seconds / size) / base:4.2f} of the 64 KB rate")
    ratio = (rows[-1][1] / rows[-1][0]) / base
    print(f"1 MB page: {'linear' if ratio < 1.5 else 'SUPERLINEAR'} (per-byte cost x{ratio:.2f} of a 64 KB page)")


if __name__ == "__main__":
    main()
