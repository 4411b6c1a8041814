"""`hearth simulate`: a script of timed utterances run through the engine on a virtual
clock.

Script format: `@SECONDS utterance` (heard at that many seconds after start),
`@SECONDS` alone (run the clock to there), `#` comments and blank lines ignored.
Times never go backwards. The whole script is checked before anything runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TextIO

from assistant.clock import VirtualClock
from assistant.config import Settings
from assistant.dialog.engine import Engine, Parser
from assistant.dialog.output import JsonLinesOutput
from assistant.dialog.responses import Responses
from assistant.errors import HearthError
from assistant.scheduler import run_virtual_until
from assistant.store import Store

_LINE = re.compile(r"@\s*(\S*)(?:\s+(.*))?$")
_SECONDS = re.compile(r"-?\d+(?:\.\d+)?")
MAX_SECONDS = 10 * 365.25 * 86400
"""Ten years: a script time beyond it is a typo (and would overflow the wall clock)."""


@dataclass(frozen=True)
class Step:
    """One script line: at `t` seconds, hear `text` (None: only run the clock)."""

    t: float
    text: str | None
    line: int


def parse_script(text: str, name: str = "SCRIPT") -> list[Step]:
    """Parse a script; a broken line raises HearthError "NAME:LINE: what is wrong"."""
    steps: list[Step] = []
    last = 0.0
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _LINE.match(line)
        if not match:
            raise HearthError(
                f"{name}:{number}: expected '@SECONDS utterance' or '@SECONDS', got {line[:40]!r}"
            )
        token = match.group(1)
        if not _SECONDS.fullmatch(token):
            raise HearthError(
                f"{name}:{number}: expected a number of seconds after '@' "
                f"(like '@10 pause'), got {token[:20]!r}"
            )
        t = float(token)
        if t < 0:
            raise HearthError(
                f"{name}:{number}: time {t:g} is negative; times count seconds from the start"
            )
        if t > MAX_SECONDS:
            raise HearthError(
                f"{name}:{number}: time {token[:24]} is too far ahead "
                f"(at most {MAX_SECONDS:.0f} seconds, ten years)"
            )
        if t < last:
            raise HearthError(f"{name}:{number}: time {t:g} is before the previous line ({last:g})")
        last = t
        utterance = (match.group(2) or "").strip() or None
        steps.append(Step(t, utterance, number))
    return steps


def read_script(path: Path) -> list[Step]:
    """Read and check a script file; every problem is one HearthError line."""
    if path.is_dir():
        raise HearthError(f"{path}: is a folder, not a script file")
    try:
        text = path.read_text(encoding="utf-8-sig")  # a BOM from a Windows editor is fine
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        raise HearthError(f"{path}:{line}: not UTF-8 text") from None
    except OSError as exc:
        raise HearthError(f"{path}: cannot read: {exc.strerror}") from None
    return parse_script(text, str(path))


def run_script(
    steps: list[Step],
    out: TextIO,
    *,
    start: datetime | None = None,
    store: Store | None = None,
    settings: Settings | None = None,
    parser: Parser | None = None,
) -> Engine:
    """Run `steps` on a virtual clock starting at `start`, writing JSON lines to `out`."""
    clock = VirtualClock(start)
    engine = Engine(
        store or Store(":memory:"),
        JsonLinesOutput(clock, out),
        clock,
        settings=settings,
        parser=parser,
        responses=Responses(seed=0),  # the same script gives the same lines, every run
    )
    engine.start()
    for step in steps:
        run_virtual_until(engine.scheduler, clock, step.t)
        if step.text is not None:
            engine.hear(step.text)
    return engine
