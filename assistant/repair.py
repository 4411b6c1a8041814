"""Checking and repairing the database file (`hearth doctor`, `hearth doctor --repair`).

`check_database` only reads (a read-only SQLite connection: no WAL switch, no
migration). `repair_database` recovers what SQLite can from a corrupt, truncated or
non-SQLite file, moves the bad file aside with a timestamp (never deleted: nothing is
lost that a specialist could still get back) and starts a fresh database holding the
recovered rows. Recovery uses the sqlite3 command-line tool's `.recover` where it
works; otherwise (no tool, or Debian 12's, built without the page reader `.recover`
needs) each table is read in rowid order, stepping over the pages that fail.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from assistant.errors import StoreError
from assistant.store import SQLITE_MAGIC, TABLES, Store

SIDE_FILES = ("-wal", "-shm")
"""SQLite's companions of a WAL database; they move aside with it."""


@dataclass(frozen=True)
class DatabaseHealth:
    """What `check_database` found.

    Attributes:
        path: the database file.
        exists: whether the file is there (a missing one is made on first start).
        ok: usable as it is.
        size: bytes on disk (the file and its WAL).
        problem: what is wrong, in a few words ("" when ok).
        schema: the schema version (`PRAGMA user_version`), 0 when unknown.
    """

    path: Path
    exists: bool
    ok: bool
    size: int = 0
    problem: str = ""
    schema: int = 0


def _size(path: Path) -> int:
    files = [path, *(Path(f"{path}{s}") for s in SIDE_FILES)]
    return sum(p.stat().st_size for p in files if p.is_file())


def check_database(path: Path) -> DatabaseHealth:
    """Read-only health check: SQLite header, `PRAGMA integrity_check`, Hearth's tables."""
    if not path.exists():
        return DatabaseHealth(path, exists=False, ok=True)
    size = _size(path)
    if path.is_dir():
        return DatabaseHealth(path, True, False, size, "is a folder, not a database file")
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        return DatabaseHealth(path, True, False, size, f"cannot read: {exc.strerror}")
    if not head:
        return DatabaseHealth(path, True, True, size)  # empty: SQLite starts it afresh
    if head != SQLITE_MAGIC:
        return DatabaseHealth(path, True, False, size, "not an SQLite database")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            schema = conn.execute("PRAGMA user_version").fetchone()[0]
            rows = conn.execute("PRAGMA integrity_check(5)").fetchall()
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return DatabaseHealth(path, True, False, size, f"damaged ({exc})")
    if [r[0] for r in rows] != ["ok"]:
        detail = " ".join(" ".join(r[0] for r in rows).split())[:100]
        return DatabaseHealth(path, True, False, size, f"damaged ({detail})", schema)
    if schema and not set(TABLES) <= tables:
        return DatabaseHealth(path, True, False, size, "an SQLite file, but not Hearth's", schema)
    return DatabaseHealth(path, True, True, size, "", schema)


@dataclass(frozen=True)
class RepairResult:
    """What `repair_database` did.

    Attributes:
        moved_to: where the bad file went (None: nothing needed repair).
        recovered: rows recovered per table (only tables with rows).
        method: "sqlite3 .recover" or "read around damaged pages" ("" when not needed).
    """

    moved_to: Path | None
    recovered: dict[str, int] = field(default_factory=dict)
    method: str = ""


def _recover_with_cli(bad: Path, scratch: sqlite3.Connection) -> bool:
    """Rebuild what `sqlite3 BAD .recover` can read into `scratch`; False when that
    tool is missing or cannot (Debian 12's is built without the page reader it needs)."""
    tool = shutil.which("sqlite3")
    if not tool:
        return False
    done = subprocess.run(
        [tool, str(bad), ".recover"], capture_output=True, text=True, errors="replace"
    )
    if done.returncode != 0 or "INSERT" not in done.stdout:
        return False
    with contextlib.suppress(sqlite3.DatabaseError):  # keep what came before a bad statement
        scratch.executescript(done.stdout)
    return True


def _fit_header_to_size(copy: Path) -> None:
    """A truncated file: make the header's page count match the pages that are there
    (SQLite calls the whole file malformed otherwise, even the pages that remain)."""
    with copy.open("r+b") as handle:
        head = handle.read(100)
        if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
            return
        page_size = int.from_bytes(head[16:18], "big")
        page_size = 65536 if page_size == 1 else page_size
        if page_size < 512:
            return
        pages = copy.stat().st_size // page_size
        if pages < int.from_bytes(head[28:32], "big"):
            handle.truncate(pages * page_size)
            handle.seek(28)
            handle.write(pages.to_bytes(4, "big"))


def _read_rows(conn: sqlite3.Connection, table: str, columns: list[str]) -> list[tuple]:
    """Every readable row of `table`, in rowid order, stepping over damaged pages: a
    failed read is retried from further on (1, 2, 4, ... rowids), which the b-tree
    reaches through other pages."""
    names = ", ".join(columns)
    rows: list[tuple] = []
    after, step = -(2**63), 1
    while after < 2**62:
        try:
            for row in conn.execute(
                f"SELECT rowid, {names} FROM {table} WHERE rowid > ? ORDER BY rowid", (after,)
            ):
                after, step = row[0], 1
                rows.append(row[1:])
            return rows
        except sqlite3.DatabaseError:
            if after < 0:
                after = 0  # rowids start at 1: try from there before skipping
            else:
                after, step = after + step, step * 2
    return rows


def _copy_rows(source: sqlite3.Connection, store: Store) -> dict[str, int]:
    """Copy Hearth's tables' readable rows (columns both sides have) into the fresh store."""
    counts: dict[str, int] = {}
    for table in TABLES:
        ours = [r[1] for r in store.conn.execute(f"PRAGMA table_info({table})")]
        try:
            theirs = {r[1] for r in source.execute(f"PRAGMA table_info({table})")}
        except sqlite3.DatabaseError:
            continue  # the schema itself is unreadable
        columns = [c for c in ours if c in theirs]
        if not columns:
            continue
        names, marks = ", ".join(columns), ", ".join("?" * len(columns))
        inserted = 0
        store.conn.execute("BEGIN IMMEDIATE")
        for row in _read_rows(source, table, columns):
            try:
                store.conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", row)
                inserted += 1
            except sqlite3.IntegrityError:
                continue  # a half-recovered row (a NOT NULL value lost): leave it out
        store.conn.execute("COMMIT")
        if inserted:
            counts[table] = inserted
    return counts


def repair_database(path: Path, now: datetime | None = None) -> RepairResult:
    """Recover a damaged database into a fresh one; the bad file is moved aside.

    Nothing happens to a healthy (or missing) file. The caller holds the instance
    lock, so no Hearth is using the file meanwhile.
    """
    health = check_database(path)
    if health.ok:
        return RepairResult(None)
    if path.is_dir():
        raise StoreError(f"{path}: is a folder; give the database file itself")
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    moved = path.with_name(f"{path.name}.damaged-{stamp}")
    with tempfile.TemporaryDirectory(prefix="hearth-repair-") as tmp:
        copy = Path(tmp) / "damaged.db"  # read a copy: the moved original stays as it was
        for suffix in ("", *SIDE_FILES):
            side = Path(f"{path}{suffix}")
            if side.exists():
                shutil.copyfile(side, Path(f"{copy}{suffix}"))
                side.rename(Path(f"{moved}{suffix}"))
        _fit_header_to_size(copy)
        scratch = sqlite3.connect(Path(tmp) / "recovered.db")
        if _recover_with_cli(copy, scratch):
            source, method = scratch, "sqlite3 .recover"
        else:
            source = sqlite3.connect(copy)  # with its WAL, if it had one
            method = "read around damaged pages"
        try:
            store = Store(path)
            try:
                recovered = _copy_rows(source, store)
            finally:
                store.close()
        finally:
            source.close()
            scratch.close()
    return RepairResult(moved, recovered, method)
