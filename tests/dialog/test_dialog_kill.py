"""`kill -9` at random points of a scripted evening: a real `hearth chat` process fed
by stdin on the real clock, with a shortened timeline (a fifteen-second pause, ten
seconds of time apart). After each restart on the same database: no logged command
is lost, a running timer ends when it should (the time off counts), nothing already
said is said again, and a space return that passed while Hearth was off is prompted
once on start. The seed of the kill points is printed on failure.
"""

from __future__ import annotations

import json
import random
import re
import signal
import time

from assistant.dialog.responses import Responses
from assistant.store import Store

TOLERANCE_S = 1.5


def _matcher(key: str):
    """A test telling whether a printed line is one of the variants of response `key`."""
    patterns = [
        re.compile(re.sub(r"\\\{\w+\\\}", ".+", re.escape(v)), re.IGNORECASE)
        for v in Responses().lines[key]
    ]
    return lambda line: (
        line.startswith("hearth: ") and any(p.fullmatch(line[len("hearth: ") :]) for p in patterns)
    )


def _event(line: str, kind: str) -> dict | None:
    prefix = f"  [{kind}] "
    return json.loads(line[len(prefix) :]) if line.startswith(prefix) else None


def _commands(db) -> list[str]:
    store = Store(db)
    try:
        return [e["intent"] for e in reversed(store.events(kind="command"))]
    finally:
        store.close()


def _kill(run) -> None:
    run.proc.send_signal(signal.SIGKILL)
    run.proc.wait(timeout=10)


def test_kill_9_at_random_points_of_an_evening(tmp_path, hearth_process) -> None:
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    why = f"(kill points seed {seed})"
    db = tmp_path / "h.db"

    def chat():
        return hearth_process("chat", "--db", str(db), "-v", stdin=True)

    # A pause of fifteen seconds, killed at a random moment of it (early enough that a
    # loaded machine restarts Hearth before it ends).
    first = chat()
    first.send("we need fifteen seconds")
    first.wait_for(lambda line: (_event(line, "timer_started") or {}).get("timer") == "pause")
    started = time.monotonic()
    time.sleep(rng.uniform(0.2, 7.0))  # the kill point (not a wait for an event)
    _kill(first)
    assert _commands(db) == ["pause"], why

    second = chat()
    restored = second.wait_for(lambda line: _event(line, "timer_restored") is not None)
    left = _event(restored, "timer_restored")["left"]
    expected_left = 15 - (time.monotonic() - started)
    assert abs(left - expected_left) <= TOLERANCE_S, (left, expected_left, why)
    second.wait_for(_matcher("pause.still_running"))
    second.wait_for(lambda line: (_event(line, "timer_ended") or {}).get("timer") == "pause")
    ended = time.monotonic() - started
    assert abs(ended - 15) <= TOLERANCE_S, (ended, why)  # on time, the downtime counted
    lines = [line for _, line in second.lines]
    assert not any(_matcher("pause.start")(line) for line in lines), why  # not replayed
    assert sum(_matcher("pause.still_running")(line) for line in lines) == 1, why

    # Time apart, killed at once; its return time passes while Hearth is off.
    second.send("I need some space, back in ten seconds")
    second.wait_for(lambda line: (_event(line, "timer_started") or {}).get("timer") == "space")
    apart = time.monotonic()
    time.sleep(rng.uniform(0.0, 3.0))
    _kill(second)
    assert _commands(db) == ["pause", "space"], why
    time.sleep(max(0.0, 12.0 - (time.monotonic() - apart)))  # off past the return time

    third = chat()
    third.wait_for(_matcher("space.return"))  # within the grace window: prompted on start
    third.send("yes")
    third.wait_for(_matcher("space.welcome_back"))
    third.wait_for(lambda line: (_event(line, "command") or {}).get("intent") == "yes")
    _kill(third)
    assert _commands(db) == ["pause", "space", "yes"], why

    fourth = chat()
    fourth.send("how much time is left")
    fourth.wait_for(_matcher("pause.no_timer"))
    lines = [line for _, line in fourth.lines]
    assert not any(_matcher("space.return")(line) for line in lines), why  # once only
    fourth.proc.stdin.close()
    assert fourth.proc.wait(timeout=30) == 0
    store = Store(db)
    try:
        assert store.open_timers() == [], why
        outcomes = [r["outcome"] for r in store.db.query("SELECT outcome FROM timers ORDER BY id")]
    finally:
        store.close()
    assert outcomes[0] == "completed" and len(outcomes) == 2, (outcomes, why)
    assert outcomes[1] not in (None, "missed"), (outcomes, why)  # the return was made
