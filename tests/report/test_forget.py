"""`hearth forget`: asks first, leaves no dictated byte in the .db, -wal or -shm file, says
so clearly when another reader makes that impossible; read-only commands never create a
database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest


def _raw(db: Path) -> bytes:
    parts = [db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")]
    return b"".join(p.read_bytes() for p in parts if p.exists()).lower()


def test_forget_leaves_no_dictated_text_in_any_file(evening, run_hearth) -> None:
    idea, thanks = evening.idea.encode(), evening.appreciation.encode()
    assert idea in _raw(evening.db) and thanks.lower() in _raw(evening.db)
    result = run_hearth("forget", "--db", str(evening.db), stdin="n\n")
    assert "Nothing was erased" in result.stdout and idea in _raw(evening.db)
    result = run_hearth("forget", "--db", str(evening.db), "--yes")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Everything was erased."
    raw = _raw(evening.db)
    for words in (idea, thanks.lower(), b"cooked", b"breakfast", b"check in"):
        assert words not in raw, words
    assert b"what's one" not in raw  # the check-in questions asked are gone too
    wal = evening.db.with_name(evening.db.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_forget_with_another_reader_says_so_and_fails(evening, run_hearth) -> None:
    """A viewer (sqlite3, Datasette) holding a read open keeps old pages alive: forget
    must not claim success then."""
    reader = sqlite3.connect(evening.db)
    reader.execute("BEGIN")
    assert reader.execute("SELECT count(*) FROM appreciations").fetchone()[0] == 1
    try:
        result = run_hearth("forget", "--db", str(evening.db), "--yes")
    finally:
        reader.rollback()
        reader.close()
    assert result.returncode != 0
    assert "Everything was erased" not in result.stdout
    assert "another program has the database open" in result.stderr
    assert result.stderr.count("\n") == 1
    # Run again once the reader is gone: now it is complete.
    again = run_hearth("forget", "--db", str(evening.db), "--yes")
    assert again.returncode == 0 and evening.idea.encode() not in _raw(evening.db)


@pytest.mark.parametrize("command", ["forget", "history", "summary", "export"])
def test_a_misspelt_db_is_an_error_and_creates_nothing(
    command: str, run_hearth, tmp_path: Path
) -> None:
    missing = tmp_path / "no-such-folder" / "heart.db"
    extra = ["--yes"] if command == "forget" else []
    extra += ["--out", str(tmp_path / "out")] if command == "export" else []
    result = run_hearth(command, "--db", str(missing), *extra)
    assert result.returncode != 0
    assert "no Hearth database here" in result.stderr and result.stderr.count("\n") == 1
    assert not missing.parent.exists() and not (tmp_path / "out").exists()
