"""`hearth export`: everything stored, as plain files another tool can read.

CSV: one file per table (`events.csv`, `timers.csv`, ...), columns as in the database.
JSON: one file, `hearth.json`, {table: [row objects]}; an event's `data` column is
decoded into an object there. Nothing is written that is not already in the database.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from assistant.errors import HearthError
from assistant.store import TABLES, Store

FORMATS = ("csv", "json")


def _out_dir(out: Path) -> Path:
    if out.exists() and not out.is_dir():
        raise HearthError(f"--out: {out} is a file; give a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise HearthError(f"--out: cannot create {out}: {exc.strerror}") from None
    return out


def export(store: Store, fmt: str, out: Path) -> list[Path]:
    """Write every table of `store` into the folder `out` as `fmt`; the files written."""
    if fmt not in FORMATS:
        raise HearthError(f"--format: {fmt!r} is not one of {', '.join(FORMATS)}")
    folder = _out_dir(out)
    written: list[Path] = []
    try:
        if fmt == "csv":
            for table in TABLES:
                columns, rows = store.table_rows(table)
                path = folder / f"{table}.csv"
                with path.open("w", newline="", encoding="utf-8") as handle:
                    writer = csv.writer(handle)
                    writer.writerow(columns)
                    writer.writerows(rows)
                written.append(path)
            return written
        everything: dict[str, list[dict]] = {}
        for table in TABLES:
            columns, rows = store.table_rows(table)
            items = [dict(zip(columns, row, strict=True)) for row in rows]
            if table == "events":
                for item in items:
                    item["data"] = json.loads(item["data"])
            everything[table] = items
        path = folder / "hearth.json"
        path.write_text(json.dumps(everything, ensure_ascii=False, indent=1), encoding="utf-8")
        return [path]
    except OSError as exc:
        raise HearthError(f"--out: cannot write into {folder}: {exc.strerror}") from None
