"""Builders for the hand-written test corpus: the Word and PDF minutes are generated from their
committed sources (tests/fixtures/minutes/*.docx.json, *.pdf.txt), the rest are used as they are."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "minutes"
SHARED = REPO.parent / "shared"
SCORER = SHARED / "tools" / "score_extraction.py"
# the running header each PDF prints on every page (a parish council's PDF has none)
PDF_HEADERS = {
    "riverside_health_scrutiny": "Riverside City Council - Health and Adult Social Care Scrutiny Committee - 19 September 2024",
    "linmouth_cyp_sub_board": "Linmouth City Council | Children and Families Scrutiny Sub-Board | 7 March 2024",
}


def build_docx(spec: Path, out: Path) -> Path:
    """A .docx from a JSON list of paragraphs (with Word styles) and tables."""
    import docx

    document = docx.Document()
    for block in json.loads(spec.read_text(encoding="utf-8"))["body"]:
        if "table" in block:
            rows = block["table"]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
        else:
            document.add_paragraph(block["text"], style=block.get("style"))
    document.save(out)
    return out


def build_pdf(source: Path, out: Path, header: str | None = None, password: str | None = None) -> Path:
    """A PDF printing ``source`` line by line (form feeds start pages), with a running header and a
    "Page N of M" footer on every page, as council PDFs have."""
    from fpdf import FPDF

    class Minutes(FPDF):
        def header(self) -> None:
            if header:
                self.set_font("Helvetica", size=8)
                self.cell(0, 6, header, new_x="LMARGIN", new_y="NEXT", align="C")
                self.ln(2)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("Helvetica", size=8)
            self.cell(0, 6, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = Minutes()
    if password:
        pdf.set_encryption(owner_password=password + "-owner", user_password=password)
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for line in source.read_text(encoding="utf-8").split("\n"):
        if line.strip() == "\\f":
            pdf.add_page()
            continue
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(out))
    return out


def build_corpus(folder: Path) -> list[Path]:
    """Every corpus document as a file in ``folder``, named so the answer key pairs them."""
    files = []
    for path in sorted(FIXTURES.iterdir()):
        if path.name == "gold.json":
            continue
        if path.name.endswith(".docx.json"):
            files.append(build_docx(path, folder / path.name.removesuffix(".json")))
        elif path.name.endswith(".pdf.txt"):
            header = PDF_HEADERS.get(path.name.split(".")[0])
            files.append(build_pdf(path, folder / path.name.removesuffix(".txt"), header=header))
        else:
            files.append(Path(shutil.copy(path, folder / path.name)))
    return files


def score(gold: Path, predicted: Path) -> dict:
    """The shared scorer's report, run as its own process (its logic is not copied here)."""
    result = subprocess.run([sys.executable, str(SCORER), str(gold), str(predicted), "--json"],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    build_corpus(folder)
    return folder


@pytest.fixture(scope="session")
def scorer():  # noqa: ANN201 - returns the score function
    """``scorer(gold, predicted) -> report``; skips when ../shared is not beside the checkout."""
    if not SCORER.is_file():
        pytest.skip("the shared scorer (../shared/tools/score_extraction.py) is not present")
    return score


def extract_cli(*args: str) -> subprocess.CompletedProcess:
    """``scrutinydesk extract ARGS`` in its own process, as an officer or a script runs it."""
    return subprocess.run([sys.executable, "-m", "scrutinydesk", "extract", *args], capture_output=True,
                          text=True, cwd=REPO, timeout=300)


@pytest.fixture(scope="session")
def run_extract():  # noqa: ANN201 - returns the runner
    return extract_cli
