"""The listener's voice detector on real speech (espeak-ng): no pause long enough
for an early decision inside a sentence, and quiet right after it."""

from __future__ import annotations

import numpy as np

from assistant.speech.listener import ListenerConfig
from assistant.speech.vad import VoiceVad

BLOCK = 640  # 20 ms
EARLY_QUIET_S = ListenerConfig().early_quiet_s


def stream(pcm: bytes) -> tuple[float, float | None, float]:
    """Stream `pcm` framed by silence: (the longest quiet between two voiced blocks,
    the detector's last voice, the end of the speech's last loud 10 ms)."""
    vad = VoiceVad()
    audio = bytes(16000) + pcm + bytes(16000)
    longest, seen_voice = 0.0, False
    for i in range(0, len(audio), BLOCK):
        t = (i + BLOCK) / 32000
        quiet_before = vad.quiet_for(t)
        if vad.feed(audio[i : i + BLOCK], t):
            if seen_voice:
                longest = max(longest, quiet_before)
            seen_voice = True
    x = np.frombuffer(pcm, dtype="<i2").astype(float)
    rms = np.sqrt((x[: len(x) // 160 * 160].reshape(-1, 160) ** 2).mean(1))
    return longest, vad.last_voice, 0.5 + (np.nonzero(rms > 100)[0][-1] + 1) * 0.01


def test_no_early_decision_pause_inside_a_sentence(synth_pcm) -> None:
    """A block-energy detector heard 0.22 s of quiet inside "breakfast together"."""
    longest, _, _ = stream(synth_pcm("let's have breakfast together"))
    assert longest < EARLY_QUIET_S


def test_voice_ends_with_the_last_word(synth_pcm) -> None:
    _, last_voice, end = stream(synth_pcm("we need a minute"))
    assert last_voice is not None and end - 0.1 < last_voice < end + 0.1


def test_silence_and_a_steady_hum_are_quiet() -> None:
    """Digital silence is never voice; a steady mains hum is learned as background
    within a fraction of a second."""
    vad = VoiceVad()
    for j in range(0, 32000, BLOCK):
        vad.feed(bytes(BLOCK), (j + BLOCK) / 32000)
    assert vad.quiet_for(1.0) == float("inf")
    hum = (3000 * np.sin(2 * np.pi * 50 * np.arange(64000) / 16000)).astype("<i2").tobytes()
    for j in range(0, len(hum), BLOCK):
        vad.feed(hum[j : j + BLOCK], 1.0 + (j + BLOCK) / 32000)
    assert vad.quiet_for(5.0) > 3.5


def test_frames_are_timed_across_blocks(synth_pcm) -> None:
    """Blocks that are not a whole number of frames: voice is placed where it was."""
    pcm = bytes(16000) + synth_pcm("pause") + bytes(16000)
    ends = []
    for block in (640, 1000):
        vad = VoiceVad()
        for i in range(0, len(pcm), block):
            vad.feed(pcm[i : i + block], min(i + block, len(pcm)) / 32000)
        ends.append(vad.last_voice)
    assert ends[0] is not None and abs(ends[0] - ends[1]) < 0.011
