"""What checking the configuration costs at start-up: import time of the validation
libraries, and of Hearth loading a full configuration file.

Each case runs in a fresh interpreter (`python -c`), the cases taking turns, repeated;
the median is printed.
Baseline, measured in the same run: an interpreter that only imports tomllib and
dataclasses (what a hand-written checker would need).

    python benchmarks/config_import.py [--runs 9]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

TIMED = """
import time
t = time.perf_counter()
{body}
print((time.perf_counter() - t) * 1000)
"""

CONFIG = """wake_phrase = "hey hearth"
rate = 150
volume = 0.8
checkin_time = "21:30"
quiet_hours = "22:30-07:00"
[ritual_minutes]
walk = 20
"""


def cases(config: Path) -> dict[str, str]:
    return {
        "baseline: tomllib + dataclasses": "import tomllib, dataclasses",
        "msgspec": "import msgspec",
        "pydantic (one model)": (
            "import pydantic\nclass M(pydantic.BaseModel):\n    x: int\nM(x=1)"
        ),
        "hearth: import assistant.config (no file)": "import assistant.config",
        "hearth: load_settings of a 7-key file": (
            "from pathlib import Path\nfrom assistant.config import load_settings\n"
            f"load_settings(Path({str(config)!r}), environ={{}})"
        ),
    }


def once(body: str) -> float | None:
    done = subprocess.run(
        [sys.executable, "-c", TIMED.format(body=body)], capture_output=True, text=True
    )
    if done.returncode != 0:
        return None  # the library is not installed
    return float(done.stdout.strip().splitlines()[-1])


def measure(bodies: dict[str, str], runs: int) -> dict[str, float | None]:
    """Medians; the cases take turns within each round, so a busy machine slows all alike."""
    times: dict[str, list[float]] = {name: [] for name in bodies}
    missing: set[str] = set()
    for _ in range(runs):
        for name, body in bodies.items():
            ms = once(body) if name not in missing else None
            if ms is None:
                missing.add(name)
            else:
                times[name].append(ms)
    return {n: None if n in missing else statistics.median(t) for n, t in times.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=9)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "config.toml"
        config.write_text(CONFIG, encoding="utf-8")
        results = measure(cases(config), args.runs)
    base = results["baseline: tomllib + dataclasses"] or 1.0
    print(f"{'case':45} {'median ms':>10} {'vs baseline':>12}")
    for name, ms in results.items():
        if ms is None:
            print(f"{name:45} {'not installed':>10}")
        else:
            print(f"{name:45} {ms:10.1f} {ms - base:+11.1f}")


if __name__ == "__main__":
    main()
