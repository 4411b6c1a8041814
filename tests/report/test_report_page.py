"""`hearth report`: the page for an empty log, one evening and two years of history, read
back from a real headless Chromium (Debian's `chromium`, installed by .ci/run): the
summary is in the DOM, each section has its one chart, the console stays clean, the
screenshot is not blank; nothing said outside commands reaches the page."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
from matplotlib.image import imread

from assistant.dialog.responses import Responses
from assistant.report import build_report, summary_lines
from assistant.report.sample import generate
from assistant.store import Store

CHART_SECTIONS = ["checkins", "pauses", "space", "rituals", "wins", "ideas"]
ALL_SECTIONS = [*CHART_SECTIONS, "calendar", "appreciations"]
EVENING_END = datetime(2026, 1, 5, 22, 0)
TWO_YEARS_END = datetime(2026, 3, 2, 21, 30)
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
]


def chromium(page: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        pytest.fail("Chromium is needed for this test: apt-get install -y chromium")
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    return subprocess.run(
        [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def console_errors(stderr: str) -> list[str]:
    """Console messages and script errors Chromium logged for the page."""
    return [
        line
        for line in stderr.splitlines()
        if ":CONSOLE" in line or "Uncaught" in line or "Refused to" in line
    ]


class Sections(HTMLParser):
    """Per data-section: how many chart SVGs it holds; and the page's text."""

    def __init__(self) -> None:
        super().__init__()
        self.charts: dict[str, int] = {}
        self.sections: list[str] = []
        self.text: list[str] = []
        self._current: str | None = None
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "section" and a.get("data-section"):
            self._current, self._depth = a["data-section"], 0
            self.sections.append(str(self._current))
            self.charts[str(self._current)] = 0
        if self._current and tag == "section":
            self._depth += 1
        if self._current and tag == "svg" and "chart" in (a.get("class") or ""):
            self.charts[self._current] += 1

    def handle_endtag(self, tag: str) -> None:
        if self._current and tag == "section":
            self._depth -= 1
            if self._depth == 0:
                self._current = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def read_page(html: str) -> Sections:
    parser = Sections()
    parser.feed(html)
    return parser


def check_in_browser(page: Path, tmp_path: Path, summary: list[str], screenshot: bool) -> None:
    dom = chromium(page, tmp_path, "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert console_errors(dom.stderr) == []
    seen = read_page(dom.stdout)
    assert seen.sections == ALL_SECTIONS
    assert {s: seen.charts[s] for s in CHART_SECTIONS} == dict.fromkeys(CHART_SECTIONS, 1)
    text = " ".join(" ".join(seen.text).split())
    for line in summary:
        assert line in text
    if not screenshot:
        return
    png = tmp_path / "page.png"
    shot = chromium(page, tmp_path, f"--screenshot={png}", "--window-size=1000,2400")
    assert shot.returncode == 0 and png.exists(), shot.stderr[-2000:]
    assert console_errors(shot.stderr) == []
    pixels = imread(str(png))[..., :3]
    assert pixels.shape[:2] == (2400, 1000)
    background = pixels[5, 5]
    differs = np.abs(pixels - background).sum(axis=2) > 0.05
    assert differs.mean() > 0.05  # cards, text and charts cover part of the page
    top = differs[:700].mean(axis=1)
    assert (top > 0).sum() > 200  # the heading and the summary are drawn at the top
    assert len(np.unique((pixels * 255).astype(np.uint8).reshape(-1, 3), axis=0)) > 50


def _write(tmp_path: Path, html: str, name: str) -> Path:
    page = tmp_path / name
    page.write_text(html, encoding="utf-8")
    return page


def test_the_console_check_catches_a_script_error(tmp_path: Path) -> None:
    """The browser check would see an error: a page with a broken script is caught."""
    page = _write(tmp_path, "<p>hi</p><script>undefinedFunction()</script>", "bad.html")
    result = chromium(page, tmp_path, "--dump-dom")
    assert any("Uncaught" in line for line in console_errors(result.stderr))


def test_an_empty_log_gives_a_friendly_page(tmp_path: Path) -> None:
    store = Store(tmp_path / "h.db")
    now = datetime(2026, 1, 5, 21, 0)
    html = build_report(store, now)
    summary = summary_lines(store, now)
    assert len(summary) == 1 and summary[0] in Responses().lines["summary.empty"]
    assert html.count("nothing logged yet") == 4
    check_in_browser(_write(tmp_path, html, "empty.html"), tmp_path, summary, screenshot=True)


def test_one_evening_shows_what_was_done_and_nothing_else(evening, tmp_path: Path) -> None:
    store = Store(evening.db)
    html = build_report(store, EVENING_END)
    summary = summary_lines(store, EVENING_END)
    assert any("once" in line and "came back when you said" in line for line in summary)
    assert evening.appreciation in html and evening.idea in html
    assert evening.leaks(html) == []
    assert "hey hearth" not in html.lower() and "What's one" not in html  # no questions
    seen = read_page(html)
    caption = " ".join(seen.text)
    assert "2 pauses" in caption and "1 ritual over 8 weeks" in caption
    page = _write(tmp_path, html, "evening.html")
    check_in_browser(page, tmp_path, summary, screenshot=False)
    # It prints: A4 pages from the print stylesheet, a handful, not one per chart.
    pdf = tmp_path / "evening.pdf"
    printed = chromium(page, tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert printed.returncode == 0 and pdf.exists(), printed.stderr[-2000:]
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    assert 1 <= pages <= 4, pages


def test_two_years_of_history_render_within_budget(tmp_path: Path) -> None:
    store = Store(tmp_path / "two-years.db")
    generate(store, TWO_YEARS_END, days=730)
    html = build_report(store, TWO_YEARS_END, weeks=104)
    assert len(html.encode()) < 2_000_000
    assert re.search(r"\d{3} check-ins over 104 weeks; agreed: 7 a week", html)
    assert "<script" not in html and "http://" not in html.replace("http://www.w3.org", "")
    assert "https://" not in html
    summary = summary_lines(store, TWO_YEARS_END)
    check_in_browser(_write(tmp_path, html, "years.html"), tmp_path, summary, screenshot=True)


def test_hearth_report_writes_the_page(tmp_path: Path, run_hearth) -> None:
    db = tmp_path / "h.db"
    generate(Store(db), datetime.now() + timedelta(days=1), days=30)
    out = tmp_path / "sub" / "report.html"
    result = run_hearth("report", "--db", str(db), "--weeks", "4", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(out)
    seen = read_page(out.read_text())
    assert seen.sections == ALL_SECTIONS and "over 4 weeks" in " ".join(seen.text)
    missing = run_hearth("report", "--db", str(tmp_path / "nope.db"))
    assert missing.returncode != 0 and "no Hearth database here" in missing.stderr


def test_without_matplotlib_the_report_says_how_to_install_it(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    Store(db).close()
    hide = (
        "import sys; sys.modules['matplotlib'] = None; from assistant.cli import main; "
        f"main(['report', '--db', {str(db)!r}, '--out', {str(tmp_path / 'r.html')!r}])"
    )
    result = subprocess.run(
        [sys.executable, "-c", hide], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 1
    assert "pip install 'hearth[report]'" in result.stderr and result.stderr.count("\n") == 1
    assert not (tmp_path / "r.html").exists()
