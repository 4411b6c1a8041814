"""Long input WAVs are streamed: read and resampled block by block, so memory stays
bounded however long the file is (an hour of 48 kHz stereo once took 5.4 GB)."""

from __future__ import annotations

import subprocess
import sys
import wave

import numpy as np

from assistant.speech.wav import audio_to_pcm16, load_pcm16, pcm16_blocks, read_wav

MEASURE = """
import resource, sys
from assistant.speech.audio_in import WavFileSource
from assistant.speech.transcribe import transcribe_blocks
from assistant.speech.wav import pcm16_blocks
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
source = WavFileSource(sys.argv[1], realtime=False)
n = 0
while True:
    try:
        n += len(source.read().pcm)
    except EOFError:
        break
total = sum(len(b) for b in pcm16_blocks(sys.argv[1]))
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(n, total, (peak - before) // 1024)
"""


def _long_wav(path, seconds: int, rate: int = 48000, channels: int = 2) -> None:
    rng = np.random.default_rng(5)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(rate)
        for _ in range(seconds // 10):
            block = rng.normal(0, 2000, (rate * 10, channels)).astype("<i2")
            out.writeframes(block.tobytes())


def test_a_long_file_is_read_in_bounded_memory(tmp_path) -> None:
    path = tmp_path / "long.wav"
    _long_wav(path, 3 * 60)  # three minutes of 48 kHz stereo: 35 MB on disk
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path)],
        capture_output=True, text=True, check=True, timeout=600,
    )  # fmt: skip
    handed, total, grew_mb = (int(x) for x in done.stdout.split())
    expected = 2 * 3 * 60 * 16000  # 16 kHz mono int16
    assert total == expected and handed == expected + 2 * 2 * 16000  # plus 2 s of tail
    # Read whole, the decoding alone held ~10x the file (float64 arrays) at once: 258 MB here.
    assert grew_mb < 60, f"reading grew the process by {grew_mb} MB"


def test_streamed_samples_equal_the_whole_file_conversion(tmp_path) -> None:
    rng = np.random.default_rng(2)
    for rate, channels in ((48000, 2), (44100, 1), (8000, 1), (16000, 2)):
        path = tmp_path / f"clip{rate}.wav"
        with wave.open(str(path), "wb") as out:
            out.setnchannels(channels)
            out.setsampwidth(2)
            out.setframerate(rate)
            out.writeframes(rng.normal(0, 3000, (rate * 3 + 77, channels)).astype("<i2").tobytes())
        whole = audio_to_pcm16(read_wav(path))
        assert load_pcm16(path) == whole
        assert b"".join(pcm16_blocks(path, block_s=0.013)) == whole  # any block size
