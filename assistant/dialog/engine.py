"""The dialog engine: understands a heard text, routes it to one skill, and carries out
the actions the skill returns (speak, arm timers, log).

Threading: an Engine belongs to one thread (see `assistant.scheduler.run_realtime`).
Other threads may only read `listen_mode`.

Typical live use::

    engine = Engine(Store(settings.db_path), my_output, RealClock(), settings=settings)
    engine.start()                      # restores running timers and the schedule
    inbox: queue.Queue[str | None] = queue.Queue()
    # the microphone thread: inbox.put(text) per utterance; reads engine.listen_mode
    run_realtime(engine, inbox)         # on this thread, until inbox.put(None)
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol, TypeVar

from assistant.clock import Clock, RealClock
from assistant.config import Settings
from assistant.dialog import actions as act
from assistant.dialog.responses import Responses
from assistant.dialog.restore import restore_timers
from assistant.dialog.skills import SKILLS, skill_for
from assistant.dialog.state import Answer, Context, DialogState, Pending
from assistant.nlu.intent import NONE, Intent
from assistant.nlu.safety import SAFETY  # answered before anything else, whatever runs
from assistant.scheduler import Scheduler
from assistant.store import Store

YES_NO = ("yes", "no")
ACTS_WHEN_UNSURE = ("stop", "yes", "no")
"""Requests acted on even when heard with little evidence (`hear(..., unsure=True)`):
silence, a yes or a no are not worth a question. Only when there is something for them
(`Engine._has_use_for`): with nothing to stop or answer, such a reading is let go like
talk the listener declines ("that's enough biscuits for one day", read as "that's enough
discontinue talking", was acted on as a stop in 4 of the 9 rooms of the rooms
benchmark's tune half; see `ACTS_WHEN_UNSURE_IDLE`). A call for help heard with little
evidence is asked about too, but its question already gives the crisis line (check.py):
everyday talk forced onto the safety wordings ("i'm going to bed soon" read as "i'm
going to punch him") was the talk most often acted on in the rooms benchmark."""
ACTS_WHEN_UNSURE_IDLE: tuple[str, ...] = ()
"""Of `ACTS_WHEN_UNSURE`, those acted on unsure while Hearth is idle (silent, with no
question waiting and no check-in running): none."""
LOGGED_ONLY_WITH_USE = YES_NO
"""Answers that do nothing with no question waiting (`Engine._has_something_for`): a yes
or a no said then, even heard surely, gets its brief line ("Okay, no problem.") and is
not logged, so the log holds only what did something. Such a "no" is most often talk:
"hey hearth, no, not you", heard surely as "no not true", was 4 of the talk acted on in
the rooms benchmark's tune half (2026-12-07). A stop still stops (and is logged): it
silences Hearth whatever is playing."""
# Intents that leave Hearth's open question open (they answer about it, not instead of it).
KEEPS_QUESTION = ("repeat", "time_left", "help")
LENGTH_QUESTIONS = {
    "space_duration": "space",
    "pause_duration": "pause",
    "extend_duration": "extend",
}
"""Questions answered with a bare length ("twenty minutes"): the intent it starts."""
# Timer calls dropped, not postponed, while a pause runs: late countdown cues mean nothing.
DROPPED_DURING_PAUSE = {("ritual", "cue")}
DICTATION_WINDOW_S = 30.0

log = logging.getLogger(__name__)
T = TypeVar("T")


class Output(Protocol):
    """Where the engine's words and events go (TTS, a terminal, JSON lines)."""

    def say(self, text: str, key: str) -> None: ...

    def event(self, kind: str, **fields: Any) -> None: ...

    def stop_speaking(self) -> None: ...


class Parser(Protocol):
    def parse(self, text: str) -> Intent: ...


def _redact(slots: dict[str, Any]) -> dict[str, Any]:
    """Slots as logged: dictated text is stored only once confirmed, in its own table."""
    return {k: (bool(v) if k == "text" else v) for k, v in slots.items()}


class Engine:
    """Hearth's dialog.

    Args:
        store: the log (use `Store(":memory:")` for a throwaway session).
        output: receives spoken lines and events.
        clock: time source (default: the real clock).
        settings: answer windows and the check-in grace period.
        parser: turns text into an Intent (default: `assistant.nlu.load_parser()`).
        responses: spoken lines (default: loaded from intents/).
        scheduler: timers; default: a new Scheduler on `clock`.
    """

    def __init__(
        self,
        store: Store,
        output: Output,
        clock: Clock | None = None,
        *,
        settings: Settings | None = None,
        parser: Parser | None = None,
        responses: Responses | None = None,
        scheduler: Scheduler | None = None,
    ) -> None:
        self.store = store
        self.output = output
        self.clock = clock or RealClock()
        self.settings = settings or Settings()
        self._parser = parser
        self.responses = responses or Responses()
        self.scheduler = scheduler or Scheduler(self.clock)
        self.state = DialogState()
        self.listen_mode = "wake"
        """What the listener should expect next: "wake" (a wake phrase first),
        "answer" (a reply to Hearth's question, no wake phrase), or "dictation"
        (free text to capture). Safe to read from any thread."""
        self._spoken: list[tuple[str, str]] | None = None
        self._followups: list[tuple[str, str, dict[str, Any]]] = []

    @property
    def parser(self) -> Parser:
        if self._parser is None:
            from assistant.nlu import load_parser

            self._parser = load_parser()
        return self._parser

    # --- public API -------------------------------------------------------------------

    def start(self) -> None:
        """Restore what persists: running pause, space and ritual timers (on their
        wall-clock deadlines), the check-in schedule and the last thing tried."""
        tried = self.store.events(kind="tried", limit=1)
        if tried:
            self.state.last_tried = (tried[0]["target"], tried[0].get("target_id"))
        # Timers first: a restored pause or time alone holds a check-in due right now.
        self._turn(restore_timers)
        self._turn(lambda ctx: SKILLS["schedule"].restore(ctx))
        self._turn(lambda ctx: SKILLS["volume"].restore(ctx))

    def hear(self, text: str, unsure: bool = False, wake: bool = False) -> Intent:
        """Handle one heard (or typed) utterance and return what it was understood as.

        While Hearth waits for dictated text, the text itself is the answer (returned
        as intent "dictation") unless it is a clear stop. `unsure`: the listener heard
        a request with little evidence (`Heard.unsure`): Hearth names it back and acts
        only after a yes (see `skills/check.py`). `wake`: said after the wake phrase;
        while Hearth waits on such a yes, another request said so is heard as one (other
        speech then may be more of the talk, and is let go). A request that fails inside
        Hearth is contained (see `_contained`): this never raises for a bug.
        """
        failed = Intent(NONE, {}, 0.0, text)
        return self._contained("a heard request", lambda: self._hear(text, unsure, wake), failed)

    def _hear(self, text: str, unsure: bool = False, wake: bool = False) -> Intent:
        text = " ".join(text.split())
        if not text:
            return Intent(NONE, {}, 0.0, text)
        pending = self.state.awaiting
        intent = self.parser.parse(text)
        # The request Hearth waits on a yes for, if it does.
        checked = pending.data["intent"] if pending and pending.skill == "check" else None
        if checked:
            intent = SKILLS["check"].led_answer(intent)  # "yes i asked for that"
        if intent.name == SAFETY and (not unsure or checked == SAFETY):
            self.handle(intent)  # even in dictation or as an answer: never taken as one
            return intent
        if unsure and intent.name in ACTS_WHEN_UNSURE and not self._has_use_for(intent.name):
            # Talk read as a stop, a yes or a no, with nothing to stop or answer: let go
            # as the listener lets go of talk, with its brief line; nothing is logged.
            self.output.say(self.responses.pick("voice.not_caught"), "voice.not_caught")
            return Intent(NONE, {}, 0.0, text)
        if unsure and intent.name not in (NONE, *ACTS_WHEN_UNSURE, checked):
            self._turn(lambda ctx: SKILLS["check"].handle(ctx, intent))
            return intent
        if wake and checked and intent.name not in (NONE, *YES_NO, checked):
            self._clear_question()  # a new request, said to Hearth: the question is over
            pending = None
        if pending and pending.dictation:
            if intent.name == "stop":
                self.handle(intent)
                return intent
            self._answer(pending, Answer(text=text))
            return Intent("dictation", {}, 1.0, text)
        if pending and pending.kind in LENGTH_QUESTIONS:
            seconds = _duration(text)
            if not seconds and pending.kind == "extend_duration":
                seconds = _bare_minutes(text)  # "how many more minutes?" "five"
            if seconds:
                intent = Intent(LENGTH_QUESTIONS[pending.kind], {"seconds": seconds}, 1.0, text)
                self.handle(intent)
                return intent
        self.handle(intent)
        return intent

    def _has_use_for(self, name: str) -> bool:
        """An unsure stop, yes or no is acted on: there is something for it
        (`_has_something_for`), or it is acted on idle all the same
        (`ACTS_WHEN_UNSURE_IDLE`)."""
        return name in ACTS_WHEN_UNSURE_IDLE or self._has_something_for(name)

    def _has_something_for(self, name: str) -> bool:
        """A stop, a yes or a no has something to act on: a question waits, or (a stop)
        a check-in runs or Hearth is talking (`output.speaking`, where it tells)."""
        if self.state.awaiting is not None:
            return True
        if name != "stop":
            return False
        speaking = getattr(self.output, "speaking", None)
        return self.state.checkin is not None or (callable(speaking) and bool(speaking()))

    def handle(self, intent: Intent) -> None:
        """Act on an understood intent. `none` does nothing at all: no words, no log."""
        if intent.name == NONE:
            return
        pending = self.state.awaiting
        if pending and pending.skill == "check" and intent.name not in (SAFETY, "stop"):
            self._settle_check(pending, intent)
            return
        if intent.name in LOGGED_ONLY_WITH_USE and not self._has_something_for(intent.name):
            self._turn(lambda ctx: SKILLS["system"].handle(ctx, intent))  # its line only
            return
        slots = _redact(intent.slots)
        confidence = round(intent.confidence, 3)
        self.store.log(
            self.clock.wall(), "command", intent=intent.name, slots=slots, confidence=confidence
        )
        self.output.event("command", intent=intent.name, slots=slots, confidence=confidence)
        if pending and not pending.dictation:
            if intent.name in YES_NO:
                self._answer(pending, Answer(yes=intent.name == "yes"))
                return
            if pending.kind == "helped" and intent.name == "feedback":
                self._answer(pending, Answer(yes=bool(intent.slots.get("helped", True))))
                return
        if pending and intent.name not in KEEPS_QUESTION:
            self._clear_question()
            if intent.name == "stop":  # "never mind" drops the question, nothing more
                self._turn(lambda ctx: SKILLS["system"].drop_question(ctx, pending))
                return
        skill = skill_for(intent.name)
        if skill is None:
            return
        self._turn(lambda ctx: SKILLS[skill].handle(ctx, intent))

    # --- turns and actions ------------------------------------------------------------

    def context(self) -> Context:
        return Context(
            self.state,
            self.store,
            self.responses,
            self.settings,
            self.clock.now(),
            self.clock.wall(),
        )

    def _turn(self, decide: Any) -> None:
        """Run one skill decision and everything it leads to, then settle the state."""
        outer = self._spoken is None
        if outer:
            self._spoken = []
        try:
            self._execute(decide(self.context()))
            while self._followups or self._ready_deferred():
                if self._followups:
                    skill, name, data = self._followups.pop(0)
                else:
                    skill, name, data = self._ready_deferred()[0]
                    self.state.deferred.remove((skill, name, data))
                self._execute(SKILLS[skill].on_timer(self.context(), name, data))
        finally:
            if outer:
                if self._spoken:
                    self.state.last_lines = self._spoken
                self._spoken = None
                self._update_listen_mode()

    def _execute(self, actions: list[act.Action]) -> None:
        for action in actions:
            self._do(action)

    def _do(self, a: act.Action) -> None:
        if isinstance(a, act.Say):
            text = a.text if a.text is not None else self.responses.pick(a.key, **a.fields)
            self.output.say(text, a.key)
            if self._spoken is not None:
                self._spoken.append((text, a.key))
        elif isinstance(a, act.StartTimer):
            self.scheduler.call_at(
                a.at, lambda: self._fire(a.skill, a.name, a.data), tag=f"{a.skill}.{a.name}"
            )
        elif isinstance(a, act.StartDatedJob):
            self.scheduler.call_on(
                datetime.fromisoformat(a.when),
                lambda: self._fire(a.skill, a.name, a.data),
                tag=f"{a.skill}.{a.name}",
            )
        elif isinstance(a, act.CancelTimers):
            self.scheduler.cancel_tag(a.skill if a.name is None else f"{a.skill}.{a.name}")
        elif isinstance(a, act.Log):
            self.store.log(self.clock.wall(), a.kind, **a.fields)
            self.output.event(a.kind, **a.fields)
        elif isinstance(a, act.Event):
            self.output.event(a.kind, **a.fields)
        elif isinstance(a, act.Ask):
            self._clear_question()
            default = DICTATION_WINDOW_S if a.dictation else self.settings.answer_window_s
            expires = self.clock.now() + (a.seconds or default)
            pending = Pending(a.skill, a.kind, a.dictation, expires, dict(a.data))
            self.state.awaiting = pending
            self.scheduler.call_at(expires, lambda: self._expire(pending), tag="ask")
        elif isinstance(a, act.StopSpeaking):
            self.output.stop_speaking()
        elif isinstance(a, act.Persist):
            getattr(self.store, a.method)(**a.args)
        elif isinstance(a, act.Followup):
            self._followups.append((a.skill, a.name, a.data))
        else:  # pragma: no cover - a new action type without a handler is a bug
            raise TypeError(f"unknown action {a!r}")

    def _fire(self, skill: str, name: str, data: dict[str, Any]) -> None:
        self._contained(f"timer {skill}.{name}", lambda: self._fire_now(skill, name, data), None)

    def _fire_now(self, skill: str, name: str, data: dict[str, Any]) -> None:
        if self._blocked(skill) and (skill, name) not in DROPPED_DURING_PAUSE:
            self.state.deferred.append((skill, name, data))
            return
        if self.state.pause and (skill, name) in DROPPED_DURING_PAUSE:
            return
        self._turn(lambda ctx: SKILLS[skill].on_timer(ctx, name, data))

    def _blocked(self, skill: str) -> bool:
        """A pause holds every other skill's timers; time alone holds the scheduled check-in."""
        if self.state.pause and skill != "pause":
            return True
        return bool(self.state.space and skill == "schedule")

    def _ready_deferred(self) -> list[tuple[str, str, dict[str, Any]]]:
        """Held-back timer calls whose reason to wait is over (oldest first)."""
        return [d for d in self.state.deferred if not self._blocked(d[0])]

    def _settle_check(self, pending: Pending, intent: Intent) -> None:
        """The reply to "did you want ...?": a yes, or the same request said again, acts
        on it; a correction ("no, we need a minute") acts on the request it names; a no
        says so briefly; anything else lets it go, acting on nothing (it may be more of
        the talk that was taken for a request)."""
        self._clear_question()
        checked = SKILLS["check"].held(pending)
        if intent.name == "yes":
            self.handle(checked)
        elif intent.name == checked.name or SKILLS["check"].corrects(intent):
            self.handle(intent)
        elif intent.name == "no":
            self._turn(lambda ctx: SKILLS["check"].declined(ctx, checked))
        else:
            self._update_listen_mode()

    def _answer(self, pending: Pending, answer: Answer) -> None:
        self._clear_question()
        self._turn(lambda ctx: SKILLS[pending.skill].on_answer(ctx, pending, answer))

    def _expire(self, pending: Pending) -> None:
        if self.state.awaiting is pending:
            expired = Answer(expired=True)
            self._contained("an unanswered question", lambda: self._answer(pending, expired), None)

    def _contained(self, what: str, step: Callable[[], T], failed: T) -> T:
        """Run one request or timer call; a bug in it must never take the device down.

        The failure is logged (the exception type and where, never its message, which
        could quote what was said), Hearth says a short sorry, and everything else goes
        on: timers already armed stay armed, the next request is heard as usual.
        """
        try:
            return step()
        except Exception as exc:
            frames = "".join(traceback.format_tb(exc.__traceback__))
            log.error("%s failed with %s; Hearth carries on.\n%s", what, type(exc).__name__, frames)
            self._spoken, self._followups = None, []
            self._update_listen_mode()
            try:
                self.output.event("failed", what=what, error=type(exc).__name__)
                self.output.say(self.responses.pick("system.sorry"), "system.sorry")
            except Exception:  # the voice itself is broken: the log line above must do
                log.error("could not say sorry after %s", what)
            return failed

    def _clear_question(self) -> None:
        self.state.awaiting = None
        self.scheduler.cancel_tag("ask")

    def _update_listen_mode(self) -> None:
        pending = self.state.awaiting
        mode = "wake" if pending is None else ("dictation" if pending.dictation else "answer")
        self.listen_mode = mode  # one atomic attribute store: safe for reader threads


def _bare_minutes(text: str) -> int | None:
    """A bare number answering "how many more minutes?" ("five", "10"), in seconds."""
    from assistant.nlu.numbers import NUMBER_WORDS, parse_duration

    words = text.lower().strip(" .!?").split()
    if not words or len(words) > 3 or not all(w in NUMBER_WORDS or w.isdigit() for w in words):
        return None
    return parse_duration(" ".join(words) + " minutes")


def _duration(text: str) -> int | None:
    """Seconds in a bare answer like "twenty minutes" (None when there is none)."""
    try:
        from assistant.nlu.numbers import parse_duration
    except ImportError:  # the NLU part is not installed yet
        return None
    return parse_duration(text)
