"""`hearth summary`, `hearth history`, `hearth forget` and Ctrl-C in `hearth chat`."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from assistant.store import Store


def _hearth(*args: str, stdin: str = "", env: dict[str, str] | None = None):
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, **(env or {})},
    )


def _filled(db: Path) -> Store:
    store = Store(db)
    now = datetime.now()
    store.log(now - timedelta(days=1), "checkin_started", scheduled=False)
    store.log(now - timedelta(days=1), "command", intent="checkin", slots={}, confidence=0.9)
    store.add_appreciation("thanks for the warm bread", now)
    store.add_feedback(now - timedelta(days=1), "checkin", None, True)
    return store


def test_summary_prints_the_spoken_summary(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    _filled(db).close()
    result = _hearth("summary", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "Check-ins" in result.stdout or "check-ins" in result.stdout
    assert "one" in result.stdout


def test_history_reads_the_log_through_hearth_db(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    _filled(db).close()
    result = _hearth(
        "history", "--json", "-n", "5", "--kind", "command", env={"HEARTH_DB": str(db)}
    )
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["kind"], r["intent"]) for r in rows] == [("command", "checkin")]


def test_forget_asks_and_only_erases_on_yes(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    _filled(db).close()
    result = _hearth("forget", "--db", str(db), stdin="n\n")
    assert result.returncode == 0 and "Nothing was erased" in result.stdout
    assert Store(db).row_count() == 4
    result = _hearth("forget", "--db", str(db), stdin="y\n")
    assert result.returncode == 0 and "erased" in result.stdout
    assert Store(db).row_count() == 0
    wal = db.with_name(db.name + "-wal")
    raw = db.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert b"warm bread" not in raw


def test_query_on_a_broken_file_is_one_clear_line(tmp_path: Path) -> None:
    bad = tmp_path / "h.db"
    bad.write_bytes(b"\x00\x01garbage" * 100)
    result = _hearth("history", "--db", str(bad))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "not an SQLite database" in result.stderr


def test_chat_ends_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant", "chat", "--db", str(tmp_path / "h.db")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("can we have a minute\n")
    proc.stdin.flush()
    first = proc.stdout.readline()  # the pause is acknowledged: the loop is running
    assert first.startswith("hearth: ")
    time.sleep(0.2)
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
