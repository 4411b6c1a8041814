"""Two processes on one file: a running assistant and a `hearth` query, no lock errors."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

from assistant.store import Store

NOW = datetime(2026, 1, 5, 20, 0)
WRITES = 200
WRITER = f"""
import sys
from datetime import datetime
from assistant.store import Store
store = Store(sys.argv[1])
print("ready", flush=True)
for i in range({WRITES}):
    store.log(datetime(2026, 1, 5, 20, 0), "command", intent="pause", n=i)
    store.add_feedback(datetime(2026, 1, 5, 20, 0), "idea", None, True)  # a 2-statement txn
    if i % 50 == 0:
        store.events(limit=5)
print("done", flush=True)
"""


def test_two_processes_write_and_read_at_once_without_lock_errors(tmp_path: Path) -> None:
    db = tmp_path / "hearth.db"
    store = Store(db)
    other = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert other.stdout is not None
    assert other.stdout.readline().strip() == "ready"
    query = subprocess.Popen(  # the real CLI as a third process, meanwhile
        [sys.executable, "-m", "assistant", "history", "--db", str(db), "--json", "-n", "5"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    written = 0
    while other.poll() is None or written < 200:  # keep writing while the other one does
        store.log(NOW, "win", n=written)
        store.add_feedback(NOW, "ritual", None, False)
        store.count_events("command", NOW, datetime(2026, 1, 6))
        written += 1
    rest, err = other.communicate(timeout=60)
    assert other.returncode == 0, err
    assert rest.strip() == "done"
    q_out, q_err = query.communicate(timeout=60)
    assert query.returncode == 0, q_err
    assert "locked" not in q_err + err
    assert len(q_out.strip().splitlines()) == 5
    assert len(store.events(kind="win")) == written
    assert len(store.events(kind="command")) == WRITES
    kinds = [k for k, _ in store.feedback(NOW, datetime(2026, 1, 6))]
    assert kinds.count("idea") == WRITES and kinds.count("ritual") == written
