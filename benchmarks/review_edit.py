"""How long one review decision takes on a county-sized master, against rebuilding the search index.

``python benchmarks/review_edit.py [--records 30000]`` imports the seed minutes into a master, copies
their actions and decisions until each table holds ``--records`` rows (and items a tenth of that),
then times a review edit (correction, queue state and search index kept in step) and a whole rebuild
of the search index. It prints both and their ratio: the edit must stay a small fraction of a rebuild,
whatever the size of the master, or the keyboard-driven review stalls.
"""
from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from pathlib import Path

import sqlite_utils

from scrutinydesk.core import master, review_actions, review_queue
from scrutinydesk.core.progress import JobState
from scrutinydesk.core.schema import refresh_search_index
from scrutinydesk.ingest import extract_path

ROOT = Path(__file__).resolve().parents[1]


def inflate(path: Path, records: int) -> None:
    conn = sqlite3.connect(path)
    with conn:
        for table, target in (("actions", records), ("resolutions", records), ("items", records // 10)):
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
            select = ", ".join("id || ?" if c == "id" else c for c in columns)
            originals = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for copy in range(1, max(1, target // max(1, originals))):
                conn.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {select} FROM {table} "
                             "WHERE id NOT LIKE '%#%'", (f"#{copy}",))
        refresh_search_index(sqlite_utils.Database(conn))
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=30_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        path = master.create_master(Path(work) / "master.db")
        files = master.read_minutes([ROOT / "data" / "minutes"], JobState(), extract_path)
        for read in files:
            read.committee = read.committee or "Children's Scrutiny Committee"
        master.import_minutes(path, files, JobState(), "benchmark")
        inflate(path, args.records)
        conn = sqlite3.connect(path)
        entry = next(e for e in review_queue.entries(conn) if e.table == "actions")
        sizes = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("actions", "resolutions", "items")}
        conn.close()
        edits = []
        for number in range(5):
            start = time.perf_counter()
            review_actions.save_edits(path, entry.import_id, "actions", entry.record_id,
                                      {"owner": f"Head of Service {number}"}, "benchmark")
            edits.append(time.perf_counter() - start)
        conn = sqlite3.connect(path)
        start = time.perf_counter()
        with conn:
            refresh_search_index(sqlite_utils.Database(conn))
        rebuild = time.perf_counter() - start
        conn.close()
    edit = sorted(edits)[len(edits) // 2]
    print(f"master: {sizes}")
    print(f"review edit (median of 5): {edit * 1000:.1f} ms; search index rebuild: {rebuild * 1000:.0f} ms; "
          f"ratio edit/rebuild: {edit / rebuild:.3f}")


if __name__ == "__main__":
    main()
