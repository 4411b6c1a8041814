"""Privacy: speech that is not a command never reaches the database file (or its WAL)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from assistant.store import Store

EVERYDAY_TALK = [
    "did you remember to buy oat milk for the porridge",
    "your mother called again about the zanzibar trip",
    "I can't believe you left the quokka mug in the sink",
    "we need to talk about the credit card bill from marrakesh",
    "why do you always do this when I'm tired",
    "turn the telly down the documentary about narwhals is loud",
    "I feel like you never listen to me about the xylophone lessons",
    "the plumber said the boiler needs a new thermocouple",
]
COMMANDS = ["hey hearth can we have a minute", "okay we're ready", "celebrate a small win"]


def _raw(db: Path) -> bytes:
    wal = db.with_name(db.name + "-wal")
    return db.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_everyday_talk_never_reaches_the_database_bytes(tmp_path: Path) -> None:
    db = tmp_path / "hearth.db"
    lines = []
    for i, text in enumerate(EVERYDAY_TALK + COMMANDS + EVERYDAY_TALK):
        lines.append(f"@{i * 5} {text}")
    script = tmp_path / "evening.txt"
    script.write_text("\n".join(lines) + "\n@200\n")
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "simulate", str(script), "--db", str(db)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    raw = _raw(db).lower()
    for word in (
        b"porridge",
        b"zanzibar",
        b"quokka",
        b"marrakesh",
        b"narwhals",
        b"xylophone",
        b"thermocouple",
        b"always do this",
        b"oat milk",
    ):
        assert word not in raw, word
    # The commands were heard and logged: intent, slots, confidence, never the words.
    store = Store(db)
    intents = [e["intent"] for e in reversed(store.events(kind="command"))]
    assert intents == ["pause", "resume", "win"]
    assert b"hey hearth" not in raw and b"celebrate" not in raw
    # Not even on stdout: everyday talk produces no output line at all.
    assert "porridge" not in result.stdout and "quokka" not in result.stdout
