"""``make bench``: ten years of every committee, measured against the aims of issue 8.

    .venv/bin/python benchmarks/run.py [--scale 1.0] [--seed 2022] [--repeats 5]

Builds (or reuses, see corpus.py) the county database and its one-tenth sibling with the real
extractor and build, then measures on the county database: cold start against a bare PySide6 +
pyqtgraph window, global search, the window's interactions driven by Qt events, indicator charts,
build throughput and growth, pull against a plain copy, and the window's peak memory. Prints a table
of each figure beside its aim and writes every number to ``benchmarks/results.json``.

Latencies are wall-clock times, with the CPU time beside them: on a machine shared with other work
the wall time includes waiting for a core, the CPU time is the work itself. The load average at the
start and end of the run is recorded with the results.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import corpus
from corpus import ROOT, CorpusSpec

HERE = Path(__file__).resolve().parent
PROBE = HERE / "window_probe.py"
RESULTS = HERE / "results.json"


@dataclass
class Figure:
    """One line of the table: what was measured, the number, the aim, and whether it is met."""

    name: str
    measured: str
    aim: str
    ok: bool | None  # None: not measured (pending)
    values: dict


def _env() -> dict:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1"}


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def ensure_corpus(spec: CorpusSpec, workers: int) -> tuple[Path, dict]:
    """The corpus's database and build record, built by corpus.py in a process of its own when missing,
    so this process stays as small as the window probes it starts."""
    done = subprocess.run([sys.executable, str(HERE / "corpus.py"), "--seed", str(spec.seed), "--scale",
                           f"{spec.scale:g}", "--workers", str(workers)], check=True, capture_output=True, text=True,
                          cwd=ROOT)
    path = Path(done.stdout.splitlines()[-1])  # the database built, named by the code it was built with
    return path, json.loads(path.with_suffix(".json").read_text())


# -- cold start --------------------------------------------------------------------------------------
def _start_once(args: list[str]) -> tuple[float, float, float]:
    """Wall seconds from spawning the probe to its 'painted' line, its CPU seconds, its peak RSS in MB
    at that moment (VmHWM, as the probe reads it: a child's ru_maxrss starts at its parent's)."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(PROBE), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env=_env(), text=True, cwd=HERE)
    line = proc.stdout.readline()
    wall = time.perf_counter() - started
    _, status, usage = os.wait4(proc.pid, 0)
    proc.stdout.close()
    if not line.startswith("painted") or status != 0:
        raise RuntimeError(f"{args[0]} window did not paint (status {status}, said {line!r})")
    return wall, usage.ru_utime + usage.ru_stime, int(line.split()[3]) / 1024


def cold_start(db: Path, repeats: int) -> Figure:
    """Bare window and scrutinydesk on the county database, alternated; medians after a warm-up of each."""
    with tempfile.TemporaryDirectory(prefix="scrutinydesk-bench-home-") as home:
        app_args = ["app", str(db), home]
        _start_once(["bare"]), _start_once(app_args)
        bare, app = [], []
        for _ in range(repeats):
            bare.append(_start_once(["bare"]))
            app.append(_start_once(app_args))
    med = {name: [statistics.median(run[i] for run in runs) for i in range(3)] for name, runs in (("bare", bare), ("app", app))}
    ratio, cpu_ratio = med["app"][0] / med["bare"][0], med["app"][1] / med["bare"][1]
    return Figure("cold start to first painted window with data", f"{ratio:.2f}x ({med['app'][0]:.2f} s vs "
                  f"{med['bare'][0]:.2f} s; CPU {cpu_ratio:.2f}x)", "<= 1.5x bare PySide6+pyqtgraph window",
                  ratio <= 1.5, {"ratio": ratio, "cpu_ratio": cpu_ratio, "app_seconds": med["app"][0],
                                 "bare_seconds": med["bare"][0], "app_cpu_seconds": med["app"][1],
                                 "bare_cpu_seconds": med["bare"][1], "app_rss_mb_at_paint": med["app"][2],
                                 "repeats": repeats, "app_runs": app, "bare_runs": bare})


# -- global search -----------------------------------------------------------------------------------
def search_queries(seed: int, count: int = 200) -> list[str]:
    """What members type into global search: subjects, names, roles, item titles, words half typed."""
    rng = random.Random(seed)
    topics = sorted({t.removeprefix("the ") for ts in corpus.TOPICS.values() for t in ts})
    words = sorted({w for t in topics for w in t.replace(",", "").split() if len(w) > 4})
    titles = sorted({t for ts in corpus.ITEM_TITLES.values() for t in ts})
    owners = sorted({o for os_ in corpus.OWNERS.values() for o in os_})
    kinds = [
        (0.35, lambda: rng.choice(topics)),
        (0.15, lambda: rng.choice(words)),
        (0.15, lambda: rng.choice(corpus.SURNAMES)),
        (0.10, lambda: rng.choice(owners)),
        (0.10, lambda: rng.choice(titles)),
        (0.15, lambda: (w := rng.choice(words))[:rng.randint(3, min(6, len(w)))]),
    ]
    queries = []
    for weight, make in kinds:
        queries += [make() for _ in range(round(weight * count))]
    rng.shuffle(queries)
    return queries[:count]


def global_search(db: Path, seed: int) -> Figure:
    from scrutinydesk.core.database import open_readonly
    from scrutinydesk.core.store import Store

    conn = open_readonly(db)
    store = Store(conn)
    queries = search_queries(seed)
    for query in queries[:10]:  # warm the page cache, as a window open for a while has
        store.search(query)
    wall, cpu, slowest = [], [], []
    for query in queries:
        started, cpu_started = time.perf_counter(), time.process_time()
        hits = store.search(query)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
        slowest.append((wall[-1], query, len(hits)))
    conn.close()
    p50, p95 = statistics.median(wall) * 1000, _percentile(wall, 0.95) * 1000
    cpu95 = _percentile(cpu, 0.95) * 1000
    return Figure("global search, 200 queries", f"p50 {p50:.0f} ms, p95 {p95:.0f} ms (CPU p95 {cpu95:.0f} ms)",
                  "p95 < 50 ms", p95 < 50,
                  {"p50_ms": p50, "p95_ms": p95, "cpu_p50_ms": statistics.median(cpu) * 1000, "cpu_p95_ms": cpu95,
                   "queries": len(queries), "slowest": sorted(slowest, reverse=True)[:8]})


# -- the window, driven by Qt events -------------------------------------------------------------
def window_interactions(db: Path) -> tuple[list[Figure], dict]:
    with tempfile.TemporaryDirectory(prefix="scrutinydesk-bench-home-") as home:
        done = subprocess.run([sys.executable, str(PROBE), "interactions", str(db), home], capture_output=True,
                              text=True, env=_env(), cwd=HERE, timeout=900)
    if done.returncode != 0:
        raise RuntimeError(f"the interactions probe failed:\n{done.stderr[-3000:]}")
    data = json.loads(done.stdout.strip().splitlines()[-1])

    def worst(name: str, summary: dict, aim_ms: float = 100, extra: str = "") -> Figure:
        wall, cpu = summary["max"] * 1000, summary["cpu_max"] * 1000
        return Figure(name, f"worst {wall:.0f} ms, median {summary['median'] * 1000:.0f} ms (CPU worst {cpu:.0f} ms)"
                      + extra, f"< {aim_ms:.0f} ms each", wall < aim_ms, summary)

    tabs = data["tabs"]
    figures = [
        worst("switching tabs (first visit of each)", tabs["first_visit"]),
        worst("switching tabs (later)", tabs["later"]),
        worst("filter Resolutions as you type (per key)", data["filter"],
              extra=f"; the query starts after a {data['filter']['pause_ms']} ms typing pause"),
        worst("sort Actions by each column", data["sort"]),
        worst(f"scroll Actions end to end ({data['scroll']['rows']} rows)", data["scroll"]["worst"]),
        worst(f"open an indicator chart, all series ({data['indicators']['indicators']} charts)", data["indicators"]),
    ]
    rss = data["peak_rss_mb"]
    figures.append(Figure("peak memory of the window (after all of the above)", f"{rss:.0f} MB RSS", "< 400 MB",
                          rss < 400, {"peak_rss_mb": rss}))
    return figures, data


# -- build -------------------------------------------------------------------------------------------
def build_figures(full: dict, tenth: dict) -> list[Figure]:
    def rate(record: dict) -> str:
        return (f"{record['documents'] / record['seconds']:.1f} meetings/s, "
                f"{record['bytes'] / 1e6 / record['seconds']:.2f} MB/s")

    per_mb = {name: r["seconds"] / (r["bytes"] / 1e6) for name, r in (("full", full), ("tenth", tenth))}
    growth = per_mb["full"] / per_mb["tenth"]
    found = full["found"]
    return [
        Figure("build the county corpus", f"{full['seconds']:.0f} s for {full['documents']} meetings ({rate(full)}; "
               f"extract {full['extract_seconds']:.0f} s in {full['workers']} processes, write {full['write_seconds']:.0f} s)",
               "fits make bench's 10 minutes", full["seconds"] < 360, full),
        Figure("build growth 1/10 -> full (time per MB of minutes)", f"{growth:.2f}x ({per_mb['tenth']:.1f} -> "
               f"{per_mb['full']:.1f} s/MB; {tenth['documents']} -> {full['documents']} meetings)", "linear (<= 1.25x)",
               growth <= 1.25, {"growth": growth, "seconds_per_mb": per_mb, "tenth": tenth}),
        Figure("county database", f"{full['db_bytes'] / 1e6:.0f} MB: " + ", ".join(f"{v} {k}" for k, v in found.items()),
               "~3,000 meetings, 40k items, 20k resolutions, 30k actions, 100k figures", None, full["planted"]),
    ]


# -- pull --------------------------------------------------------------------------------------------
def pull_figure(db: Path, repeats: int) -> Figure:
    """Publish the county database to a local share with the sync code, then pull it against a plain copy."""
    try:
        from pull_speed import one_pull, plain_copy

        from scrutinydesk.sync.keys import generate_keypair, load_private_key, load_public_key
        from scrutinydesk.sync.publish import publish
    except ImportError as missing:
        return Figure("pull of the county release", f"pending ({missing})", "<= 1.5x a copy", None, {})
    with tempfile.TemporaryDirectory(prefix="scrutinydesk-bench-pull-") as tmp:
        work = Path(tmp)
        share = work / "share"
        share.mkdir()
        key, pub = generate_keypair("officer", work / "keys", None)
        released = publish(db, share, load_private_key(key, None), key_name="officer").db_path
        trusted = load_public_key(pub)
        one_pull(share, trusted, work, -1)
        pulls, durable, cached = [], [], []
        for n in range(repeats):
            durable.append(plain_copy(released, work / "copy.db", durable=True))
            cached.append(plain_copy(released, work / "copy.db", durable=False))
            pulls.append(one_pull(share, trusted, work, n))
        size = released.stat().st_size
    pull_s, durable_s, cached_s = (statistics.median(x) for x in (pulls, durable, cached))
    ratio = pull_s / durable_s
    return Figure("pull of the county release", f"{ratio:.2f}x a durable copy ({pull_s:.2f} s vs {durable_s:.2f} s "
                  f"for {size / 1e6:.0f} MB; {pull_s / cached_s:.2f}x a copy without fsync)", "<= 1.5x a copy",
                  ratio <= 1.5, {"ratio": ratio, "pull_seconds": pull_s, "durable_copy_seconds": durable_s,
                                 "cached_copy_seconds": cached_s, "bytes": size, "repeats": repeats})


# -- report ------------------------------------------------------------------------------------------
def print_table(figures: list[Figure]) -> None:
    width = max(len(f.name) for f in figures)
    aim_width = max(len(f.aim) for f in figures)
    print(f"{'figure':<{width}}  {'aim':<{aim_width}}  ok?   measured")
    print("-" * (width + aim_width + 60))
    for f in figures:
        verdict = {True: "yes", False: "NO", None: "-"}[f.ok]
        print(f"{f.name:<{width}}  {f.aim:<{aim_width}}  {verdict:<4}  {f.measured}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="corpus size, 1.0 = the county (default)")
    parser.add_argument("--seed", type=int, default=2022)
    parser.add_argument("--repeats", type=int, default=5, help="cold starts of each window (median kept)")
    parser.add_argument("--workers", type=int, default=2, help="extraction processes for a build")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    started, load_before = time.time(), os.getloadavg()
    print(f"corpus: seed {args.seed}, scale {args.scale:g} and {args.scale / 10:g} (built now unless cached in "
          f"{corpus.OUT.relative_to(ROOT)})", flush=True)
    db, full = ensure_corpus(CorpusSpec(args.seed, args.scale), args.workers)
    _, tenth = ensure_corpus(CorpusSpec(args.seed, args.scale / 10), args.workers)
    figures = [cold_start(db, args.repeats), global_search(db, args.seed)]
    window, raw = window_interactions(db)
    figures += window
    figures += build_figures(full, tenth)
    figures.append(pull_figure(db, 3))
    print()
    print_table(figures)
    results = {
        "generated_by": "benchmarks/run.py", "when": time.strftime("%Y-%m-%d %H:%M:%S"),
        "seconds": round(time.time() - started, 1), "cpus": os.cpu_count(),
        "load_average_before": load_before, "load_average_after": os.getloadavg(),
        "database": db.name, "seed": args.seed, "scale": args.scale,
        "figures": [{"name": f.name, "measured": f.measured, "aim": f.aim, "ok": f.ok, "values": f.values}
                    for f in figures],
        "window_raw": raw,
    }
    args.out.write_text(json.dumps(results, indent=1, default=str) + "\n")
    print(f"\nwritten {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out} "
          f"in {results['seconds']:.0f} s; load average {load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after")


if __name__ == "__main__":
    main()
