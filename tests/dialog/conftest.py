"""Shared helpers for dialog tests: an engine on a virtual clock over a real SQLite file,
with an output that records what was said and which events happened."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from assistant.clock import VirtualClock
from assistant.config import Settings
from assistant.dialog.engine import Engine
from assistant.nlu.intent import Intent
from assistant.scheduler import run_virtual_until
from assistant.store import Store

# A Monday evening, so weekly windows and evening schedules are easy to reason about.
START = datetime(2026, 1, 5, 19, 0, 0)


@dataclass
class Recorder:
    """An Output that keeps (t, "say"|event kind, payload) in order."""

    clock: VirtualClock
    records: list[tuple[float, str, Any]] = field(default_factory=list)
    stops: int = 0

    def say(self, text: str, key: str) -> None:
        self.records.append((self.clock.now(), "say", (key, text)))

    def event(self, kind: str, **fields: Any) -> None:
        self.records.append((self.clock.now(), kind, fields))

    def stop_speaking(self) -> None:
        self.stops += 1

    def said(self) -> list[tuple[float, str, str]]:
        return [(t, p[0], p[1]) for t, k, p in self.records if k == "say"]

    def spoken_keys(self) -> list[str]:
        return [p[0] for _, k, p in self.records if k == "say"]

    def events(self, kind: str) -> list[tuple[float, dict[str, Any]]]:
        return [(t, p) for t, k, p in self.records if k == kind]

    def clear(self) -> None:
        self.records.clear()


class Session:
    """An engine, its virtual clock, store and recorder, with small driving helpers."""

    def __init__(self, db: Path, start: datetime = START, settings: Settings | None = None):
        self.db = db
        self.clock = VirtualClock(start)
        self.store = Store(db)
        self.out = Recorder(self.clock)
        self.engine = Engine(
            self.store, self.out, self.clock, settings=settings or Settings(db_path=db)
        )

    def at(self, t: float) -> Session:
        run_virtual_until(self.engine.scheduler, self.clock, t)
        return self

    def do(self, name: str, t: float | None = None, **slots: Any) -> Session:
        if t is not None:
            self.at(t)
        self.engine.handle(Intent(name, slots, 0.95, ""))
        return self

    def hear(self, text: str, t: float | None = None) -> Intent:
        if t is not None:
            self.at(t)
        return self.engine.hear(text)


@pytest.fixture
def session(tmp_path: Path) -> Session:
    s = Session(tmp_path / "hearth.db")
    s.engine.start()
    return s


@pytest.fixture
def make_session(tmp_path: Path):
    """Build sessions on the same db file (a restart) with a chosen start time."""

    def make(start: datetime = START, **settings: Any) -> Session:
        s = Session(
            tmp_path / "hearth.db",
            start,
            Settings(db_path=tmp_path / "hearth.db", **settings),
        )
        s.engine.start()
        return s

    return make
