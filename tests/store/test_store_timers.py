"""Open timers are found again after a restart (schema 3 keeps the ritual's name), and a
version-2 file with a timer running is migrated without losing it."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from assistant.store import MIGRATIONS, SCHEMA_VERSION, Store

AT = datetime(2026, 1, 5, 19, 0)


def test_open_timers_lists_only_unfinished_ones_oldest_first(tmp_path: Path) -> None:
    store = Store(tmp_path / "hearth.db")
    store.timer_started("pause", AT, 60, datetime(2026, 1, 5, 19, 1))
    store.timer_ended("pause", AT, datetime(2026, 1, 5, 19, 1), "completed")
    store.timer_started("space", datetime(2026, 1, 5, 19, 2), 1800, datetime(2026, 1, 5, 19, 32))
    store.timer_started(
        "ritual", datetime(2026, 1, 5, 19, 3), 900, datetime(2026, 1, 5, 19, 18), label="walk"
    )
    store.close()
    reopened = Store(tmp_path / "hearth.db")  # another process, after a power cut
    assert reopened.open_timers() == [
        {
            "kind": "space",
            "started_at": datetime(2026, 1, 5, 19, 2),
            "seconds": 1800,
            "due": datetime(2026, 1, 5, 19, 32),
            "label": None,
        },
        {
            "kind": "ritual",
            "started_at": datetime(2026, 1, 5, 19, 3),
            "seconds": 900,
            "due": datetime(2026, 1, 5, 19, 18),
            "label": "walk",
        },
    ]


def test_a_version_2_file_with_a_running_timer_is_migrated(tmp_path: Path) -> None:
    db = tmp_path / "v2.db"
    conn = sqlite3.connect(db)
    for step in MIGRATIONS[:2]:
        for statement in step:
            conn.execute(statement)
    conn.execute(
        "INSERT INTO timers (kind, started_at, seconds, due_at) "
        "VALUES ('space', '2026-01-05T19:00:00', 600, '2026-01-05T19:10:00')"
    )
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    store = Store(db)
    assert store.schema_version == SCHEMA_VERSION == 4
    [timer] = store.open_timers()
    assert (timer["kind"], timer["due"], timer["label"]) == ("space", AT.replace(minute=10), None)
