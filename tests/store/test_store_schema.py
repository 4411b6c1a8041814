"""The SQLite log: WAL, migrations, bad files, forget."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from assistant.errors import StoreError
from assistant.store import MIGRATIONS, SCHEMA_VERSION, TABLES, Store

NOW = datetime(2026, 1, 5, 20, 0)


def test_new_file_gets_wal_mode_the_schema_and_a_version(tmp_path: Path) -> None:
    db = tmp_path / "sub" / "hearth.db"
    store = Store(db)
    assert store.schema_version == SCHEMA_VERSION
    assert set(TABLES) <= set(store.db.table_names())
    mode = sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_an_old_schema_is_migrated_and_keeps_its_rows(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    for statement in MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("INSERT INTO events (at, kind, data) VALUES ('2026-01-01T20:00:00', 'win', '{}')")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    store = Store(db)
    assert store.schema_version == SCHEMA_VERSION
    assert [e["kind"] for e in store.events()] == ["win"]
    indexes = {i.name for i in store.db["events"].indexes}
    assert "events_at_kind" in indexes


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    Store(db).close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer Hearth"):
        Store(db)


def test_a_file_that_is_not_sqlite_gives_a_clear_error_and_is_untouched(tmp_path: Path) -> None:
    db = tmp_path / "notes.txt"
    db.write_text("my shopping list\nmilk\n")
    before = db.read_bytes()
    with pytest.raises(StoreError, match="not an SQLite database"):
        Store(db)
    assert db.read_bytes() == before
    assert not (tmp_path / "notes.txt-wal").exists()


def test_a_corrupt_sqlite_file_gives_a_clear_error_and_is_untouched(tmp_path: Path) -> None:
    db = tmp_path / "hearth.db"
    store = Store(db)
    store.log(NOW, "win")
    store.close()
    raw = bytearray(db.read_bytes())
    raw[100:4096] = b"\xff" * (4096 - 100)  # smash the schema page after the header
    db.write_bytes(bytes(raw))
    with pytest.raises(StoreError) as info:
        Store(db)
    assert str(db) in str(info.value)
    assert db.read_bytes() == bytes(raw)


def test_another_apps_sqlite_file_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a Hearth database"):
        Store(db)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="folder"):
        Store(tmp_path)


def test_forget_erases_every_row_and_the_bytes(tmp_path: Path) -> None:
    db = tmp_path / "hearth.db"
    store = Store(db)
    store.add_appreciation("thank you for the lovely picnic", NOW)
    store.add_idea("learn to dance salsa", NOW)
    store.log(NOW, "win")
    store.set_schedule("20:00", "daily", NOW)
    store.question_asked("What made you smile today?", 0, NOW)
    store.add_feedback(NOW, "idea", 1, True)
    store.timer_started("pause", NOW, 60, NOW)
    assert store.row_count() == 7
    store.forget()
    assert store.row_count() == 0
    wal = db.with_name(db.name + "-wal")
    raw = db.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert b"lovely picnic" not in raw and b"salsa" not in raw
    store.close()
    assert Store(db).row_count() == 0  # and it still opens


def test_ideas_oldest_untried_first(tmp_path: Path) -> None:
    store = Store(tmp_path / "h.db")
    first = store.add_idea("one", NOW)
    store.add_idea("two", NOW)
    assert store.next_untried_idea() == (first, "one")
    store.mark_idea_tried(first, NOW)
    assert store.next_untried_idea()[1] == "two"
