"""One failed request or timer call never takes Hearth down: it is contained, logged
without the words that were said, answered with a short sorry, and every timer goes on."""

from __future__ import annotations

import logging
import queue
import threading
from pathlib import Path

import pytest

from assistant.dialog.skills import SKILLS
from assistant.nlu import load_parser
from assistant.nlu.intent import Intent
from assistant.scheduler import run_realtime

from .conftest import Session

SECRET = "the blue envelope under the sink"


class BreaksOn:
    """The real parser, except that one sentence raises (as a bug in the NLU would)."""

    def __init__(self, sentence: str) -> None:
        self.sentence = sentence
        self.real = load_parser()

    def parse(self, text: str) -> Intent:
        if text == self.sentence:
            raise KeyError(f"no slot for {text!r}")  # the message quotes the words
        return self.real.parse(text)


@pytest.fixture
def fragile(tmp_path: Path) -> Session:
    s = Session(tmp_path / "hearth.db")
    s.engine._parser = BreaksOn(SECRET)
    s.engine.start()
    return s


def test_a_failing_request_says_sorry_and_keeps_the_running_pause(fragile: Session) -> None:
    fragile.hear("we need a minute", t=0)
    assert fragile.hear(SECRET, t=10).name == "none"  # returned, not raised
    fragile.at(61)
    keys = fragile.out.spoken_keys()
    assert keys[0] == "pause.start"
    assert "system.sorry" in keys
    assert keys[-1] == "pause.end"  # the countdown armed before the failure still ended
    assert fragile.out.events("failed")[0][1] == {"what": "a heard request", "error": "KeyError"}
    # The next request is heard as usual.
    fragile.out.clear()
    assert fragile.hear("let's do our check in", t=70).name == "checkin"
    assert "checkin.question" in fragile.out.spoken_keys()


def test_the_failure_is_logged_without_what_was_said(
    fragile: Session, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        fragile.hear(SECRET, t=1)
    assert "KeyError" in caplog.text and "carries on" in caplog.text
    assert "envelope" not in caplog.text


def test_a_failing_timer_call_is_contained_and_later_timers_still_run(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    pause = SKILLS["pause"]
    real = pause.on_timer
    broken: list[str] = []

    def on_timer(ctx, name, data):
        if not broken:  # the first timer call of the pause fails, once
            broken.append(name)
            raise ValueError("a bug in a countdown line")
        return real(ctx, name, data)

    monkeypatch.setattr(pause, "on_timer", on_timer)
    session.hear("give us two minutes", t=0)
    session.at(121)
    keys = session.out.spoken_keys()
    assert broken and "system.sorry" in keys
    assert keys[-1] == "pause.end"


def test_the_realtime_loop_survives_an_escaping_error_and_marks_each_text_done(
    tmp_path: Path,
) -> None:
    """Even an error the engine did not contain must not end the loop (a deaf device)."""
    heard: list[str] = []
    sessions: list[Session] = []

    def engine_thread() -> None:
        # SQLite connections belong to the thread that made them: build it here.
        session = Session(tmp_path / "hearth.db")
        sessions.append(session)
        real_hear = session.engine.hear

        def hear(text: str) -> Intent:
            heard.append(text)
            if text == "boom":
                raise RuntimeError("escaped")
            return real_hear(text)

        session.engine.hear = hear  # type: ignore[method-assign]
        run_realtime(session.engine, inbox)

    inbox: queue.Queue[str | None] = queue.Queue()
    loop = threading.Thread(target=engine_thread, daemon=True)
    loop.start()
    inbox.put("boom")
    inbox.put("we need a minute")
    # Each text is marked done once acted on: wait for that event, not a fixed time.
    with inbox.all_tasks_done:
        assert inbox.all_tasks_done.wait_for(lambda: not inbox.unfinished_tasks, timeout=60)
    assert heard == ["boom", "we need a minute"]
    assert loop.is_alive()
    assert "pause.start" in sessions[0].out.spoken_keys()
    inbox.put(None)
    loop.join(timeout=10)
    assert not loop.is_alive()
