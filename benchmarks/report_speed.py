"""Report speed and size: two years of a couple's history in a real SQLite file, rendered
as the report page, against a baseline of one week of history in the same run.

Targets: render in under 2 s, page under 2 MB. Printed: the render time in process
(median of --repeat runs, matplotlib already imported), the size of the page, and the
whole `hearth report` command in a fresh process (Python start, imports, database, page).

    python benchmarks/report_speed.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from assistant.report import build_report
from assistant.report.sample import generate
from assistant.store import Store

NOW = datetime(2026, 3, 2, 21, 30)


def _timed(fn, repeat: int) -> tuple[float, float, object]:
    """Median wall and CPU seconds of `fn()` (CPU time is the fairer figure on a loaded
    machine), and its result."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def _cli(db: Path, weeks: int, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "assistant", "report", "--db", str(db), "--weeks", str(weeks),
         "--out", str(out)],
        check=True, capture_output=True, env={**os.environ, "HEARTH_CONFIG": os.devnull},
    )  # fmt: skip
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    start = time.perf_counter()
    import matplotlib.figure  # noqa: F401 - what `hearth report` pays once, on its first chart

    print(f"matplotlib import: {time.perf_counter() - start:.2f} s")
    with tempfile.TemporaryDirectory() as tmp:
        rows = {}
        for name, days in (("one week (baseline)", 7), ("two years", 730)):
            db = Path(tmp) / f"{days}.db"
            began = time.perf_counter()
            store = Store(db)
            generate(store, NOW, days=days)
            made = time.perf_counter() - began
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            print(f"{name}: {store.row_count()} rows, {db.stat().st_size / 1e6:.2f} MB "
                  f"database, generated in {made:.1f} s")  # fmt: skip
            for weeks in (1, 8, 104) if days > 7 else (1,):
                wall, cpu, html = _timed(
                    lambda s=store, w=weeks: build_report(s, NOW, w), args.repeat
                )
                cli = _cli(db, weeks, Path(tmp) / "out.html")
                rows[(name, weeks)] = (wall, cpu, len(str(html).encode()), cli)
            store.close()
    print()
    print("| history | weeks shown | render wall | render CPU | page size | `hearth report` |")
    print("|---|---|---|---|---|---|")
    for (name, weeks), (wall, cpu, size, cli) in rows.items():
        print(f"| {name} | {weeks} | {wall * 1000:.0f} ms | {cpu * 1000:.0f} ms "
              f"| {size / 1e6:.3f} MB | {cli:.2f} s |")  # fmt: skip
    base = rows[("one week (baseline)", 1)]
    worst = max(rows.values(), key=lambda r: r[0])
    largest = max(r[2] for r in rows.values())
    ratio = worst[1] / base[1]
    print(f"\nslowest render {worst[0]:.2f} s wall, {worst[1]:.2f} s CPU ({ratio:.1f}x "
          f"the one-week baseline's CPU; target < 2 s); largest page {largest / 1e6:.2f} MB "
          "(target < 2 MB). `hearth report`: a fresh process, imports included.")  # fmt: skip


if __name__ == "__main__":
    main()
