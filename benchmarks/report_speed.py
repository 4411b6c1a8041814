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


def _timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


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
            print(f"{name}: {store.row_count()} rows, {db.stat().st_size / 1e6:.2f} MB "
                  f"database, generated in {made:.1f} s")  # fmt: skip
            for weeks in (1, 8, 104) if days > 7 else (1,):
                seconds, html = _timed(
                    lambda s=store, w=weeks: build_report(s, NOW, w), args.repeat
                )
                size = len(str(html).encode())
                cli = _cli(db, weeks, Path(tmp) / "out.html")
                rows[(name, weeks)] = (seconds, size, cli)
            store.close()
    print()
    print(
        "| history | weeks shown | render (median) | page size | `hearth report` (fresh process) |"
    )
    print("|---|---|---|---|---|")
    for (name, weeks), (seconds, size, cli) in rows.items():
        print(f"| {name} | {weeks} | {seconds * 1000:.0f} ms | {size / 1e6:.3f} MB | {cli:.2f} s |")
    base = rows[("one week (baseline)", 1)][0]
    worst = max(s for s, _, _ in rows.values())
    largest = max(z for _, z, _ in rows.values())
    print(f"\nslowest render {worst:.2f} s ({worst / base:.1f}x the one-week baseline; "
          f"target < 2 s), largest page {largest / 1e6:.2f} MB (target < 2 MB)")  # fmt: skip


if __name__ == "__main__":
    main()
