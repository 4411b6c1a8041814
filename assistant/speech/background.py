"""Words at the edges of a reading that are far quieter than the person talking.

In a room with other voices (a television, people talking nearby), the end of
speech comes late: the voice detector hears the other voices as speech too, and the
engine reads them as words of the same utterance ("hey hearth extend it by five
minutes to the call"), so the whole reading means nothing. Those words are much
quieter than the person who spoke to Hearth: on the rooms benchmark's tune half in
babble at 20 dB SNR, the words read after a command peaked 17-31 dB under the
command's loudest word, while in clean speech the first and last words of a command
were at most 12.4 dB under it (`PEAK_PERCENTILE`; docs/hearing.md).

So a word at the start or end of a reading whose loud frames stay more than a margin
under the loudest word of the reading is taken for background and left out. Only
the edges are trimmed: a quiet word between two loud ones ("a" in "we need a
minute") is part of the sentence.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assistant.speech.types import SAMPLE_RATE, Word

FRAME_S = 0.01
"""Frames of this length are measured; a word's level is that of its loud frames."""

MARGIN_DB = 15.0
"""The margin both engines use (`BACKGROUND_BELOW_DB`): chosen on the rooms benchmark's
tune half (docs/hearing.md)."""

PEAK_PERCENTILE = 90
"""A word's level: this percentile of its frames' energies (its vowels, not the
closures and fricatives, which are 10-20 dB quieter in clear speech)."""


def word_levels(words: Sequence[Word], audio: bytes, audio_start: float) -> list[float]:
    """Each word's level in dB (relative to full scale) in `audio`: 16 kHz mono int16
    PCM that begins at stream time `audio_start` (the words' times are stream times).
    A word outside the audio gets -inf."""
    samples = np.frombuffer(audio[: len(audio) - len(audio) % 2], dtype=np.int16)
    step = round(SAMPLE_RATE * FRAME_S)
    count = len(samples) // step
    spans = []
    for word in words:
        first = max(0, int((word.start - audio_start) / FRAME_S))
        last = min(count, max(first + 1, int(np.ceil((word.end - audio_start) / FRAME_S))))
        spans.append((first, last))
    # Only the frames under the words are measured (Vosk hands in its last 30 s).
    low = min((first for first, last in spans if first < last), default=0)
    high = max((last for first, last in spans if first < last), default=0)
    frames = samples[low * step : high * step].astype(np.float64).reshape(-1, step) / 32768.0
    energy = 10 * np.log10(np.mean(frames**2, axis=1) + 1e-12)
    levels = []
    for first, last in spans:
        span = energy[first - low : last - low] if first < last else energy[:0]
        levels.append(float(np.percentile(span, PEAK_PERCENTILE)) if len(span) else float("-inf"))
    return levels


def without_background(
    words: Sequence[Word], audio: bytes, audio_start: float, margin_db: float
) -> tuple[Word, ...]:
    """`words` without the leading and trailing ones whose level (`word_levels`) is
    more than `margin_db` below the loudest word's."""
    if not words:
        return tuple(words)
    levels = word_levels(words, audio, audio_start)
    floor = max(levels) - margin_db
    first, last = 0, len(words)
    while first < last and levels[first] < floor:
        first += 1
    while last > first and levels[last - 1] < floor:
        last -= 1
    return tuple(words[first:last])
