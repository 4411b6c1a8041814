"""The SQLite log: schema, migrations and the queries the dialog needs.

One file (WAL mode, so a running assistant and a `hearth summary` in another
process read and write at the same time; a busy timeout absorbs the short write
locks). The schema version is SQLite's `user_version`; `MIGRATIONS[i]` moves a
database from version i to i+1 inside one immediate transaction.

Privacy: only recognised commands (intent, slots, confidence) and text the couple
dictated on purpose are written. Heard text is never passed to this module.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from assistant.errors import StoreError

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
MAX_HELD = 10_000
"""Log entries kept in memory while the disk refuses writes (about a year of commands)."""
BUSY_TIMEOUT_MS = 10_000
REPAIR_HINT = " (hearth doctor --repair recovers what it can into a fresh file)"
FORGET_WAIT_MS = 2_000  # how long `forget` waits for another reader before saying so

MIGRATIONS: list[list[str]] = [
    # 1: the first schema.
    [
        """CREATE TABLE events (
            id INTEGER PRIMARY KEY, at TEXT NOT NULL, kind TEXT NOT NULL, data TEXT NOT NULL
        )""",
        """CREATE TABLE timers (
            id INTEGER PRIMARY KEY, kind TEXT NOT NULL, started_at TEXT NOT NULL,
            seconds REAL NOT NULL, due_at TEXT NOT NULL, ended_at TEXT, outcome TEXT
        )""",
        """CREATE TABLE schedule (
            id INTEGER PRIMARY KEY CHECK (id = 1), time TEXT NOT NULL, cadence TEXT NOT NULL,
            first_at TEXT NOT NULL, last_fired TEXT
        )""",
        """CREATE TABLE questions_asked (
            id INTEGER PRIMARY KEY, question TEXT NOT NULL, cycle INTEGER NOT NULL,
            at TEXT NOT NULL
        )""",
        "CREATE TABLE appreciations (id INTEGER PRIMARY KEY, text TEXT NOT NULL, at TEXT NOT NULL)",
        """CREATE TABLE ideas (
            id INTEGER PRIMARY KEY, text TEXT NOT NULL, at TEXT NOT NULL,
            tried_at TEXT, helped INTEGER
        )""",
        """CREATE TABLE feedback (
            id INTEGER PRIMARY KEY, at TEXT NOT NULL, target_kind TEXT,
            target_id INTEGER, helped INTEGER NOT NULL
        )""",
    ],
    # 2: summaries read events and timers by time.
    [
        "CREATE INDEX events_at_kind ON events (at, kind)",
        "CREATE INDEX timers_kind_started ON timers (kind, started_at)",
    ],
    # 3: a running timer is restored after a restart; a ritual needs its name for that.
    ["ALTER TABLE timers ADD COLUMN label TEXT"],
    # 4: read-only views with plain names, for sqlite-utils, Datasette or the sqlite3 shell
    # (the tables stay as they are; see README "Database").
    [
        """CREATE VIEW check_ins AS SELECT id, at AS started_at,
            json_extract(data, '$.scheduled') AS scheduled FROM events
            WHERE kind = 'checkin_started'""",
        """CREATE VIEW pauses AS SELECT id, started_at, seconds, ended_at,
            outcome AS how_it_ended FROM timers WHERE kind = 'pause'""",
        """CREATE VIEW time_alone AS SELECT id, started_at, seconds,
            due_at AS promised_back_at, ended_at, outcome AS how_it_ended FROM timers
            WHERE kind = 'space'""",
        """CREATE VIEW rituals AS SELECT id, started_at, label AS ritual, seconds, ended_at,
            outcome AS how_it_ended FROM timers WHERE kind = 'ritual'""",
        "CREATE VIEW wins AS SELECT id, at FROM events WHERE kind = 'win'",
    ],
    # 5: settings changed by voice (the speaking volume), kept across restarts.
    ["CREATE TABLE preferences (key TEXT PRIMARY KEY, value TEXT NOT NULL)"],
]
SCHEMA_VERSION = len(MIGRATIONS)
TABLES = (
    "events",
    "timers",
    "schedule",
    "questions_asked",
    "appreciations",
    "ideas",
    "feedback",
)


def _iso(at: datetime) -> str:
    return at.isoformat(timespec="seconds")


class Store:
    """Hearth's log in one SQLite file (or in memory with `Store(":memory:")`).

    Raises StoreError when the file is not an SQLite database, is corrupt, or was made
    by a newer Hearth; the file is left untouched in every such case.
    """

    def __init__(self, path: str | Path, create: bool = True) -> None:
        """`create=False` (read-only commands: forget, history, summary, report, export)
        refuses a file that does not exist instead of making a new, empty database."""
        self.path = str(path)
        self.memory = self.path == ":memory:"
        self._held: list[tuple[str, tuple[Any, ...]]] = []
        """Writes the disk refused (full, read-only), in order, written when it can."""
        self.dropped = 0
        """Held writes given up because more than MAX_HELD piled up."""
        if not self.memory:
            if not create and not Path(self.path).exists():
                raise StoreError(
                    f"{self.path}: no Hearth database here (check --db or HEARTH_DB; "
                    "Hearth creates it on its first run)"
                )
            self._check_file(Path(self.path))
        self.read_only = not self.memory and _read_only(Path(self.path))
        """The file or its file system refuses writes: the log is read, and new
        entries are held in memory (see `_hold`)."""
        target = f"file:{Path(self.path).resolve()}?immutable=1" if self.read_only else self.path
        try:
            conn = sqlite3.connect(
                target, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, uri=self.read_only
            )
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open the database: {exc}") from None
        self.conn = conn
        self.db = sqlite_utils.Database(conn)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            # Reading the schema touches page 1: a damaged file fails here, before any write.
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path}: made by a newer Hearth (schema {version}, "
                    f"this one knows {SCHEMA_VERSION})"
                )
            if version and not self._looks_like_hearth():
                raise StoreError(f"{self.path}: an SQLite file, but not a Hearth database")
            if not version and self.db.table_names():
                raise StoreError(f"{self.path}: an SQLite file, but not a Hearth database")
            if version and not self.memory:
                self._check_integrity()
            if self.read_only:
                log.warning(
                    "%s: the log is read-only; Hearth keeps going and keeps new entries in memory.",
                    self.path,
                )
            elif not self.memory:
                self.db.enable_wal()
                # WAL + NORMAL never corrupts; a power cut may lose the last event only.
                conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA secure_delete = ON")  # erased rows are zeroed on disk
            if not self.read_only or version != SCHEMA_VERSION:
                self._migrate()
        except StoreError:
            conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            conn.close()
            # "file is not a database", "database disk image is malformed", read-only...
            damaged = "malformed" in str(exc) or "not a database" in str(exc)
            hint = REPAIR_HINT if damaged else ""
            raise StoreError(f"{self.path}: cannot use this database: {exc}{hint}") from None

    @staticmethod
    def _check_file(path: Path) -> None:
        if path.is_dir():
            raise StoreError(f"{path}: is a folder, not a database file")
        if path.exists():
            try:
                with path.open("rb") as handle:
                    head = handle.read(len(SQLITE_MAGIC))
            except OSError as exc:
                raise StoreError(f"{path}: cannot read: {exc.strerror}") from None
            if head and head != SQLITE_MAGIC:
                raise StoreError(f"{path}: not an SQLite database; left untouched{REPAIR_HINT}")
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{path.parent}: cannot create folder: {exc.strerror}") from None

    def _check_integrity(self) -> None:
        """Refuse a damaged file before anything is written to it (a later failure would
        come mid-session, after some events were lost). Read-only; ~70 ms for 200k events."""
        problem = self.conn.execute("PRAGMA quick_check(1)").fetchone()[0]
        if problem != "ok":
            detail = " ".join(problem.replace("*** in database main ***", "").split())[:120]
            raise StoreError(
                f"{self.path}: the database is damaged ({detail}); left untouched{REPAIR_HINT}"
            )

    def _looks_like_hearth(self) -> bool:
        return set(TABLES) <= set(self.db.table_names())

    def _migrate(self) -> None:
        if self.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
            return
        with self._write():
            # Re-read inside the lock: another process may have migrated meanwhile.
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            for step in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[step]:
                    self.conn.execute(statement)
            self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    class _WriteTxn:
        """BEGIN IMMEDIATE ... COMMIT: takes the write lock up front (waiting up to the busy
        timeout), so a transaction never fails half-way on a lock upgrade."""

        def __init__(self, store: Store) -> None:
            self.store = store

        def __enter__(self) -> sqlite3.Connection:
            self.store._run("BEGIN IMMEDIATE")
            return self.store.conn

        def __exit__(self, exc_type: object, exc: object, _tb: object) -> None:
            if exc_type is None:
                self.store._run("COMMIT")
                return
            self.store.conn.rollback()
            if isinstance(exc, sqlite3.DatabaseError):
                raise StoreError(f"{self.store.path}: {exc}") from None

    def _write(self) -> Store._WriteTxn:
        return Store._WriteTxn(self)

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        if self._held:
            self._write_held()
        if self._held:
            log.warning("%s: %d log entries could not be written.", self.path, len(self._held))
        self.conn.close()

    def _run(self, sql: str, params: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        writes = self._is_write(sql)
        if writes and self._held and not self.conn.in_transaction:
            self._write_held()  # keep the order: older held entries first
        if writes and self._held and not self.conn.in_transaction:
            self._hold(sql, params)
            return self._nothing()
        try:
            return self.conn.execute(sql, params)
        except sqlite3.DatabaseError as exc:
            if writes and _cannot_write(exc) and not self.conn.in_transaction:
                self._hold(sql, params, exc)
                return self._nothing()
            raise StoreError(f"{self.path}: {exc}") from None

    # --- a disk that is full or read-only: hold the log in memory, write it later ------

    @staticmethod
    def _is_write(sql: str) -> bool:
        return sql.lstrip()[:6].upper() in ("INSERT", "UPDATE", "DELETE")

    def _nothing(self) -> sqlite3.Cursor:
        """An empty cursor standing in for a held write (no row id, no rows)."""
        return self.conn.execute("SELECT NULL WHERE 0")

    def _hold(self, sql: str, params: tuple[Any, ...], exc: BaseException | None = None) -> None:
        if not self._held:
            # Once per outage, in the log only: the couple hears nothing of it.
            log.warning(
                "%s: the log cannot be written now (%s); Hearth keeps going and keeps "
                "new entries in memory until it can write them.",
                self.path,
                exc or "still unwritable",
            )
        if len(self._held) >= MAX_HELD:
            self._held.pop(0)
            self.dropped += 1
        self._held.append((sql, params))

    def _write_held(self) -> None:
        """Write the held entries in order; stop at the first that still fails."""
        count = len(self._held)
        while self._held:
            sql, params = self._held[0]
            try:
                self.conn.execute(sql, params)
            except sqlite3.DatabaseError:
                return
            self._held.pop(0)
        log.warning("%s: the log is writable again; %d held entries written.", self.path, count)

    # --- events -----------------------------------------------------------------------

    def log(self, at: datetime, kind: str, **data: Any) -> int:
        """Append one event; `data` must hold no heard text (see module docstring)."""
        cur = self._run(
            "INSERT INTO events (at, kind, data) VALUES (?, ?, ?)",
            (_iso(at), kind, json.dumps(data, sort_keys=True)),
        )
        return int(cur.lastrowid or 0)

    def events(
        self, kind: str | None = None, since: datetime | None = None, limit: int | None = None
    ) -> list[dict[str, Any]]:
        """Events, newest first: {"id", "at", "kind", **data}."""
        sql, params = "SELECT id, at, kind, data FROM events WHERE 1", []
        if kind:
            sql += " AND kind = ?"
            params.append(kind)
        if since:
            sql += " AND at >= ?"
            params.append(_iso(since))
        sql += " ORDER BY id DESC"
        if limit:
            sql += f" LIMIT {int(limit)}"
        rows = self._run(sql, tuple(params)).fetchall()
        return [{"id": i, "at": at, "kind": k, **json.loads(d)} for i, at, k, d in rows]

    def count_events(self, kind: str, start: datetime, end: datetime, **match: Any) -> int:
        n = 0
        for (data,) in self._run(
            "SELECT data FROM events WHERE kind = ? AND at >= ? AND at < ?",
            (kind, _iso(start), _iso(end)),
        ):
            fields = json.loads(data)
            n += all(fields.get(k) == v for k, v in match.items())
        return n

    # --- timers -----------------------------------------------------------------------

    def timer_started(
        self, kind: str, at: datetime, seconds: float, due: datetime, label: str | None = None
    ) -> int:
        """Record a pause, space or ritual timer (closed later by `timer_ended`).

        `label` names what runs (the ritual), so the timer can be restored after a restart.
        """
        cur = self._run(
            "INSERT INTO timers (kind, started_at, seconds, due_at, label) VALUES (?, ?, ?, ?, ?)",
            (kind, _iso(at), seconds, _iso(due), label),
        )
        return int(cur.lastrowid or 0)

    def open_timers(self) -> list[dict[str, Any]]:
        """Timers never closed (Hearth stopped while they ran), oldest first:
        {"kind", "started_at", "seconds", "due", "label"} with datetimes."""
        rows = self._run(
            "SELECT kind, started_at, seconds, due_at, label FROM timers "
            "WHERE ended_at IS NULL ORDER BY id"
        ).fetchall()
        return [
            {
                "kind": kind,
                "started_at": datetime.fromisoformat(started),
                "seconds": seconds,
                "due": datetime.fromisoformat(due),
                "label": label,
            }
            for kind, started, seconds, due, label in rows
        ]

    def timer_extended(
        self, kind: str, started_at: datetime, seconds: float, due: datetime
    ) -> None:
        """A running `kind` timer got more time: its full length and deadline change."""
        self._run(
            "UPDATE timers SET seconds = ?, due_at = ? "
            "WHERE kind = ? AND started_at = ? AND ended_at IS NULL",
            (seconds, _iso(due), kind, _iso(started_at)),
        )

    def timer_ended(self, kind: str, started_at: datetime, at: datetime, outcome: str) -> None:
        """Close the open `kind` timer that started at `started_at`."""
        self._run(
            "UPDATE timers SET ended_at = ?, outcome = ? "
            "WHERE kind = ? AND started_at = ? AND ended_at IS NULL",
            (_iso(at), outcome, kind, _iso(started_at)),
        )

    def count_timers(
        self, kind: str, start: datetime, end: datetime, outcome: str | None = None
    ) -> int:
        sql = "SELECT count(*) FROM timers WHERE kind = ? AND started_at >= ? AND started_at < ?"
        params: tuple[Any, ...] = (kind, _iso(start), _iso(end))
        if outcome is not None:
            sql += " AND outcome = ?"
            params += (outcome,)
        return int(self._run(sql, params).fetchone()[0])

    # --- schedule ---------------------------------------------------------------------

    def set_schedule(self, time: str, cadence: str, first_at: datetime) -> None:
        self._run(
            "INSERT OR REPLACE INTO schedule (id, time, cadence, first_at, last_fired) "
            "VALUES (1, ?, ?, ?, NULL)",
            (time, cadence, _iso(first_at)),
        )

    def schedule(self) -> dict[str, Any] | None:
        row = self._run("SELECT time, cadence, first_at, last_fired FROM schedule").fetchone()
        if row is None:
            return None
        return {
            "time": row[0],
            "cadence": row[1],
            "first_at": datetime.fromisoformat(row[2]),
            "last_fired": datetime.fromisoformat(row[3]) if row[3] else None,
        }

    def schedule_fired(self, occurrence: datetime) -> None:
        self._run("UPDATE schedule SET last_fired = ? WHERE id = 1", (_iso(occurrence),))

    def clear_schedule(self) -> None:
        """No scheduled check-in any more (until one is set again)."""
        self._run("DELETE FROM schedule")

    # --- preferences (settings changed by voice; not part of the log, kept by forget) ----

    def set_preference(self, key: str, value: Any) -> None:
        self._run(
            "INSERT OR REPLACE INTO preferences (key, value) VALUES (?, ?)",
            (key, json.dumps(value)),
        )

    def preference(self, key: str) -> Any:
        """The stored value, or None when it was never set."""
        row = self._run("SELECT value FROM preferences WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    # --- questions --------------------------------------------------------------------

    def question_cycle(self) -> tuple[int, set[str]]:
        """The current round through the bank and the questions asked in it."""
        row = self._run("SELECT max(cycle) FROM questions_asked").fetchone()
        cycle = int(row[0] or 0)
        asked = {
            q
            for (q,) in self._run("SELECT question FROM questions_asked WHERE cycle = ?", (cycle,))
        }
        return cycle, asked

    def question_asked(self, question: str, cycle: int, at: datetime) -> None:
        self._run(
            "INSERT INTO questions_asked (question, cycle, at) VALUES (?, ?, ?)",
            (question, cycle, _iso(at)),
        )

    # --- journal ----------------------------------------------------------------------

    def add_appreciation(self, text: str, at: datetime) -> int:
        cur = self._run("INSERT INTO appreciations (text, at) VALUES (?, ?)", (text, _iso(at)))
        return int(cur.lastrowid or 0)

    def appreciations(self, limit: int = 3) -> list[str]:
        rows = self._run(
            "SELECT text FROM appreciations ORDER BY id DESC LIMIT ?", (limit,)
        ).fetchall()
        return [r[0] for r in rows]

    def add_idea(self, text: str, at: datetime) -> int:
        cur = self._run("INSERT INTO ideas (text, at) VALUES (?, ?)", (text, _iso(at)))
        return int(cur.lastrowid or 0)

    def next_untried_idea(self) -> tuple[int, str] | None:
        row = self._run(
            "SELECT id, text FROM ideas WHERE tried_at IS NULL ORDER BY id LIMIT 1"
        ).fetchone()
        return (int(row[0]), row[1]) if row else None

    def mark_idea_tried(self, idea_id: int, at: datetime) -> None:
        self._run("UPDATE ideas SET tried_at = ? WHERE id = ?", (_iso(at), idea_id))

    def ideas(self) -> list[dict[str, Any]]:
        return list(self.db.query("SELECT * FROM ideas ORDER BY id"))

    def add_feedback(
        self, at: datetime, target_kind: str | None, target_id: int | None, helped: bool
    ) -> None:
        with self._write():
            self.conn.execute(
                "INSERT INTO feedback (at, target_kind, target_id, helped) VALUES (?, ?, ?, ?)",
                (_iso(at), target_kind, target_id, int(helped)),
            )
            if target_kind == "idea" and target_id is not None:
                self.conn.execute(
                    "UPDATE ideas SET helped = ? WHERE id = ?", (int(helped), target_id)
                )

    def feedback(self, start: datetime, end: datetime) -> list[tuple[str | None, bool]]:
        rows = self._run(
            "SELECT target_kind, helped FROM feedback WHERE at >= ? AND at < ?",
            (_iso(start), _iso(end)),
        ).fetchall()
        return [(k, bool(h)) for k, h in rows]

    # --- looking back (hearth history, report, export) --------------------------------

    def timers_between(
        self, start: datetime | None = None, end: datetime | None = None
    ) -> list[dict[str, Any]]:
        """Pauses, spaces and rituals that started in [start, end), oldest first, as rows
        with datetimes ("due_at", "ended_at" None while running)."""
        rows = self._between(
            "SELECT kind, started_at, seconds, due_at, ended_at, outcome, label FROM timers",
            "started_at",
            start,
            end,
        )
        keys = ("kind", "started_at", "seconds", "due_at", "ended_at", "outcome", "label")
        out = []
        for row in rows:
            item = dict(zip(keys, row, strict=True))
            for k in ("started_at", "due_at", "ended_at"):
                item[k] = datetime.fromisoformat(item[k]) if item[k] else None
            out.append(item)
        return out

    def events_between(
        self, start: datetime | None = None, end: datetime | None = None
    ) -> list[dict[str, Any]]:
        """Events in [start, end), oldest first: {"id", "at" (datetime), "kind", **data}."""
        rows = self._between("SELECT id, at, kind, data FROM events", "at", start, end)
        return [
            {"id": i, "at": datetime.fromisoformat(at), "kind": k, **json.loads(d)}
            for i, at, k, d in rows
        ]

    def dated_rows(
        self, table: str, start: datetime | None = None, end: datetime | None = None
    ) -> list[dict[str, Any]]:
        """Rows of questions_asked, appreciations, ideas or feedback in [start, end) by
        their `at`, oldest first, with `at` as a datetime."""
        if table not in ("questions_asked", "appreciations", "ideas", "feedback"):
            raise ValueError(table)
        cur = self._between(f"SELECT * FROM {table}", "at", start, end, cursor=True)
        names = [d[0] for d in cur.description]
        out = []
        for row in cur.fetchall():
            item = dict(zip(names, row, strict=True))
            item["at"] = datetime.fromisoformat(item["at"])
            out.append(item)
        return out

    def _between(
        self,
        select: str,
        column: str,
        start: datetime | None,
        end: datetime | None,
        cursor: bool = False,
    ) -> Any:
        sql, params = f"{select} WHERE 1", []
        if start is not None:
            sql += f" AND {column} >= ?"
            params.append(_iso(start))
        if end is not None:
            sql += f" AND {column} < ?"
            params.append(_iso(end))
        cur = self._run(f"{sql} ORDER BY {column}, rowid", tuple(params))
        return cur if cursor else cur.fetchall()

    def table_rows(self, table: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Every row of one of Hearth's tables as stored: (column names, rows)."""
        if table not in TABLES:
            raise ValueError(table)
        cur = self._run(f"SELECT * FROM {table} ORDER BY rowid")
        return [d[0] for d in cur.description], cur.fetchall()

    # --- forget -----------------------------------------------------------------------

    def forget(self) -> bool:
        """Erase every row of every table and compact the file, WAL included.

        Returns True when no erased byte can remain in the .db or -wal file; False when
        another connection holds the database open in a read (a snapshot that keeps the
        old pages alive), so the rows are gone but old pages may still be on disk.
        """
        with self._write():
            for table in TABLES:
                self.conn.execute(f"DELETE FROM {table}")
        if self.memory:
            return True
        try:
            # A reader pins old WAL frames; waiting the whole busy timeout would only delay
            # the answer, so the checkpoint waits briefly.
            self.conn.execute(f"PRAGMA busy_timeout = {FORGET_WAIT_MS}")
            busy, _, _ = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            self.conn.execute("VACUUM")  # rebuilds the file: no free page keeps old text
            busy2, _, _ = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.DatabaseError:
            return False
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        wal = Path(self.path + "-wal")
        return not busy and not busy2 and (not wal.exists() or wal.stat().st_size == 0)

    def row_count(self) -> int:
        return sum(self.db[t].count for t in TABLES)

    def iter_tables(self) -> Iterator[tuple[str, int]]:
        for table in TABLES:
            yield table, self.db[table].count


def _cannot_write(exc: sqlite3.DatabaseError) -> bool:
    """The disk refused a write (full, read-only, I/O error): not a broken query."""
    text = str(exc).lower()
    return any(sign in text for sign in ("readonly", "read-only", "full", "disk i/o"))


def _read_only(path: Path) -> bool:
    """An existing database file that cannot be written (its mode or its file system)."""
    if not path.exists():
        return False
    try:
        if os.statvfs(path).f_flag & os.ST_RDONLY:
            return True
    except OSError:
        return False
    return not os.access(path, os.W_OK)
