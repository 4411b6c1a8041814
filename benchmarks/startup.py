"""Start-up time and memory: `hearth parse` and `hearth run`, cold and warm cache.

Usage: python benchmarks/startup.py [--runs N]

Each figure is a real `hearth` process. "Cold" starts with an empty cache folder
(HEARTH_CACHE_DIR), which is the baseline measured in the same run: it compiles the
intent templates, the speech grammar and the language model as every start did
before the cache. "Warm" starts with the cache filled by the cold run.

- `hearth parse "we need a minute"`: wall time to the answer (target <= 0.5 s warm).
- `hearth run --input-wav` (real time, 20 s of quiet, replies to a WAV file): wall
  time from the start of the process to its "Listening." line (target <= 1.5 s
  warm), and its resident memory then and at the end of the file (target
  <= 200 MB with the built-in PocketSphinx engine).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import wave
from pathlib import Path

TEXT = "we need a minute"


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def parse_once(env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "assistant", "parse", TEXT],
        env=env, check=True, capture_output=True,
    )  # fmt: skip
    return time.perf_counter() - start


def run_once(env: dict[str, str], folder: Path, quiet_wav: Path) -> tuple[float, float, float]:
    """(seconds to "Listening.", RSS MB then, peak RSS MB while listening)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant", "run", "--input-wav", str(quiet_wav),
         "--output-wav", str(folder / "out.wav"), "--db", str(folder / "h.db")],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    listening: list[float] = []
    ready = threading.Event()

    def watch() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            if line.strip() == "Listening." and not ready.is_set():
                listening.append(time.perf_counter() - start)
                ready.set()
        ready.set()

    threading.Thread(target=watch, daemon=True).start()
    ready.wait(timeout=300)
    if not listening:
        proc.kill()
        raise SystemExit("hearth run never said it was listening")
    at_start = _rss_mb(proc.pid)
    peak = at_start
    while proc.poll() is None:
        peak = max(peak, _rss_mb(proc.pid))
        time.sleep(0.2)
    return listening[0], at_start, peak


def _quiet(path: Path, seconds: float) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(bytes(2 * int(16000 * seconds)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="warm runs (median)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hearth-startup-") as tmp:
        folder = Path(tmp)
        cache = folder / "cache"
        env = {**os.environ, "HEARTH_CACHE_DIR": str(cache)}
        quiet = folder / "quiet.wav"
        _quiet(quiet, 20.0)
        load = os.getloadavg()[0]
        print(f"machine: {os.cpu_count()} cores, load average {load:.1f} at start")

        cold_parse = parse_once(env)  # fills the intents entry
        warm_parse = statistics.median(parse_once(env) for _ in range(args.runs))
        print(f"hearth parse: cold cache {cold_parse:.2f} s, warm cache {warm_parse:.2f} s "
              f"(median of {args.runs}; target <= 0.5 s)")  # fmt: skip

        for entry in cache.glob("*"):
            entry.unlink()
        cold_run, cold_rss, cold_peak = run_once(env, folder, quiet)
        warm = [run_once(env, folder, quiet) for _ in range(args.runs)]
        warm_run = statistics.median(w[0] for w in warm)
        warm_rss = statistics.median(w[1] for w in warm)
        warm_peak = max(w[2] for w in warm)
        print(f"hearth run to listening: cold cache {cold_run:.2f} s, warm cache "
              f"{warm_run:.2f} s (median of {args.runs}; target <= 1.5 s)")  # fmt: skip
        print(f"RSS while listening: {warm_rss:.0f} MB at start, {warm_peak:.0f} MB peak "
              f"(cold start: {cold_rss:.0f} / {cold_peak:.0f} MB; target <= 200 MB)")  # fmt: skip
        print(f"load average at end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
