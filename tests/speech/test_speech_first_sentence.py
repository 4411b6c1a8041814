"""A line rendered on demand starts with its first sentence while the rest renders
(real pyttsx3 renders, the real WAV sink): the rest's render finishes while the first
sentence is playing, and the two pieces join without a gap."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np

from assistant.live import Speaker
from assistant.speech.audio_out import BLOCK_S, Played, WavFileSink
from assistant.speech.sentences import first_sentence
from assistant.speech.tts import TTS_RATE, Speech, Synthesizer

FIRST = "You wrote that he made coffee for you every morning."
REST = "That is a lovely thing to notice. Thank you both."
LINE = f"{FIRST} {REST}"


class WatchedSynthesizer(Synthesizer):
    """The real synthesizer; says (by an event per text) when a render has finished."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.finished: dict[str, threading.Event] = {}
        self._guard = threading.Lock()

    def done(self, text: str) -> threading.Event:
        with self._guard:
            return self.finished.setdefault(text, threading.Event())

    def render(self, text: str, key: str = "", timeout: float = 30.0) -> Speech:
        speech = super().render(text, key, timeout)
        self.done(text).set()
        return speech


class WatchingSink(WavFileSink):
    """The real-time WAV sink; its first `play` holds until the rest of the line has
    been rendered (or 30 s), and notes whether it was."""

    def __init__(self, path: Path, clock, tts: WatchedSynthesizer, on_first=None) -> None:
        super().__init__(path, clock, realtime=True)
        self.tts = tts
        self.texts: list[str] = []
        self.played: list[Speech] = []
        self.rest_rendered_while_first_played: bool | None = None
        self.on_first = on_first

    def play(self, speech: Speech, on_start=None) -> Played:
        self.texts.append(speech.text)
        self.played.append(speech)
        if len(self.texts) == 1 and speech.text == FIRST:
            if self.on_first is not None:
                self.on_first()
            self.rest_rendered_while_first_played = self.tts.done(REST).wait(timeout=30)
        return super().play(speech, on_start)


def _speaker(tmp_path: Path, tts: WatchedSynthesizer, on_first=None):
    t0 = time.monotonic()
    clock = lambda: time.monotonic() - t0  # noqa: E731
    sink = WatchingSink(tmp_path / "out.wav", clock, tts, on_first)
    return Speaker(tts, sink, clock, realtime=True), sink


def test_first_sentence_plays_while_the_rest_renders(tmp_path: Path) -> None:
    with WatchedSynthesizer() as tts:  # no line cache: every line is rendered on demand
        speaker, sink = _speaker(tmp_path, tts)
        speaker.say(LINE, "ideas.read_back")
        assert speaker.wait_idle(timeout=60)
        speaker.close()
        whole = tts.render(LINE).samples
    assert sink.texts == [FIRST, REST]
    assert sink.rest_rendered_while_first_played is True
    # No gap artefact: the pieces meet inside espeak's own pause at the end of the first
    # sentence (silent on both sides), the rest follows within one output block (the
    # sink hands it on when the first ends), and the pieces are as long as the line
    # rendered whole.
    a, b = sink.lines
    first, rest = (speech.samples for speech in sink.played)
    assert 0.0 <= b.start - a.end < BLOCK_S
    assert np.abs(first[-int(0.2 * TTS_RATE) :]).max() < 300  # the first ends in its pause
    assert abs(len(first) + len(rest) - len(whole)) < 0.01 * len(whole)
    spoken = speaker.spoken[0]
    assert spoken.completed and spoken.start == a.start and spoken.end == b.end
    at = round(a.start * sink.rate)
    assert np.array_equal(sink._audio[at : at + len(first)], first)  # the first sentence, whole
    at = round(b.start * sink.rate)
    assert np.array_equal(sink._audio[at : at + len(rest)], rest)


def test_a_barge_in_during_the_first_sentence_drops_the_rest(tmp_path: Path) -> None:
    with WatchedSynthesizer() as tts:
        speaker, sink = _speaker(tmp_path, tts)
        sink.on_first = speaker.stop_speaking  # "stop" as the first sentence begins
        speaker.say(LINE, "ideas.read_back")
        assert speaker.wait_idle(timeout=60)
        speaker.close()
    assert sink.texts == [FIRST]
    assert speaker.spoken[0].completed is False


def test_a_line_rendered_ahead_plays_whole(tmp_path: Path) -> None:
    with WatchedSynthesizer(cache_folder=None) as tts:
        tts.warm([LINE])
        speaker, sink = _speaker(tmp_path, tts)
        speaker.say(LINE, "pause.start")
        assert speaker.wait_idle(timeout=60)
        speaker.close()
    assert sink.texts == [LINE]


def test_sentence_ends() -> None:
    assert first_sentence(LINE) == (FIRST, REST)
    assert first_sentence("Thirty seconds left.") == ("Thirty seconds left.", "")
    assert first_sentence("Dr. Lee said so. Well done.") == ("Dr. Lee said so.", "Well done.")
    assert first_sentence('Ready? "Yes," you said.') == ("Ready?", '"Yes," you said.')
    assert first_sentence("Meet at 7.30 tonight.") == ("Meet at 7.30 tonight.", "")
    assert first_sentence("J. R. wrote this. Lovely.") == ("J. R. wrote this.", "Lovely.")
