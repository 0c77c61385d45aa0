"""What changed in the master since the last release published from it, for the officer to check first.

Publishing keeps a local copy of what it published beside the master (``.NAME.last-release``), so the
comparison never opens a file on the shared folder and works offline. The records are compared the
way a member's "What's new" compares two releases (``core.whats_new``); the officer also sees the
corrections made since.
"""
from __future__ import annotations

import os
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from scrutinydesk.core import corrections
from scrutinydesk.core.dates import meeting_when_short
from scrutinydesk.core.durable import fsync_file
from scrutinydesk.core.schema import create_schema
from scrutinydesk.core.whats_new import Kind, WhatsNew, compare_releases


@dataclass
class ReleaseChanges:
    """New meetings, actions opened and closed, figures added, resolutions changed, corrections made."""

    first_release: bool
    records: WhatsNew = field(default_factory=WhatsNew)
    corrections: list[corrections.Correction] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # meetings and actions as the officer reads them

    @property
    def empty(self) -> bool:
        return self.records.is_empty() and not self.corrections

    def sections(self) -> list[tuple[str, int, list[str]]]:
        """(heading, count, lines) for each kind of change that has any."""
        kinds: list[tuple[str, Kind]] = [
            ("New meetings", self.records.new_meetings),
            ("Actions opened", self.records.new_actions),
            ("Actions closed", self.records.closed_actions),
            ("Figures added", self.records.new_figures),
            ("Decisions added or reworded", self.records.changed_resolutions),
        ]
        out = [(heading, kind.count, [self.labels.get(change.id, change.text) for change in kind.items])
               for heading, kind in kinds if kind.count]
        if self.corrections:
            out.append(("Corrections", len(self.corrections),
                        [f"{c.describe()} ({c.who})" for c in self.corrections]))
        return out


def baseline_path(master: Path) -> Path:
    return master.with_name(f".{master.name}.last-release")


def save_baseline(master: Path) -> Path:
    """Keep a copy of the master as just published, to compare the next release against."""
    target = baseline_path(master)
    temp = target.with_name(target.name + ".partial")
    temp.unlink(missing_ok=True)
    conn = sqlite3.connect(f"{master.resolve().as_uri()}?mode=ro", uri=True)
    try:
        conn.execute("VACUUM INTO ?", (str(temp),))
    finally:
        conn.close()
    fsync_file(temp)
    os.replace(temp, target)
    return target


def changes_since_release(master: Path) -> ReleaseChanges:
    """Compare the master with the copy kept at its last publish (before the first, everything is new)."""
    baseline = baseline_path(master)
    if baseline.is_file():
        changes = ReleaseChanges(False, compare_releases(baseline, master), _corrections_since(master, baseline))
    else:
        with tempfile.TemporaryDirectory(prefix="scrutinydesk-changes-") as work:
            empty = Path(work) / "empty.db"
            conn = sqlite3.connect(empty)
            try:
                create_schema(sqlite_utils.Database(conn))
            finally:
                conn.close()
            changes = ReleaseChanges(True, compare_releases(empty, master), _corrections_since(master, None))
    changes.labels = _labels(master, changes.records)
    return changes


def _labels(master: Path, records: WhatsNew) -> dict[str, str]:
    """"Children's Scrutiny Committee · 15 Nov 2022" for meetings, "Head of Service to …" for actions."""
    conn = sqlite3.connect(f"{master.resolve().as_uri()}?mode=ro", uri=True)
    try:
        labels = {}
        for change in records.new_meetings.items:
            row = conn.execute("SELECT c.name, m.date, m.year, m.title FROM meetings m LEFT JOIN committees c "
                               "ON c.id = m.committee_id WHERE m.id = ?", (change.id,)).fetchone()
            if row:
                title = f" · {row[3]}" if row[3] else ""
                labels[change.id] = f"{row[0] or 'Committee not known'} · {meeting_when_short(row[1], row[2])}{title}"
        for change in (*records.new_actions.items, *records.closed_actions.items):
            row = conn.execute("SELECT owner, text FROM actions WHERE id = ?", (change.id,)).fetchone()
            if row:
                labels[change.id] = f"{row[0] or 'Owner not stated'} to {row[1]}"
        return labels
    finally:
        conn.close()


def _corrections_since(master: Path, baseline: Path | None) -> list[corrections.Correction]:
    after = 0
    if baseline is not None:
        conn = sqlite3.connect(f"{baseline.resolve().as_uri()}?mode=ro", uri=True)
        try:
            if corrections.has_table(conn):
                after = conn.execute("SELECT coalesce(max(id), 0) FROM corrections").fetchone()[0]
        finally:
            conn.close()
    conn = sqlite3.connect(f"{master.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return corrections.list_corrections(conn, after_id=after)
    finally:
        conn.close()
