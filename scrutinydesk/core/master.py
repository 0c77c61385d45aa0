"""The officer's master database: created empty, and grown by importing minutes into it.

An import adds the new minutes' meetings to the master and leaves every other meeting as it was
(with whatever chairs' changes were merged into it). Minutes of a meeting the master already holds
replace that meeting's extracted records; records that match the old ones keep their ids (and so
their notes, chairs' changes and the officer's corrections), which are then re-applied. Everything
an import writes goes in one transaction: a cancelled or failed import leaves the master untouched.

Core never imports the extractor (``ingest`` depends on ``core``, not the reverse), so the reading
step takes the extract function as an argument; the window and the tests pass ``ingest.extract_path``.
"""
from __future__ import annotations

import contextlib
import logging
import re
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

import sqlite_utils

from scrutinydesk.core import corrections, review_queue
from scrutinydesk.core.build_database import BuildInputs, ExtractedDocument, build_database
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.id_matching import carry_over_ids
from scrutinydesk.core.manifest import MANIFEST_NAME, SourceMeta, load_manifest
from scrutinydesk.core.paths import project_root
from scrutinydesk.core.progress import JobState
from scrutinydesk.core.reference_data import read_catalogue, read_neighbours
from scrutinydesk.core.schema import APPLICATION_ID, refresh_search_index

log = logging.getLogger(__name__)

RECORD_KINDS = (("resolutions", "resolutions"), ("actions", "actions"), ("figures", "figures"), ("rag_ratings", "rag"))


class Extracted(Protocol):
    text: str
    document: dict


Extract = Callable[[Path, SourceMeta | None], Extracted]


# -- the master file -------------------------------------------------------------------------------
def create_master(path: Path, catalogue: Path | None = None, neighbours: Path | None = None) -> Path:
    """An empty master (no meetings yet) with the indicator catalogue and comparators, written atomically."""
    if path.exists():
        raise UserFacingError(f"{path} already exists; open it as the master or choose a new file name.")
    data = project_root() / "data"
    inputs = BuildInputs(
        catalogue=read_catalogue(catalogue or data / "indicators.csv"),
        neighbours=read_neighbours(neighbours or data / "comparators" / "statistical_neighbours.csv"),
    )
    build_database(path, [], inputs)
    with writing(path) as conn:
        corrections.ensure_table(conn)
        review_queue.ensure_tables(conn)
    return path


def connect(path: Path) -> sqlite3.Connection:
    """A read-write connection to a master database, refusing any other file."""
    if not path.is_file():
        raise UserFacingError(f"The master database {path} does not exist; create it from the File menu or check the path.")
    conn = sqlite3.connect(path, timeout=10)
    try:
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    except sqlite3.DatabaseError:
        conn.close()
        raise UserFacingError(f"{path} is not a database; open the master database the officer keeps.") from None
    if application_id != APPLICATION_ID:
        conn.close()
        raise UserFacingError(f"{path} is not a scrutinydesk database; open the master database the officer keeps.")
    return conn


@contextlib.contextmanager
def writing(path: Path) -> Iterator[sqlite3.Connection]:
    """One transaction on the master: committed when the block ends, rolled back if it raises."""
    conn = connect(path)
    try:
        with conn:
            yield conn
    except sqlite3.DatabaseError as error:
        raise UserFacingError(f"The master database {path} could not be updated ({error}); nothing was changed.") from None
    finally:
        conn.close()


# -- reading minutes -------------------------------------------------------------------------------
@dataclass
class ReadFile:
    """One file as read for import. ``committee``/``date``/``year`` are what will be filed: the minutes'
    own words, else the manifest's, and the officer may change them before importing."""

    path: Path
    text: str = ""
    document: dict = field(default_factory=dict)
    meta: SourceMeta | None = None
    error: str | None = None
    committee: str | None = None
    date: str | None = None
    year: int | None = None
    stated_committee: bool = False
    stated_date: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None

    def counts(self) -> dict[str, int]:
        return {table: len(self.document.get(key) or []) for table, key in RECORD_KINDS}

    def set_when(self, text: str) -> None:
        """Set the meeting date from what the officer typed (a date, a year, or blank)."""
        self.date, self.year = meeting_date(text)

    def extracted(self) -> ExtractedDocument:
        """The document as it will be built, filed under the committee and date the officer confirmed."""
        document = dict(self.document)
        document["meeting"] = {"committee": self.committee, "date": self.date}
        meta = replace(self.meta or SourceMeta(), committee=self.committee, date=self.date, year=self.year)
        return ExtractedDocument(self.text, document, meta)


def meeting_date(text: str | None) -> tuple[str | None, int | None]:
    """``(ISO date, year)`` from "15 November 2022", "2022-11-15", "2022" or blank."""
    text = (text or "").strip()
    if not text:
        return None, None
    if re.fullmatch(r"\d{4}", text):
        return None, int(text)
    iso = corrections.iso_date(text, "meeting date")
    return iso, int(iso[:4])


def minutes_in(paths: list[Path]) -> list[Path]:
    """The files to read: each file given, and every visible file but the manifest in each folder given."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(p for p in path.iterdir()
                          if p.is_file() and not p.name.startswith(".") and p.name != MANIFEST_NAME)
        elif path.name != MANIFEST_NAME:
            out.append(path)
    seen: set[Path] = set()
    return [p for p in out if not (p.resolve() in seen or seen.add(p.resolve()))]


def _manifest_for(path: Path, cache: dict[Path, dict[str, SourceMeta]]) -> SourceMeta | None:
    folder = path.parent
    if folder not in cache:
        manifest = folder / MANIFEST_NAME
        try:
            cache[folder] = load_manifest(manifest) if manifest.is_file() else {}
        except UserFacingError as error:
            log.warning("%s", error)
            cache[folder] = {}
    return cache[folder].get(path.name)


def read_minutes(paths: list[Path], state: JobState, extract: Extract, master: Path | None = None) -> list[ReadFile]:
    """Read and extract each file (a folder gives all its files); a file that fails is kept with the reason.

    Uses ``manifest.csv`` beside the files, as ``build`` does, for what the minutes do not say; a file
    the master already holds is prefilled with the committee and date it was filed under before.
    """
    files = minutes_in(paths)
    manifests: dict[Path, dict[str, SourceMeta]] = {}
    filed = corrections.filings(master) if master is not None and master.is_file() else {}
    out = []
    for number, path in enumerate(files):
        state.check()
        state.progress(number / max(1, len(files)), f"Reading {path.name}")
        read = _read_one(path, _manifest_for(path, manifests), extract)
        known = filed.get((read.document.get("source") or {}).get("sha256"))
        if read.ok and known:
            read.committee, read.date, read.year = known
        out.append(read)
    state.progress(1.0, f"Read {len(files)} file{'s' if len(files) != 1 else ''}")
    return out


def _read_one(path: Path, meta: SourceMeta | None, extract: Extract) -> ReadFile:
    try:
        extraction = extract(path, meta)
    except UserFacingError as error:
        return ReadFile(path, meta=meta, error=str(error))
    except OSError as error:
        return ReadFile(path, meta=meta, error=f"{path.name} could not be opened ({error.strerror or error}).")
    except Exception as error:  # an extractor bug must not stop the other files
        log.exception("extracting %s", path)
        return ReadFile(path, meta=meta, error=f"{path.name} could not be read ({type(error).__name__}: {error}).")
    meeting = extraction.document.get("meeting") or {}
    meta_ = meta or SourceMeta()
    date = meeting.get("date") or meta_.date
    return ReadFile(
        path, extraction.text, extraction.document, meta,
        committee=meeting.get("committee") or meta_.committee, date=date,
        year=int(date[:4]) if date else meta_.year,
        stated_committee=bool(meeting.get("committee")), stated_date=bool(meeting.get("date")),
    )


# -- importing into the master -----------------------------------------------------------------------
@dataclass
class ImportSummary:
    """What an import did, for the message the officer reads."""

    import_id: int = 0
    files: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    meetings_added: list[str] = field(default_factory=list)
    meetings_replaced: list[str] = field(default_factory=list)
    records: dict[str, int] = field(default_factory=dict)
    queued: int = 0
    doubtful: int = 0
    vanished: list[corrections.Correction] = field(default_factory=list)

    def lines(self) -> list[str]:
        counts = ", ".join(f"{n} {corrections.NOUN[t]}{'s' if n != 1 else ''}" for t, n in self.records.items())
        out = [f"Imported {len(self.files)} file{'s' if len(self.files) != 1 else ''}: "
               f"{len(self.meetings_added)} new meeting{'s' if len(self.meetings_added) != 1 else ''}"
               + (f", {len(self.meetings_replaced)} replaced" if self.meetings_replaced else "")
               + (f"; {counts}" if counts else "") + "."]
        out.append(f"{self.queued} new record{'s' if self.queued != 1 else ''} to review, "
                   f"{self.doubtful} of them doubtful." if self.queued else "Nothing new to review.")
        out += [f"Not imported: {reason}" if name in reason else f"Not imported: {name}: {reason}"
                for name, reason in self.failed]
        out += [f"Correction no longer matching a record: {c.describe()} ({c.record_id})" for c in self.vanished]
        return out


def import_minutes(master: Path, files: list[ReadFile], state: JobState, who: str) -> ImportSummary:
    """Add the readable files' meetings to the master (one transaction) and queue what is new for review."""
    summary = ImportSummary(failed=[(f.path.name, f.error or "") for f in files if not f.ok])
    ready = _distinct([f for f in files if f.ok])
    if not ready:
        raise UserFacingError("None of the files could be read as minutes; see the reason given for each.")
    state.check()
    state.progress(0.1, "Building the new meetings")
    with tempfile.TemporaryDirectory(prefix="scrutinydesk-import-") as work:
        built = Path(work) / "import.db"
        build_database(built, [f.extracted() for f in ready], BuildInputs())
        new = _rows_of(built)
    doubts = _extractor_doubts(new, ready)
    state.check()
    state.progress(0.4, "Matching records the master already holds")
    temp_ids = {table: [row["id"] for row in new[table]] for table, _ in RECORD_KINDS}
    carry_over_ids(master, {table: new[table] for table, _ in RECORD_KINDS})
    doubts = {(table, new_row["id"]): doubts.get((table, old_id))
              for table, _ in RECORD_KINDS for old_id, new_row in zip(temp_ids[table], new[table], strict=True)}
    state.check()
    state.progress(0.6, "Writing to the master")
    with writing(master) as conn:
        before = {row[0] for table, _ in RECORD_KINDS for row in conn.execute(f"SELECT id FROM {table}")}
        known_meetings = {row[0] for row in conn.execute("SELECT id FROM meetings")}
        affected = _replace_meetings(conn, new)
        state.check()  # cancelling here rolls the whole import back
        summary.vanished = corrections.apply_corrections(conn, affected)
        summary.import_id = review_queue.start_import(conn, who, [f.path.name for f in ready])
        queue = []
        for table, _ in RECORD_KINDS:
            for row in new[table]:
                current = review_queue.record_fields(conn, table, row["id"])
                if row["id"] in before or current is None:
                    continue
                queue.append(review_queue.QueueEntry(
                    table, row["id"], review_queue.combined_doubt(doubts.get((table, row["id"])), table, current)))
        queue.sort(key=lambda e: _minutes_order(conn, e))
        review_queue.queue_records(conn, summary.import_id, queue)
        summary.files = [f.path.name for f in ready]
        summary.meetings_added = sorted({m["id"] for m in new["meetings"]} - known_meetings)
        summary.meetings_replaced = sorted({m["id"] for m in new["meetings"]} & known_meetings)
        summary.records = {table: len(new[table]) for table, _ in RECORD_KINDS}
        summary.queued, summary.doubtful = len(queue), sum(1 for e in queue if e.doubt)
        review_queue.finish_import(conn, summary.import_id, {"lines": summary.lines()})
        refresh_search_index(sqlite_utils.Database(conn))
    state.progress(1.0, "Imported")
    return summary


def _distinct(files: list[ReadFile]) -> list[ReadFile]:
    """The same file given twice (same bytes under two names) is imported once."""
    seen: set[str] = set()
    out = []
    for f in files:
        sha = (f.document.get("source") or {}).get("sha256") or f.text
        if sha not in seen:
            seen.add(sha)
            out.append(f)
    return out


def _rows_of(path: Path) -> dict[str, list[dict]]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        tables = ("committees", "meetings", "documents", "items", *(t for t, _ in RECORD_KINDS))
        return {t: [dict(r) for r in conn.execute(f"SELECT * FROM {t} ORDER BY rowid")] for t in tables}
    finally:
        conn.close()


def _extractor_doubts(new: dict[str, list[dict]], ready: list[ReadFile]) -> dict[tuple[str, str], str]:
    """``{(table, built id): the extractor's doubt}``: built rows follow each document's records in order."""
    item_document = {item["id"]: item["document_id"] for item in new["items"]}
    out: dict[tuple[str, str], str] = {}
    for document_row, read in zip(new["documents"], ready, strict=False):
        for table, key in RECORD_KINDS:
            rows = [r for r in new[table] if item_document.get(r["item_id"]) == document_row["id"]]
            records = read.document.get(key) or []
            if len(rows) != len(records):
                continue  # two documents of one meeting shared item ids; fall back to derived doubts
            for row, record in zip(rows, records, strict=True):
                if isinstance(record, dict) and record.get("doubt"):
                    out[(table, row["id"])] = str(record["doubt"])
    return out


def _minutes_order(conn: sqlite3.Connection, entry: review_queue.QueueEntry) -> tuple[str, str, int, int]:
    """Meeting date (or year), meeting, item, place in the text: the order the minutes are read in."""
    row = conn.execute(
        f"SELECT coalesce(m.date, m.year), m.id, i.position, r.span_start FROM {entry.table} r "
        "JOIN items i ON i.id = r.item_id JOIN meetings m ON m.id = r.meeting_id WHERE r.id = ?", (entry.record_id,),
    ).fetchone()
    if row is None:
        return ("", "", -1, -1)
    when, meeting, position, start = row
    return (str(when or ""), meeting, -1 if position is None else position, -1 if start is None else start)


def _replace_meetings(conn: sqlite3.Connection, new: dict[str, list[dict]]) -> set[str]:
    """Put the new meetings in the master, replacing what it held for them; returns the meetings touched."""
    new_meetings = {m["id"] for m in new["meetings"]}
    documents = [d["id"] for d in new["documents"]]
    refiled = {row[0] for row in conn.execute(
        f"SELECT meeting_id FROM documents WHERE id IN ({', '.join('?' * len(documents))})", documents)}
    affected = new_meetings | refiled
    kept_status: dict[str, tuple] = {}
    for meeting in affected:
        kept_status |= {row[0]: (row[1], row[2]) for row in conn.execute(
            "SELECT id, status, completed_at FROM actions WHERE meeting_id = ?", (meeting,))}
        for table in ("resolutions", "figures", "rag_ratings", "items", "documents"):
            conn.execute(f"DELETE FROM {table} WHERE meeting_id = ?", (meeting,))
        # Actions a chair recorded at the meeting are not in the minutes: they stay.
        conn.execute(
            "DELETE FROM actions WHERE meeting_id = ? AND id NOT IN "
            "(SELECT action_id FROM action_history WHERE field = 'new_action')", (meeting,))
    for meeting in refiled - new_meetings:  # a file filed under another meeting before
        conn.execute("DELETE FROM actions WHERE meeting_id = ?", (meeting,))
        conn.execute("DELETE FROM meetings WHERE id = ?", (meeting,))
    _insert(conn, "committees", new["committees"], "OR IGNORE")
    _insert(conn, "meetings", new["meetings"], "OR REPLACE")
    conn.execute("DELETE FROM committees WHERE id NOT IN (SELECT committee_id FROM meetings)")
    for table in ("documents", "items", "resolutions", "figures", "rag_ratings"):
        _insert(conn, table, new[table], "OR REPLACE")
    for row in new["actions"]:
        if row["id"] in kept_status:
            row["status"], row["completed_at"] = kept_status[row["id"]]
    _insert(conn, "actions", new["actions"], "OR REPLACE")
    dates = {m["id"]: m["date"] for m in new["meetings"]}
    conn.executemany(
        "INSERT INTO action_history (action_id, at, who, field, new_value, outcome, note) "
        "SELECT ?, ?, 'Minutes', 'status', 'open', 'recorded', 'Recorded in the minutes of the meeting' "
        "WHERE NOT EXISTS (SELECT 1 FROM action_history WHERE action_id = ?)",
        [(row["id"], dates.get(row["meeting_id"]), row["id"]) for row in new["actions"]],
    )
    return affected


def _insert(conn: sqlite3.Connection, table: str, rows: list[dict], conflict: str) -> None:
    if not rows:
        return
    columns = list(rows[0])
    conn.executemany(
        f"INSERT {conflict} INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        [tuple(row[c] for c in columns) for row in rows],
    )


def prepare_master(path: Path) -> Path:
    """Open-or-create: a new empty master at ``path``, or an existing database made ready for officer work."""
    if not path.exists():
        return create_master(path)
    with writing(path) as conn:
        corrections.ensure_table(conn)
        review_queue.ensure_tables(conn)
    return path
