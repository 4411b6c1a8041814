"""Louder / quieter reaches the real voice: the engine's `volume_set` event changes what
pyttsx3 renders, for the line said right after and again after a restart (the level is
kept in a real SQLite file)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import numpy as np

from assistant.clock import VirtualClock
from assistant.config import Settings
from assistant.dialog.engine import Engine
from assistant.live import Speaker
from assistant.speech.audio_out import NowhereSink, Played
from assistant.speech.tts import Speech, Synthesizer
from assistant.store import Store

START = datetime(2026, 1, 5, 19, 0)


class KeepingSink(NowhereSink):
    """No device; keeps what it was given to play (the rendered samples)."""

    def __init__(self) -> None:
        super().__init__(echo=lambda text: None)
        self.played: list[Speech] = []

    def play(self, speech: Speech, on_start=None) -> Played:
        self.played.append(speech)
        return super().play(speech, on_start)


def _rms(speech: Speech) -> float:
    return float(np.sqrt(np.mean(speech.samples.astype(np.float64) ** 2)))


def _engine(db: Path, tts: Synthesizer, sink: KeepingSink) -> Engine:
    clock = VirtualClock(START)
    speaker = Speaker(tts, sink, clock.now, realtime=False)
    engine = Engine(Store(db), speaker, clock, settings=Settings(db_path=db))
    engine.start()
    return engine


def test_quieter_is_rendered_quieter_and_kept_after_a_restart(tmp_path: Path) -> None:
    db = tmp_path / "hearth.db"
    with Synthesizer() as tts:
        sink = KeepingSink()
        engine = _engine(db, tts, sink)
        engine.hear("quieter please")
        engine.hear("quieter please")
        engine.store.close()
        said = sink.played[-1]  # "A little quieter now.", at the new level
        tts.set_volume(1.0)
        full = tts.render(said.text)
    assert said.text == full.text
    assert 0.45 < _rms(said) / _rms(full) < 0.75  # 0.6 of full volume
    with Synthesizer() as tts:  # a new process's voice starts at the configured level
        assert tts.volume == 1.0
        sink = KeepingSink()
        engine = _engine(db, tts, sink)
        assert tts.volume == 0.6
        engine.store.close()
