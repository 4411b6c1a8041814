"""Partial results keep up with the talk: the decoder is not fed a window late."""

from __future__ import annotations

import numpy as np

BLOCK = 640  # 20 ms


def voiced_end(pcm: bytes, level: float = 500.0) -> int:
    """Byte offset just after the last 20 ms block louder than `level` RMS."""
    x = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
    n = len(x) // 320
    rms = np.sqrt((x[: n * 320].reshape(n, 320) ** 2).mean(axis=1))
    return int((np.nonzero(rms > level)[0][-1] + 1) * BLOCK)


def test_the_last_word_is_in_the_partial_soon_after_it_was_said(product_sphinx, synth_pcm) -> None:
    recognizer = product_sphinx
    recognizer.reset()
    speech = synth_pcm("hey hearth we need a minute")
    audio = bytes(16000) + speech[: voiced_end(speech)] + bytes(32000)
    end = 16000 + voiced_end(speech)
    seen_at = None
    for i in range(0, len(audio), BLOCK):
        recognizer.accept(audio[i : i + BLOCK])
        if i + BLOCK >= end and "minute" in recognizer.partial().split():
            seen_at = (i + BLOCK - end) / 32000
            break
    # The endpointer alone hands speech out ~0.3 s late; the decoder must not wait.
    assert seen_at is not None and seen_at < 0.12, seen_at
