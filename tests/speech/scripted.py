"""A scripted engine and voice detector that read the same script of speech on the audio
clock: tests of the listener's timing (when it reads ahead, acts, or waits) without audio."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from assistant.nlu.intent import NONE, Intent
from assistant.speech.listener import Heard, Listener, ListenerConfig
from assistant.speech.types import Utterance, Word, make_utterance

BLOCK_S = 0.02
QUIET = bytes(640)


def _reading(text: str) -> Utterance:
    words = [Word(w, i * 0.3, i * 0.3 + 0.25, 0.9) for i, w in enumerate(text.split())]
    return make_utterance(words, "scripted")


class Script:
    """Speech as (start, end, partial while it is heard, the reading of the whole up
    to its end) pieces on the audio clock; the engine and the voice detector both read
    it."""

    def __init__(self, pieces: list[tuple[float, float, str, str]]) -> None:
        self.pieces = pieces
        self.t = 0.0

    def heard_by(self, t: float) -> list[tuple[float, float, str, str]]:
        return [p for p in self.pieces if p[0] < t]


class ScriptedVad:
    def __init__(self, script: Script) -> None:
        self.script = script
        self.last_voice: float | None = None

    def feed(self, pcm: bytes, t: float) -> bool:
        self.script.t = t
        voiced = any(start < t <= end + BLOCK_S for start, end, *_ in self.script.pieces)
        if voiced:
            self.last_voice = min(t, max(e for s, e, *_ in self.script.heard_by(t)))
        return voiced

    def quiet_for(self, t: float) -> float:
        return float("inf") if self.last_voice is None else max(0.0, t - self.last_voice)

    def reset(self) -> None:
        self.last_voice = None


class ScriptedEngine:
    """Partials and readings from the script; the engine's own end of speech comes
    `engine_end_s` after the last piece ends."""

    name = "scripted"
    sample_rate = 16000
    min_support = 0.4
    min_agree = 0.5
    mode = "command"

    def __init__(self, script: Script, engine_end_s: float = 0.39) -> None:
        self.script = script
        self.engine_end_s = engine_end_s
        self.tentative_ends = 0
        self.resumed = 0
        self._done = False  # the speech was ended (committed, or by the engine)
        self._held = False

    def set_mode(self, mode: str) -> None:
        pass

    def _reading(self) -> Utterance:
        return _reading(self.script.heard_by(self.script.t)[-1][3])

    def accept(self, pcm: bytes) -> Utterance | None:
        last_end = self.script.pieces[-1][1]
        if not self._done and not self._held and self.script.t >= last_end + self.engine_end_s:
            self._done = True
            return self._reading()
        return None

    def partial(self) -> str:
        heard = self.script.heard_by(self.script.t)
        return "" if self._done or self._held or not heard else heard[-1][2]

    def finish(self) -> Utterance | None:
        self._done = True
        return self._reading()

    def finish_tentatively(self) -> Utterance | None:
        self.tentative_ends += 1
        self._held = True
        return self._reading()

    def commit(self) -> None:
        self._held, self._done = False, True

    def resume(self) -> bool:
        self._held = False
        self.resumed += 1
        return True

    def reread(self, strict: bool = False) -> Utterance | None:
        return None

    def reset(self) -> None:
        pass


def reads(requests: dict[str, str]) -> Callable[[str], Intent]:
    """An NLU that reads each sentence of `requests` surely as its intent, and nothing
    else as a request."""

    def parse(text: str) -> Intent:
        name = requests.get(text, NONE)
        return Intent(name, {}, 0.95 if name != NONE else 0.0, text)

    return parse


def listen(
    script: Script,
    until: float,
    parse: Callable[[str], Intent],
    config: ListenerConfig,
    phrases: Iterable[str] | None = None,
    mode: str = "wake",
) -> tuple[list[Heard], ScriptedEngine]:
    """The listener's decisions on `script`, fed block by block up to `until`."""
    engine = ScriptedEngine(script)
    vad = ScriptedVad(script)
    listener = Listener(engine, config, parse, phrases, vad=vad)  # type: ignore[arg-type]
    heard: list[Heard] = []
    t = 0.0
    while t < until:
        t = round(t + BLOCK_S, 6)
        script.t = t
        heard += listener.feed(QUIET, t, mode=mode)
    return heard, engine
