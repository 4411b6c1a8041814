"""A real evening in a real SQLite file: everyday talk around commands, run through
`hearth simulate` (the whole dialog on a virtual clock), for the looking-back commands."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

# Said between the commands; none of it may appear in anything Hearth writes or prints.
EVERYDAY_TALK = [
    "did you remember to buy oat milk for the porridge",
    "your mother called again about the zanzibar trip",
    "I can't believe you left the quokka mug in the sink",
    "the plumber said the boiler needs a new thermocouple",
    "why do you always do this when I'm tired",
    "turn the telly down the documentary about narwhals is loud",
]
PRIVATE_WORDS = ["porridge", "zanzibar", "quokka", "thermocouple", "always do this", "narwhals"]
APPRECIATION = "you cooked dinner when I was tired"
IDEA = "phone free breakfast on sunday"

EVENING = f"""\
@0 {EVERYDAY_TALK[0]}
@5 let's do our check in
@20 another question
@40 {EVERYDAY_TALK[1]}
@710 we need a minute
@730 {EVERYDAY_TALK[2]}
@740 okay we're ready
@760 I need some space, back in twenty minutes
@800 {EVERYDAY_TALK[3]}
@1900 we're ready
@1960 time for our walk
@2080 yes
@2960
@3000 I want to say something I appreciate
@3005 {APPRECIATION}
@3010 yes
@3020 add an idea
@3025 {IDEA}
@3030 yes
@3040 what should we try next
@3050 that really helped
@3060 we did it
@3070 {EVERYDAY_TALK[4]}
@3080 set our check in for nine thirty every evening
@3100 can we have ninety seconds
@3120 {EVERYDAY_TALK[5]}
@3250
"""


def hearth(*args: str, stdin: str = "", env: dict[str, str] | None = None, timeout: float = 120):
    """Run the real `hearth` CLI in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**os.environ, **(env or {})},
    )


@dataclass(frozen=True)
class Evening:
    """The evening's database and what was said in it.

    Attributes:
        db: the SQLite file `hearth simulate` wrote.
        appreciation, idea: the text dictated on purpose (and confirmed).
        private_words: words of the everyday talk, which must never show up.
    """

    db: Path
    appreciation: str = APPRECIATION
    idea: str = IDEA
    private_words: tuple[str, ...] = tuple(PRIVATE_WORDS)

    def leaks(self, text: str) -> list[str]:
        return [w for w in self.private_words if w in text.lower()]


@pytest.fixture
def run_hearth():
    return hearth


@pytest.fixture(scope="session")
def simulated_evening(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The evening simulated once per test process (about 2.5 s a run): its database."""
    folder = tmp_path_factory.mktemp("evening")
    script = folder / "evening.txt"
    script.write_text(EVENING)
    db = folder / "hearth.db"
    result = hearth("simulate", str(script), "--db", str(db), "--start", "2026-01-05T19:00")
    assert result.returncode == 0, result.stderr
    return db


@pytest.fixture
def evening(simulated_evening: Path, tmp_path: Path) -> Evening:
    """A database holding one simulated evening (Monday 5 January 2026, from 19:00): a
    copy of its own for each test, which may change it (`hearth forget`)."""
    db = tmp_path / "hearth.db"
    # The simulation's process has ended, so the file is whole: no journal is left.
    assert not list(simulated_evening.parent.glob("hearth.db-*"))
    shutil.copyfile(simulated_evening, db)
    return Evening(db)
