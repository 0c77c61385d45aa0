"""Pull of a ~100 MB release from a local folder, as a ratio to copying the same bytes.

A pull reads the release once (copying and hashing in one pass), fsyncs it, checks it
(header, quick_check, schema fingerprint) and switches to it. The baseline is a plain copy of the
same file, with and without the fsync a durable copy needs. Aim: at most 1.5x the plain copy.

    .venv/bin/python benchmarks/pull_speed.py [--mb 100] [--runs 3]
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

import sqlite_utils

from scrutinydesk.core.schema import create_schema
from scrutinydesk.sync.keys import generate_keypair, load_private_key, load_public_key
from scrutinydesk.sync.publish import publish
from scrutinydesk.sync.pull import PullStatus, pull_latest

WORDS = ("referral assessment placement caseload agency social worker plan review committee officer "
         "children families practice improvement performance report council scrutiny").split()


def build_master(path: Path, megabytes: int) -> None:
    """A master with the real schema and about ``megabytes`` of minutes text in many documents."""
    rng = random.Random(7)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous = OFF")
    db = sqlite_utils.Database(conn)
    create_schema(db)
    db["committees"].insert({"id": "c", "name": "Committee"})
    per_doc = 50_000
    rows = []
    for n in range(megabytes * 1_000_000 // per_doc):
        meeting = f"c/{2000 + n // 100}-{1 + n % 12:02d}-{1 + n % 28:02d}-{n}"
        rows.append((meeting, n))
    db["meetings"].insert_all({"id": m, "committee_id": "c", "date": m[2:12], "year": 2000, "title": "Meeting"}
                              for m, _ in rows)
    db["documents"].insert_all(
        {"id": f"{m}/doc", "meeting_id": m, "path": f"{n}.txt",
         "text": " ".join(rng.choices(WORDS, k=per_doc // 8))[:per_doc]}
        for m, n in rows
    )
    conn.commit()
    conn.close()


def plain_copy(source: Path, target: Path, durable: bool) -> float:
    started = time.perf_counter()
    shutil.copyfile(source, target)
    if durable:
        with open(target, "rb") as handle:
            os.fsync(handle.fileno())
    elapsed = time.perf_counter() - started
    target.unlink()
    return elapsed


def one_pull(share: Path, trusted, work: Path, n: int) -> float:  # noqa: ANN001
    data_dir = work / f"member-{n}"
    started = time.perf_counter()
    result = pull_latest(share, trusted, data_dir, timeout=60)
    elapsed = time.perf_counter() - started
    assert result.status is PullStatus.UPDATED, result.message
    shutil.rmtree(data_dir)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=100, help="approximate release size in MB")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each (the median is reported)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="scrutinydesk-bench-", dir=os.environ.get("BENCH_TMP")) as tmp:
        work = Path(tmp)
        master, share = work / "master.db", work / "share"
        share.mkdir()
        build_master(master, args.mb)
        key_path, pub_path = generate_keypair("officer", work / "keys", None)
        released = publish(master, share, load_private_key(key_path, None), key_name="officer").db_path
        trusted = load_public_key(pub_path)
        size = released.stat().st_size
        copy_durable, copy_cached, pulls = [], [], []
        one_pull(share, trusted, work, -1)  # warm-up: the release's bytes are now in the page cache
        for n in range(args.runs):
            copy_durable.append(plain_copy(released, work / "copy.db", durable=True))
            copy_cached.append(plain_copy(released, work / "copy.db", durable=False))
            pulls.append(one_pull(share, trusted, work, n))
        pull_s, durable_s, cached_s = (statistics.median(x) for x in (pulls, copy_durable, copy_cached))
        print(f"release size           {size / 1e6:8.1f} MB")
        print(f"pull (verify+switch)   {pull_s:8.3f} s")
        print(f"plain copy + fsync     {durable_s:8.3f} s")
        print(f"plain copy, no fsync   {cached_s:8.3f} s")
        print(f"ratio pull / durable copy   {pull_s / durable_s:5.2f}x  (aim <= 1.5x)")
        print(f"ratio pull / cached copy    {pull_s / cached_s:5.2f}x  (no fsync: a copy that may not survive a power cut)")


if __name__ == "__main__":
    main()
