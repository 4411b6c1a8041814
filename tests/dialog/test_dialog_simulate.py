"""`hearth simulate` exactly per the design's contract, through the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from assistant.store import Store


def _simulate(tmp_path: Path, script: str, *args: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "script.txt"
    path.write_text(script)
    return subprocess.run(
        [sys.executable, "-m", "assistant", "simulate", str(path), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_simulate_prints_json_lines_with_t_say_and_events(tmp_path: Path) -> None:
    script = "# a pause\n@0 hey hearth can we have a one minute time out\n\n@100\n"
    result = _simulate(tmp_path, script, "--start", "2026-01-05T19:00:00")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert all("t" in line for line in lines)
    assert all(("say" in line) != ("event" in line) for line in lines)
    said = [(line["t"], line["key"]) for line in lines if "say" in line]
    assert said == [
        (0, "pause.start"),
        (30, "pause.countdown"),
        (50, "pause.last_seconds"),
        (60, "pause.end"),
    ]
    events = [(line["t"], line["event"]) for line in lines if "event" in line]
    assert (0, "timer_started") in events and (60, "timer_ended") in events


def test_simulate_start_sets_the_wall_clock_and_db_keeps_the_log(tmp_path: Path) -> None:
    db = tmp_path / "hearth.db"
    script = "@0 I need some space, back in twenty minutes\n@5 celebrate a small win\n"
    result = _simulate(tmp_path, script, "--start", "2026-03-01T20:10:00", "--db", str(db))
    assert result.returncode == 0, result.stderr
    says = [json.loads(x)["say"] for x in result.stdout.splitlines() if '"say"' in x]
    assert any("8:30" in s and "twenty minutes" in s for s in says), says
    events = Store(db).events(kind="command")
    assert [(e["intent"], e["at"]) for e in reversed(events)] == [
        ("space", "2026-03-01T20:10:00"),
        ("win", "2026-03-01T20:10:05"),
    ]


def test_a_broken_script_line_names_script_and_line(tmp_path: Path) -> None:
    result = _simulate(tmp_path, "# ok\n@0 pause\nten pause please\n")
    assert result.returncode == 1
    assert result.stdout == ""  # nothing ran
    err = result.stderr.strip()
    assert err.startswith("Error: ") and f"{tmp_path / 'script.txt'}:3:" in err
    assert "Traceback" not in result.stderr


def test_time_going_backwards_is_a_script_error(tmp_path: Path) -> None:
    result = _simulate(tmp_path, "@10 pause\n@5 resume\n")
    assert result.returncode == 1
    assert "script.txt:2:" in result.stderr


def test_bad_start_and_bad_db_are_one_line_errors(tmp_path: Path) -> None:
    result = _simulate(tmp_path, "@0 pause\n", "--start", "yesterday evening")
    assert result.returncode == 1 and "--start" in result.stderr
    bad = tmp_path / "bad.db"
    bad.write_text("not a database")
    result = _simulate(tmp_path, "@0 pause\n", "--db", str(bad))
    assert result.returncode == 1
    assert "not an SQLite database" in result.stderr and "Traceback" not in result.stderr
    assert bad.read_text() == "not a database"


TEN_MINUTES = (Path(__file__).parent / "data" / "ten_minutes.script").read_text()


def test_ten_minute_scenario_is_repeatable(tmp_path: Path) -> None:
    args = ("--start", "2026-01-05T19:00:00")
    first = _simulate(tmp_path, TEN_MINUTES, *args)
    second = _simulate(tmp_path, TEN_MINUTES, *args)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    lines = [json.loads(x) for x in first.stdout.splitlines()]
    assert lines[-1]["t"] <= 600
    keys = [x.get("key") for x in lines]
    assert "checkin.pick_up" in keys and "space.confirm" in keys
