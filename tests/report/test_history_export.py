"""`hearth history` (a readable table, or JSON lines) and `hearth export` (CSV, JSON) over
a real evening; nothing the couple did not say to Hearth on purpose shows up."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from assistant.store import TABLES


def test_history_is_a_readable_table_of_the_evening(evening, run_hearth) -> None:
    result = run_hearth("history", "--db", str(evening.db), env={"COLUMNS": "160"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["when", "kind", "what", "how", "it", "went"]
    rows = {line.split()[2]: line for line in lines[2:] if line[:4] == "2026"}
    assert "check-in (asked for, finished)" in rows["checkin"]
    assert "What's" in rows["checkin"]  # the questions asked are shown
    assert "pause, one minute" in result.stdout and "ended early" in result.stdout
    assert "pause, a minute and a half" in result.stdout and "ran its full time" in result.stdout
    assert "promised back at 7:32; came back at 7:31, on time" in rows["space"]
    assert "walk, fifteen minutes" in rows["ritual"] and "done" in rows["ritual"]
    assert evening.appreciation in rows["appreciation"]
    assert f"idea: {evening.idea}" in rows["idea"] and "helped" in rows["idea"]
    assert "feedback on the check-in" in result.stdout
    assert "a win celebrated" in rows["win"]
    assert "every evening at 9:30" in rows["schedule"]
    assert evening.leaks(result.stdout + result.stderr) == []


def test_history_filters_by_kind_and_dates(evening, run_hearth) -> None:
    result = run_hearth("history", "--db", str(evening.db), "--kind", "pause")
    kinds = {line.split()[2] for line in result.stdout.splitlines() if line[:4] == "2026"}
    assert result.returncode == 0 and kinds == {"pause"}
    later = run_hearth("history", "--db", str(evening.db), "--since", "2026-01-06")
    assert later.returncode == 0 and "Nothing logged" in later.stdout
    same_day = run_hearth("history", "--db", str(evening.db), "--until", "2026-01-05")
    assert "2026-01-05 19:" in same_day.stdout
    before = run_hearth("history", "--db", str(evening.db), "--until", "2026-01-04")
    assert "Nothing logged" in before.stdout


def test_history_json_is_one_stored_event_a_line(evening, run_hearth) -> None:
    result = run_hearth("history", "--db", str(evening.db), "--json", "--since", "2026-01-05")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) > 20 and rows[0]["at"] >= rows[-1]["at"]  # newest first
    assert {"command", "checkin_started", "win", "feedback"} <= {r["kind"] for r in rows}
    assert evening.leaks(result.stdout) == []


def test_history_bad_options_are_one_line(evening, run_hearth) -> None:
    for args, words in (
        (["--since", "yesterday"], "--since: not a date"),
        (["--kind", "naps"], "--kind: unknown kind"),
    ):
        result = run_hearth("history", "--db", str(evening.db), *args)
        assert result.returncode != 0
        assert words in result.stderr and result.stderr.count("\n") == 1


def test_export_csv_writes_one_file_per_table_with_everything(
    evening, run_hearth, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = run_hearth("export", "--db", str(evening.db), "--format", "csv", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.csv" for t in TABLES)
    with (out / "appreciations.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    assert [r["text"] for r in rows] == [evening.appreciation]
    with (out / "timers.csv").open() as handle:
        timers = list(csv.DictReader(handle))
    assert sorted(t["kind"] for t in timers) == ["pause", "pause", "ritual", "space"]
    with (out / "events.csv").open() as handle:
        assert len(list(csv.DictReader(handle))) > 20
    text = "".join(p.read_text() for p in out.iterdir())
    assert evening.idea in text and evening.leaks(text) == []


def test_export_json_holds_every_table(evening, run_hearth, tmp_path: Path) -> None:
    out = tmp_path / "j"
    result = run_hearth("export", "--db", str(evening.db), "--format", "json", "--out", str(out))
    assert result.returncode == 0, result.stderr
    data = json.loads((out / "hearth.json").read_text())
    assert set(data) == set(TABLES)
    assert data["ideas"][0]["text"] == evening.idea and data["ideas"][0]["helped"] == 1
    wins = [e for e in data["events"] if e["kind"] == "win"]
    assert len(wins) == 1 and isinstance(wins[0]["data"], dict)
    assert evening.leaks((out / "hearth.json").read_text()) == []


def test_export_into_a_file_is_one_clear_line(evening, run_hearth, tmp_path: Path) -> None:
    afile = tmp_path / "afile"
    afile.write_text("x")
    result = run_hearth("export", "--db", str(evening.db), "--out", str(afile))
    assert result.returncode != 0 and "is a file" in result.stderr
    assert result.stderr.count("\n") == 1 and afile.read_text() == "x"
