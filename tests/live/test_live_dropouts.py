"""A hole in the audio (what a PulseAudio underrun leaves) does not change the request.

For real: a `hearth run` process listening to the PulseAudio loopback (16 kHz null
sink, so the clip's samples arrive exactly, the hole's zeros included), the command
said by espeak-ng with 70 ms of zeros cut into a loud part of the word "minute".
Unspliced, the command model reads it as a request for a counsellor.

A loaded machine can drop more audio than the test cut; then Hearth says it did not
catch it (safe) and `say_to_hearth` says it again. Any other request acted on fails.
"""

from __future__ import annotations

import signal
import wave

import numpy as np

from assistant.speech.wav import load_pcm16
from assistant.store import Store

RATE = 16000


def _holed(clip, out) -> None:
    x = np.frombuffer(load_pcm16(clip), dtype="<i2")
    level = np.sqrt(np.convolve(x.astype(np.float64) ** 2, np.ones(80) / 80, "full"))[: x.size]
    loud = np.flatnonzero(level > 1000)
    cut = loud[np.searchsorted(loud, int(1.6 * RATE))]  # in "a minute"
    y = np.concatenate([x[:cut], np.zeros(int(0.07 * RATE), "<i2"), x[cut:]])
    with wave.open(str(out), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(y.tobytes())


def test_a_hole_in_the_word_is_not_heard_as_another_request(
    tmp_path, espeak, pulse, hearth_process, say_to_hearth
) -> None:
    clip, db = tmp_path / "holed.wav", tmp_path / "h.db"
    _holed(espeak("hey hearth, we need a minute"), clip)
    run = hearth_process("run", "--verbose", "--db", str(db), env=pulse)
    run.wait_for("Listening.")
    say_to_hearth(run, clip)
    run.signal_and_time(signal.SIGTERM)
    store = Store(db)
    try:
        assert [e["intent"] for e in store.events(kind="command")] == ["pause"], run.text()
    finally:
        store.close()
