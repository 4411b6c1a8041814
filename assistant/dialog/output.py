"""Outputs the engine can speak through: JSON lines (`hearth simulate`) and a terminal
(`hearth chat`). The live assistant's TTS output lives with the speech code."""

from __future__ import annotations

import json
from typing import Any, TextIO

from assistant.clock import Clock


class JsonLinesOutput:
    """One JSON object per line: {"t", "say", "key"} or {"t", "event", ...fields}.

    `t` is seconds since the clock's start (`origin`), rounded to milliseconds.
    """

    def __init__(self, clock: Clock, stream: TextIO, origin: float = 0.0) -> None:
        self.clock = clock
        self.stream = stream
        self.origin = origin

    def _emit(self, record: dict[str, Any]) -> None:
        t = round(self.clock.now() - self.origin, 3)
        self.stream.write(json.dumps({"t": t, **record}, ensure_ascii=False) + "\n")

    def say(self, text: str, key: str) -> None:
        self._emit({"say": text, "key": key})

    def event(self, kind: str, **fields: Any) -> None:
        self._emit({"event": kind, **fields})

    def stop_speaking(self) -> None:
        """Nothing is playing in a simulation."""


class TerminalOutput:
    """Replies printed for a person at a terminal; events only when `verbose`."""

    def __init__(self, stream: TextIO, verbose: bool = False) -> None:
        self.stream = stream
        self.verbose = verbose

    def say(self, text: str, key: str) -> None:
        self.stream.write(f"hearth: {text}\n")
        self.stream.flush()

    def event(self, kind: str, **fields: Any) -> None:
        if self.verbose:
            self.stream.write(f"  [{kind}] {json.dumps(fields, ensure_ascii=False)}\n")
            self.stream.flush()

    def stop_speaking(self) -> None:
        """Printed text cannot be taken back."""
