"""Schema 4: plain-named views over the log for other SQLite tools, added by a migration
that keeps a database made by the previous Hearth (schema 3) and its rows intact."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import sqlite_utils

from assistant.store import MIGRATIONS, SCHEMA_VERSION, Store

AT = datetime(2026, 1, 5, 19, 0)
VIEWS = {"check_ins", "pauses", "time_alone", "rituals", "wins"}


def _schema_3_file(db: Path) -> None:
    """A database exactly as the previous Hearth (schema 3) made it, with some rows."""
    conn = sqlite3.connect(db)
    for step in MIGRATIONS[:3]:
        for statement in step:
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 3")
    rows = [
        ("pause", "2026-01-05T19:00:00", 60, "2026-01-05T19:01:00", "2026-01-05T19:01:00",
         "completed", None),
        ("space", "2026-01-05T19:10:00", 1200, "2026-01-05T19:30:00", "2026-01-05T19:28:00",
         "on_time", None),
        ("ritual", "2026-01-05T20:00:00", 900, "2026-01-05T20:15:00", None, None, "walk"),
    ]  # fmt: skip
    conn.executemany(
        "INSERT INTO timers (kind, started_at, seconds, due_at, ended_at, outcome, label) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.execute(
        "INSERT INTO events (at, kind, data) VALUES ('2026-01-05T21:00:00', 'checkin_started', "
        "'{\"scheduled\": true}'), ('2026-01-05T21:20:00', 'win', '{}')"
    )
    conn.commit()
    conn.close()


def test_a_schema_3_database_gets_the_views_and_keeps_its_rows(tmp_path: Path) -> None:
    db = tmp_path / "v3.db"
    _schema_3_file(db)
    store = Store(db)
    assert store.schema_version == SCHEMA_VERSION >= 4
    assert [t["label"] for t in store.open_timers()] == ["walk"]  # nothing lost
    store.close()
    tool = sqlite_utils.Database(db)  # what a user would open it with
    assert set(tool.view_names()) >= VIEWS
    assert list(tool["pauses"].rows) == [
        {"id": 1, "started_at": "2026-01-05T19:00:00", "seconds": 60.0,
         "ended_at": "2026-01-05T19:01:00", "how_it_ended": "completed"}
    ]  # fmt: skip
    [alone] = tool["time_alone"].rows
    assert (alone["promised_back_at"], alone["how_it_ended"]) == ("2026-01-05T19:30:00", "on_time")
    [ritual] = tool["rituals"].rows
    assert (ritual["ritual"], ritual["ended_at"]) == ("walk", None)
    assert [dict(r) for r in tool["check_ins"].rows] == [
        {"id": 1, "started_at": "2026-01-05T21:00:00", "scheduled": 1}
    ]
    assert [r["at"] for r in tool["wins"].rows] == ["2026-01-05T21:20:00"]


def test_the_views_follow_what_hearth_writes(tmp_path: Path) -> None:
    store = Store(tmp_path / "h.db")
    store.timer_started("pause", AT, 90, AT + timedelta(seconds=90))
    store.timer_ended("pause", AT, AT + timedelta(seconds=70), "resumed")
    store.log(AT, "win")
    rows = store.conn.execute("SELECT seconds, how_it_ended FROM pauses").fetchall()
    assert rows == [(90.0, "resumed")]
    assert store.conn.execute("SELECT count(*) FROM wins").fetchone()[0] == 1
    assert store.forget()  # views hold no rows of their own: forget still empties everything
    assert store.conn.execute("SELECT count(*) FROM pauses").fetchone()[0] == 0
