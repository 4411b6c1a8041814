"""Regenerate docs/report.png: a sample history (assistant/report/sample.py), the report
page for its last eight weeks, photographed by headless Chromium and trimmed.

    PYTHONPATH=. python docs/report_screenshot.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

import numpy as np
from matplotlib.image import imread, imsave

from assistant.report import build_report
from assistant.report.sample import generate
from assistant.store import Store

OUT = Path(__file__).resolve().parent / "report.png"
NOW = datetime(2026, 3, 2, 21, 30)  # a fixed evening, so the picture only changes with the code


def main() -> None:
    binary = shutil.which("chromium") or sys.exit("needs chromium (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "sample.db")
        generate(store, NOW, days=400)
        page = Path(tmp) / "report.html"
        page.write_text(build_report(store, NOW, weeks=8), encoding="utf-8")
        png = Path(tmp) / "shot.png"
        subprocess.run(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--no-first-run", f"--user-data-dir={tmp}/profile", "--window-size=1000,2600",
             f"--screenshot={png}", page.as_uri()],
            check=True, capture_output=True,
        )  # fmt: skip
        pixels = imread(str(png))[..., :3]
    drawn = np.where((np.abs(pixels - pixels[-1, 0]).sum(axis=2) > 0.02).any(axis=1))[0]
    imsave(OUT, pixels[: drawn[-1] + 24])
    print(OUT)


if __name__ == "__main__":
    main()
