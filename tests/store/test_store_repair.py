"""A corrupt, truncated or non-SQLite database: `hearth doctor` says so in one line,
`hearth doctor --repair` keeps the bad file aside (byte for byte), recovers what SQLite
can read into a fresh database, and Hearth starts again. Real damaged files."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from assistant.lock import InstanceLock
from assistant.repair import check_database, repair_database
from assistant.store import Store

EVENTS = 3000
PAGE = 4096


def _hearth(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        input=stdin, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def _healthy(path: Path) -> Path:
    store = Store(path)
    for n in range(EVENTS):
        store.log(datetime(2026, 1, 1, 20, 0), "command", intent="pause", n=n, pad="x" * 200)
    store.add_appreciation("thank you for the tea", datetime(2026, 1, 2, 9, 0))
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


def _damage(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    if how == "corrupt":
        data[PAGE * 20 : PAGE * 22] = os.urandom(2 * PAGE)  # two leaf pages of events
    elif how == "truncated":
        data = data[: len(data) // 2]
    else:
        data = bytearray(b"these are my notes, not a database\n" * 50)
    path.write_bytes(bytes(data))
    for side in ("-wal", "-shm"):
        Path(f"{path}{side}").unlink(missing_ok=True)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("how", "least", "most"),
    [("corrupt", EVENTS - 60, EVENTS - 1), ("truncated", 1000, EVENTS // 2), ("not-sqlite", 0, 0)],
)
def test_doctor_reports_and_repair_recovers(tmp_path: Path, how: str, least: int, most: int):
    db = _healthy(tmp_path / "hearth.db")
    _damage(db, how)
    damaged = _digest(db)

    report = _hearth("doctor", "--no-audio", "--db", str(db))
    assert report.returncode == 1
    bad = [line for line in report.stdout.splitlines() if line.startswith("FAIL  database")]
    assert len(bad) == 1 and "hearth doctor --repair" in bad[0]
    refused = _hearth("chat", "--db", str(db), stdin="help\n")
    assert refused.returncode == 1 and "hearth doctor --repair" in refused.stderr

    repaired = _hearth("doctor", "--no-audio", "--repair", "--db", str(db))
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    kept = [
        p
        for p in tmp_path.iterdir()
        if p.name.startswith("hearth.db.damaged-") and not p.name.endswith(("-wal", "-shm"))
    ]
    assert len(kept) == 1 and _digest(kept[0]) == damaged  # the bad file is kept as it was
    assert "ok    database" in repaired.stdout

    store = Store(db)  # opens: integrity checked, schema current
    try:
        recovered = store.conn.execute("SELECT count(*) FROM events").fetchone()[0]
        assert least <= recovered <= most
        if how != "not-sqlite":
            assert store.appreciations() == ["thank you for the tea"]
    finally:
        store.close()
    again = _hearth("chat", "--db", str(db), stdin="help\n")
    assert again.returncode == 0, again.stderr  # Hearth starts: no crash loop


def test_a_healthy_database_is_left_alone(tmp_path: Path) -> None:
    db = _healthy(tmp_path / "hearth.db")
    before = _digest(db)
    result = repair_database(db)
    assert result.moved_to is None and _digest(db) == before
    assert check_database(db).ok and check_database(tmp_path / "absent.db").ok


def test_repair_waits_for_no_hearth_to_run(tmp_path: Path) -> None:
    db = _healthy(tmp_path / "hearth.db")
    _damage(db, "corrupt")
    with InstanceLock(db):
        done = _hearth("doctor", "--no-audio", "--repair", "--db", str(db))
    assert done.returncode == 1 and "already running" in done.stderr
    assert not check_database(db).ok  # untouched
