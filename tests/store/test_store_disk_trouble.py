"""A full disk under a running Hearth, or a read-only database: it keeps
talking and counting, says nothing wrong to the couple, reports it in its log, and
writes what it held once the disk takes writes again.

The disk is real: a 200 KB tmpfs mounted for the test (filled up, or mounted
read-only). Mounting needs root, as in CI; without it the test fails saying so.
"""

from __future__ import annotations

import logging
import os
import subprocess
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from assistant.clock import VirtualClock
from assistant.config import Settings
from assistant.dialog.engine import Engine
from assistant.scheduler import run_virtual_until
from assistant.store import Store


@pytest.fixture
def small_disk(tmp_path) -> Iterator[Path]:
    folder = tmp_path / "disk"
    folder.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(folder)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        pytest.fail(f"cannot mount a small tmpfs (needs root): {done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


class Said:
    def __init__(self) -> None:
        self.keys: list[str] = []

    def say(self, text: str, key: str) -> None:
        self.keys.append(key)

    def event(self, kind: str, **fields: Any) -> None:
        pass

    def stop_speaking(self) -> None:
        pass


def _fill(folder: Path) -> None:
    """Write a file until the disk has no byte left."""
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 512)
    except OSError:
        pass
    finally:
        os.close(fd)


def _evening(folder: Path, trouble, relief, caplog) -> tuple[list[str], Store]:
    caplog.set_level(logging.WARNING)
    db = folder / "h.db"
    clock = VirtualClock(datetime(2026, 1, 5, 19, 0))
    store = Store(db)
    said = Said()
    engine = Engine(store, said, clock, settings=Settings(db_path=db))
    engine.start()
    engine.hear("we need a minute")  # logged normally
    run_virtual_until(engine.scheduler, clock, 100)
    trouble()
    engine.hear("we need two minutes")  # the disk refuses this one
    run_virtual_until(engine.scheduler, clock, 100 + 60)
    engine.hear("how much time is left")
    run_virtual_until(engine.scheduler, clock, 100 + 130)
    assert any("cannot be written" in r.message for r in caplog.records)
    relief()
    engine.hear("we need a minute")  # writable again: the held entries go first
    run_virtual_until(engine.scheduler, clock, 400)
    return said.keys, store


def _check(keys: list[str], store: Store) -> None:
    # Counted and spoken as always: both pauses started, were asked about and ended.
    assert keys.count("pause.start") == 3 and keys.count("pause.end") == 3, keys
    assert "pause.time_left" in keys
    assert not [k for k in keys if k.startswith("system.")], keys  # no word of trouble
    intents = [e["intent"] for e in reversed(store.events(kind="command"))]
    assert intents == ["pause", "pause", "time_left", "pause"]  # nothing lost
    ended = store.db.query("SELECT outcome FROM timers ORDER BY id")
    assert [r["outcome"] for r in ended] == ["completed"] * 3
    store.close()


def test_a_full_disk(small_disk, caplog) -> None:
    keys, store = _evening(
        small_disk, lambda: _fill(small_disk), lambda: (small_disk / "filler").unlink(), caplog
    )
    _check(keys, store)


def test_a_read_only_database(small_disk, caplog) -> None:
    """Started on a database whose file system is read-only (mounted so; root can
    write any file whatever its mode): the evening goes on, the log is only read."""
    caplog.set_level(logging.WARNING)
    db = small_disk / "h.db"
    Store(db).close()  # an existing log
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    clock = VirtualClock(datetime(2026, 1, 5, 19, 0))
    store = Store(db)
    said = Said()
    engine = Engine(store, said, clock, settings=Settings(db_path=db))
    engine.start()
    engine.hear("we need a minute")
    run_virtual_until(engine.scheduler, clock, 30)
    engine.hear("how much time is left")
    run_virtual_until(engine.scheduler, clock, 200)
    assert said.keys[0] == "pause.start" and "pause.time_left" in said.keys
    assert said.keys.count("pause.end") == 1
    assert not [k for k in said.keys if k.startswith("system.")], said.keys
    assert any("read-only" in r.message for r in caplog.records)
    held = [params for sql, params in store._held if "INTO events" in sql]
    assert [p[1] for p in held].count("command") == 2  # kept, not lost, while it runs
    store.close()
