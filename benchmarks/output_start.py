"""Reply start on a sound device: the work `DeviceSink.play` does before it hands a
line's first samples to the device.

Lines are rendered at 22050 Hz (pyttsx3) and the device runs at 16 kHz (the
microphone's rate, so the echo canceller's reference is sample exact): every line is
resampled. Now only its first `HEAD_S` seconds are resampled before it starts (the
rest while it plays); baseline, same run: resampling the whole line first (the code
before 2026-12-02). The latency benchmark's WAV sink plays at 22050 Hz and never
sees this cost.

Usage: python benchmarks/output_start.py [--repeat 11]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LINES = [
    "Thirty seconds left.",
    "Okay. Let's take one minute. I'll tell you when it's up.",
    "You wrote that he made coffee every morning. That is a lovely thing to notice.",
    "Let's take a slow breath together. There is no hurry at all, and nothing needs to "
    "be solved this very minute. I'll keep the time for you both.",
]


def median_ms(step, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        step()
        times.append(time.perf_counter() - began)
    return float(np.median(times) * 1000)


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--repeat", type=int, default=11)
    opts = args.parse_args()

    from assistant.speech.audio_out import HEAD_S, _floats, _pcm16, _to_rate
    from assistant.speech.tts import Synthesizer
    from assistant.speech.wav import SincResampler

    with Synthesizer(voice="en-us") as tts:
        speeches = [tts.render(line) for line in LINES]
    print(f"before a line's first sample on a 16 kHz device (median of {opts.repeat}):")
    for speech in speeches:
        x, rate = speech.samples, speech.rate
        whole = median_ms(lambda: _to_rate(x, rate, 16000), opts.repeat)  # noqa: B023
        head = median_ms(
            lambda: _pcm16(SincResampler(rate, 16000).feed(_floats(x[: round(HEAD_S * rate)]))),  # noqa: B023
            opts.repeat,
        )
        print(f"  {speech.duration:4.1f} s line: now {head:5.1f} ms   baseline (whole line "
              f"first) {whole:6.1f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
