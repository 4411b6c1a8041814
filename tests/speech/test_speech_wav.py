"""WAV reading and conversion to 16 kHz mono int16."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest

from assistant.errors import HearthError
from assistant.speech.wav import load_pcm16, read_wav, resample


def _write(path: Path, samples: np.ndarray, rate: int, width: int, fmt: int = 1) -> Path:
    """Write a WAV by hand (format 1 = PCM, 3 = float, 0xFFFE = extensible PCM)."""
    channels = samples.shape[1]
    if fmt == 3:
        data = samples.astype("<f4").tobytes()
    elif width == 1:
        data = np.clip(samples * 127 + 128, 0, 255).astype(np.uint8).tobytes()
    elif width == 3:
        ints = np.clip(samples * (2**23 - 1), -(2**23), 2**23 - 1).astype("<i4")
        data = b"".join(v.tobytes()[:3] for v in ints.ravel())
    else:
        dtype = {2: "<i2", 4: "<i4"}[width]
        data = (samples * (2 ** (8 * width - 1) - 1)).astype(dtype).tobytes()
    bits = 8 * width
    if fmt == 0xFFFE:
        guid = struct.pack("<H", 1) + b"\x00\x00\x00\x00\x10\x00\x80\x00\x00\xaa\x00\x38\x9b\x71"
        body = struct.pack("<HHIIHH", fmt, channels, rate, rate * channels * width,
                           channels * width, bits)  # fmt: skip
        body += struct.pack("<HHI", 22, bits, 0) + guid
    else:
        body = struct.pack("<HHIIHH", fmt, channels, rate, rate * channels * width,
                           channels * width, bits)  # fmt: skip
    chunks = b"fmt " + struct.pack("<I", len(body)) + body
    chunks += b"LIST" + struct.pack("<I", 4) + b"INFO"  # an extra chunk to skip
    chunks += b"data" + struct.pack("<I", len(data)) + data
    path.write_bytes(b"RIFF" + struct.pack("<I", 4 + len(chunks)) + b"WAVE" + chunks)
    return path


def _tone(rate: int, channels: int, freq: float = 440.0, seconds: float = 0.5) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    mono = 0.5 * np.sin(2 * np.pi * freq * t)
    return np.stack([mono] * channels, axis=1)


def _peak_hz(pcm: bytes) -> float:
    x = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x))))
    return float(np.argmax(spectrum) * 16000 / len(x))


@pytest.mark.parametrize(
    ("rate", "channels", "width", "fmt"),
    [
        (16000, 1, 2, 1),
        (8000, 1, 1, 1),
        (22050, 2, 2, 1),
        (44100, 1, 3, 1),
        (48000, 2, 4, 1),
        (11025, 1, 4, 3),
        (32000, 2, 2, 0xFFFE),
    ],
)
def test_any_wav_becomes_16k_mono_int16(tmp_path, rate, channels, width, fmt) -> None:
    path = _write(tmp_path / "x.wav", _tone(rate, channels), rate, width, fmt)
    audio = read_wav(path)
    assert (audio.rate, audio.channels, audio.sample_width) == (rate, channels, width)
    pcm = load_pcm16(path)
    assert abs(len(pcm) // 2 - 8000) <= 1  # 0.5 s at 16 kHz
    assert abs(_peak_hz(pcm) - 440) < 5
    level = np.abs(np.frombuffer(pcm, dtype="<i2")[1000:-1000]).max() / 32767
    assert 0.45 < level < 0.55  # amplitude kept (no clipping, no loss)


def test_resampling_removes_what_16k_cannot_hold() -> None:
    tone = _tone(48000, 1, freq=12000.0, seconds=0.5)[:, 0]  # above the new 8 kHz Nyquist
    out = resample(tone, 48000, 16000)
    assert np.abs(out[200:-200]).max() < 0.01  # filtered out, not aliased to 4 kHz


def test_espeak_file_converts(synth) -> None:
    path = synth("hello there")
    audio = read_wav(path)
    assert audio.rate == 22050
    assert abs(len(load_pcm16(path)) / 32000 - audio.duration) < 0.01


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"this is not audio at all", "not a WAV file"),
        (b"", "not a WAV file"),
        (b"RIFF\x00\x00\x00\x00WAVEdata\x00\x00\x00\x00", "no 'fmt ' chunk"),
        (b"ID3\x03\x00\x00\x00" + bytes(100), "not a WAV file"),
    ],
)
def test_not_audio_gives_a_clear_error(tmp_path, content, message) -> None:
    path = tmp_path / "bad.wav"
    path.write_bytes(content)
    with pytest.raises(HearthError, match=message) as err:
        load_pcm16(path)
    assert str(path) in str(err.value) and "\n" not in str(err.value)


def test_missing_file_and_directory(tmp_path) -> None:
    with pytest.raises(HearthError, match="no such file"):
        load_pcm16(tmp_path / "absent.wav")
    with pytest.raises(HearthError, match="directory"):
        load_pcm16(tmp_path)


def test_unsupported_encoding_is_named(tmp_path) -> None:
    path = _write(tmp_path / "x.wav", _tone(8000, 1), 8000, 2)
    data = bytearray(path.read_bytes())
    data[20:22] = struct.pack("<H", 6)  # A-law
    path.write_bytes(bytes(data))
    with pytest.raises(HearthError, match="unsupported WAV encoding"):
        load_pcm16(path)
