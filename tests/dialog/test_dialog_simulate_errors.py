"""`hearth simulate` with bad input: every mistake is one clear `Error: ...` line (naming
SCRIPT:LINE when a line is at fault), exit code 1, nothing run, and a --db file that
cannot be used is left byte-identical."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.store import Store


def _run(*args: str):
    return CliRunner().invoke(main, ["simulate", *args])


def _one_error_line(result) -> str:
    assert result.exit_code == 1, result.output
    assert result.stdout == ""  # nothing ran
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    return lines[0]


@pytest.mark.parametrize(
    ("content", "line", "says"),
    [
        (b"@0 pause\n@-5 resume\n", 2, "negative"),
        (b"@-0.5\n", 1, "negative"),
        (b"# comment\n\n@abc pause\n", 3, "number of seconds"),
        (b"@\n", 1, "number of seconds"),
        (b"@10pause\n", 1, "number of seconds"),
        (b"@10 pause\n@20\n@15 resume\n", 3, "before the previous line"),
        (b"pause please\n", 1, "@SECONDS"),
        (b"@0 pause\n@5 caf\xe9\n", 2, "not UTF-8"),
        (b"@0 pause\n@99999999999999999999 okay\n", 2, "too far ahead"),
        (b"@1e400\n", 1, "number of seconds"),
    ],
)
def test_a_bad_script_line_is_one_error_naming_script_and_line(
    tmp_path: Path, content: bytes, line: int, says: str
) -> None:
    script = tmp_path / "script.txt"
    script.write_bytes(content)
    error = _one_error_line(_run(str(script)))
    assert f"{script}:{line}: " in error and says in error


def test_a_missing_script_and_a_folder_are_one_line(tmp_path: Path) -> None:
    error = _one_error_line(_run(str(tmp_path / "nope.txt")))
    assert "nope.txt" in error and "cannot read" in error
    error = _one_error_line(_run(str(tmp_path)))
    assert "folder" in error


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    script = tmp_path / "script.txt"
    script.write_bytes(b"\xef\xbb\xbf@0\n@5\n")
    result = _run(str(script))
    assert result.exit_code == 0, result.output


def test_a_time_past_the_year_9999_from_start_names_the_line(tmp_path: Path) -> None:
    script = tmp_path / "script.txt"
    script.write_bytes(b"@0 pause\n# late\n@300000000\n")
    error = _one_error_line(_run(str(script), "--start", "9995-01-01T00:00"))
    assert f"{script}:3: " in error and "9999" in error


@pytest.mark.parametrize("start", ["2026-13-01", "yesterday", "", "2026-01-05T25:00"])
def test_a_bad_start_is_one_line(tmp_path: Path, start: str) -> None:
    script = tmp_path / "script.txt"
    script.write_text("@0\n")
    error = _one_error_line(_run(str(script), "--start", start))
    assert "--start" in error


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _hearth_db(tmp_path: Path) -> Path:
    db = tmp_path / "good.db"
    store = Store(db)
    for i in range(300):  # enough rows for the events table to span several pages
        store.log(datetime(2026, 1, 5, 19, 0, i % 60), "win", n=i)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return db


def _damaged(tmp_path: Path, name: str, damage) -> Path:
    good = _hearth_db(tmp_path)
    conn = sqlite3.connect(good)
    roots = dict(conn.execute("SELECT name, rootpage FROM sqlite_master"))
    conn.close()
    data = bytearray(good.read_bytes())
    damage(data, roots)
    path = tmp_path / name
    path.write_bytes(bytes(data))
    return path


def _page(number: int) -> slice:
    return slice((number - 1) * 4096, number * 4096)


def _events_pages(data: bytearray, roots: dict[str, int]) -> None:
    data[_page(roots["events"])] = b"\xab" * 4096


def _index_page(data: bytearray, roots: dict[str, int]) -> None:
    # Nothing reads this index until the first timer starts: only a check on open finds it
    # before the session has begun (and before the log was half written).
    data[_page(roots["timers_kind_started"])] = b"\x00" * 4096


def _truncated(data: bytearray, roots: dict[str, int]) -> None:
    del data[len(data) // 2 :]


def _bad_header(data: bytearray, roots: dict[str, int]) -> None:
    data[100:4096] = b"\xcd" * (4096 - 100)


@pytest.mark.parametrize("damage", [_events_pages, _index_page, _truncated, _bad_header])
def test_a_damaged_db_is_one_line_and_left_byte_identical(tmp_path: Path, damage) -> None:
    db = _damaged(tmp_path, "damaged.db", damage)
    before = _digest(db)
    script = tmp_path / "script.txt"
    script.write_text("@0 pause\n@100\n")
    error = _one_error_line(_run(str(script), "--db", str(db)))
    assert "damaged.db" in error
    assert _digest(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["damaged.db", "good.db", "script.txt"]


def test_not_a_database_and_a_folder_as_db_are_one_line(tmp_path: Path) -> None:
    script = tmp_path / "script.txt"
    script.write_text("@0 pause\n")
    text = tmp_path / "notes.db"
    text.write_bytes(b"shopping list\n\xff")
    before = _digest(text)
    assert "not an SQLite database" in _one_error_line(_run(str(script), "--db", str(text)))
    assert _digest(text) == before
    folder = tmp_path / "folder.db"
    folder.mkdir()
    assert "folder" in _one_error_line(_run(str(script), "--db", str(folder)))
    assert folder.is_dir() and list(folder.iterdir()) == []
