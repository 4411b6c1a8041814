"""Read any PCM/float WAV file and convert it to what the engines take.

Every engine wants 16 kHz mono signed 16-bit PCM. Files come at any rate,
with any channel count and sample width (8-bit unsigned, 16/24/32-bit signed,
32/64-bit float, plain or WAVE_FORMAT_EXTENSIBLE). We parse the RIFF chunks
ourselves because the standard `wave` module of Python 3.11 rejects float and
extensible files, and resample with a Kaiser-windowed sinc filter: a plain
linear interpolation aliases enough to cost recognition accuracy.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from math import gcd
from pathlib import Path
from typing import BinaryIO

import numpy as np

from assistant.errors import HearthError
from assistant.speech.types import SAMPLE_RATE

_PCM = 0x0001
_FLOAT = 0x0003
_EXTENSIBLE = 0xFFFE


@dataclass(frozen=True)
class Audio:
    """Decoded audio.

    Attributes:
        samples: float32 array in [-1, 1], shape (frames, channels).
        rate: sample rate in Hz.
        sample_width: bytes per sample in the file (1, 2, 3, 4 or 8).
    """

    samples: np.ndarray
    rate: int
    sample_width: int

    @property
    def channels(self) -> int:
        return int(self.samples.shape[1])

    @property
    def duration(self) -> float:
        return self.samples.shape[0] / self.rate if self.rate else 0.0


@dataclass(frozen=True)
class WavInfo:
    """Where a WAV file's samples are and how they are stored.

    Attributes:
        kind: PCM (1) or float (3).
        channels, rate, width: channel count, sample rate (Hz), bytes per sample.
        offset: byte offset of the samples in the file.
        size: bytes of samples present (a truncated file keeps what exists).
    """

    kind: int
    channels: int
    rate: int
    width: int
    offset: int
    size: int

    @property
    def frames(self) -> int:
        return self.size // (self.width * self.channels)

    @property
    def duration(self) -> float:
        return self.frames / self.rate


def wav_info(path: str | Path) -> WavInfo:
    """Read only the chunk headers of a WAV file (its samples stay on disk)."""
    with _open(path) as handle:
        return _scan_chunks(handle, str(path))


def _scan_chunks(handle: BinaryIO, name: str) -> WavInfo:
    """Find the format and the samples of the WAV in `handle` (a file or bytes)."""
    head = handle.read(12)
    if len(head) < 12 or head[:4] not in (b"RIFF", b"RIFX") or head[8:12] != b"WAVE":
        raise HearthError(f"{name}: not a WAV file (no RIFF/WAVE header)")
    if head[:4] == b"RIFX":
        raise HearthError(f"{name}: big-endian (RIFX) WAV files are not supported")
    total = handle.seek(0, 2)
    fmt: tuple[int, int, int, int] | None = None
    data: tuple[int, int] | None = None
    pos = 12
    while pos + 8 <= total:
        handle.seek(pos)
        chunk_id, size = struct.unpack("<4sI", handle.read(8))
        if chunk_id == b"fmt ":
            fmt = _parse_fmt(handle.read(min(size, 64)), name)
        elif chunk_id == b"data":
            data = (pos + 8, min(size, total - pos - 8))  # a truncated file keeps what exists
            if fmt is not None:
                break
        pos += 8 + size + (size & 1)  # chunks are word aligned
    if fmt is None:
        raise HearthError(f"{name}: broken WAV file (no 'fmt ' chunk)")
    if data is None:
        raise HearthError(f"{name}: broken WAV file (no 'data' chunk)")
    kind, channels, rate, width = fmt
    return WavInfo(kind, channels, rate, width, *data)


def pcm16_blocks(
    path: str | Path, rate: int = SAMPLE_RATE, block_s: float = 1.0
) -> Iterator[bytes]:
    """A WAV file as mono int16 PCM at `rate`, in blocks of about `block_s` seconds of
    the file, read and resampled block by block: memory stays small however long the
    file is (the samples equal `load_pcm16`'s)."""
    info = wav_info(path)
    frame = info.width * info.channels
    per_block = max(1, int(info.rate * block_s)) * frame
    resampler = SincResampler(info.rate, rate)
    with _open(path) as handle:
        handle.seek(info.offset)
        left = info.size - info.size % frame
        while left > 0:
            payload = handle.read(min(per_block, left))
            if not payload:
                break
            left -= len(payload)
            payload = payload[: len(payload) - len(payload) % frame]
            mono = to_mono(_decode_samples(payload, info.kind, info.width, info.channels, ""))
            out = resampler.feed(mono)
            if out.size:
                yield float_to_pcm16(out)
    tail = resampler.feed(np.zeros(0, dtype=np.float32), final=True)
    if tail.size:
        yield float_to_pcm16(tail)


def _open(path: str | Path) -> BinaryIO:
    path = Path(path)
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise HearthError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise HearthError(f"{path}: is a directory, not a WAV file") from None
    except OSError as exc:
        raise HearthError(f"{path}: cannot read: {exc.strerror or exc}") from None


def read_wav(path: str | Path) -> Audio:
    """Decode a WAV file; raise HearthError naming the file when it is not one."""
    with _open(path) as handle:
        try:
            data = handle.read()
        except OSError as exc:
            raise HearthError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return decode_wav(data, name=str(path))


def decode_wav(data: bytes, name: str = "<bytes>") -> Audio:
    """Decode WAV bytes (see `read_wav`)."""
    info = _scan_chunks(io.BytesIO(data), name)
    payload = data[info.offset : info.offset + info.size]
    samples = _decode_samples(payload, info.kind, info.width, info.channels, name)
    return Audio(samples, info.rate, info.width)


def _parse_fmt(body: bytes, name: str) -> tuple[int, int, int, int]:
    if len(body) < 16:
        raise HearthError(f"{name}: broken WAV file (short 'fmt ' chunk)")
    kind, channels, rate, _byte_rate, _align, bits = struct.unpack_from("<HHIIHH", body)
    if kind == _EXTENSIBLE and len(body) >= 26:
        (kind,) = struct.unpack_from("<H", body, 24)  # first two bytes of the subformat GUID
    if kind not in (_PCM, _FLOAT):
        raise HearthError(f"{name}: unsupported WAV encoding (format 0x{kind:04x}); use PCM")
    if channels < 1 or rate < 1000 or rate > 384000:
        raise HearthError(f"{name}: broken WAV file ({channels} channels at {rate} Hz)")
    width = (bits + 7) // 8
    ok = {1, 2, 3, 4} if kind == _PCM else {4, 8}
    if width not in ok:
        raise HearthError(f"{name}: unsupported WAV sample size ({bits} bits)")
    return kind, channels, rate, width


def _decode_samples(payload: bytes, kind: int, width: int, channels: int, name: str) -> np.ndarray:
    frame = width * channels
    payload = payload[: len(payload) - len(payload) % frame]
    raw = np.frombuffer(payload, dtype=np.uint8)
    if kind == _FLOAT:
        values = np.frombuffer(payload, dtype="<f4" if width == 4 else "<f8").astype(np.float32)
        values = np.nan_to_num(np.clip(values, -1.0, 1.0))
    elif width == 1:  # 8-bit WAV is unsigned
        values = (raw.astype(np.float32) - 128.0) / 128.0
    elif width == 2:
        values = np.frombuffer(payload, dtype="<i2").astype(np.float32) / 32768.0
    elif width == 3:
        triples = raw.reshape(-1, 3).astype(np.int32)
        ints = triples[:, 0] | (triples[:, 1] << 8) | (triples[:, 2] << 16)
        ints = np.where(ints >= 1 << 23, ints - (1 << 24), ints)
        values = ints.astype(np.float32) / float(1 << 23)
    else:
        values = (np.frombuffer(payload, dtype="<i4").astype(np.float64) / 2**31).astype(np.float32)
    return values.reshape(-1, channels)


def resample(samples: np.ndarray, src_rate: int, dst_rate: int) -> np.ndarray:
    """Resample a mono float signal with a Kaiser-windowed sinc (band-limited).

    When downsampling, the filter cuts just below the new Nyquist frequency,
    so high frequencies do not fold back into the speech band.
    """
    x = np.asarray(samples, dtype=np.float64).ravel()
    if src_rate == dst_rate or x.size == 0:
        return x.astype(np.float32)
    ratio = dst_rate / src_rate
    cutoff = min(1.0, ratio) * 0.95  # as a fraction of the input Nyquist
    half = int(np.ceil(16 / cutoff))  # taps each side, wider when the band is narrower
    n_out = round(x.size * ratio)
    padded = np.concatenate([np.zeros(half), x, np.zeros(half + 1)])
    offsets = np.arange(-half + 1, half + 1)
    # Output sample n sits at input position n * src / dst. With a rational ratio
    # only `up` distinct fractional phases occur: filter them once (polyphase).
    g = gcd(src_rate, dst_rate)
    up, down = dst_rate // g, src_rate // g
    table = (
        _kernel(-offsets[None, :] + np.arange(up)[:, None] / up, cutoff, half)
        if up <= 4096
        else None
    )
    out = np.empty(n_out, dtype=np.float64)
    step = max(1, 400_000 // (2 * half))  # bound memory: rows x taps per block
    for begin in range(0, n_out, step):
        n = np.arange(begin, min(n_out, begin + step), dtype=np.int64)
        base = (n * down) // up
        idx = base[:, None] + offsets[None, :] + half
        if table is not None:
            kernel = table[(n * down) % up]
        else:
            kernel = _kernel((n * down / up - base)[:, None] - offsets[None, :], cutoff, half)
        out[begin : begin + n.size] = (padded[idx] * kernel).sum(axis=1)
    return out.astype(np.float32)


class SincResampler:
    """`resample` block by block: the same filter and the same output samples, with
    only the filter's reach of input (about 20 samples each side) kept between blocks."""

    def __init__(self, src_rate: int, dst_rate: int) -> None:
        self.same = src_rate == dst_rate
        ratio = dst_rate / src_rate
        self.ratio = ratio
        self.cutoff = min(1.0, ratio) * 0.95
        self.half = half = int(np.ceil(16 / self.cutoff))
        self.offsets = np.arange(-half + 1, half + 1)
        g = gcd(src_rate, dst_rate)
        self.up, self.down = dst_rate // g, src_rate // g
        self.table = (
            _kernel(
                -self.offsets[None, :] + np.arange(self.up)[:, None] / self.up, self.cutoff, half
            )
            if self.up <= 4096
            else None
        )
        self._buf = np.zeros(half, dtype=np.float64)  # the zeros before the signal
        self._start = -half  # input index of _buf[0]
        self._seen = 0  # input samples so far
        self._next = 0  # next output index

    def feed(self, x: np.ndarray, final: bool = False) -> np.ndarray:
        """Output for the input so far (`final`: the input ended, flush the rest)."""
        x = np.asarray(x, dtype=np.float64).ravel()
        if self.same:
            return x.astype(np.float32)
        self._buf = np.concatenate([self._buf, x])
        self._seen += x.size
        if final:
            self._buf = np.concatenate([self._buf, np.zeros(self.half + 1)])
            stop = round(self._seen * self.ratio)
        else:
            # Output n reads input up to n * down // up + half: wait for it.
            stop = max(self._next, ((self._seen - self.half) * self.up) // self.down)
            while (
                stop > self._next and ((stop - 1) * self.down) // self.up + self.half >= self._seen
            ):
                stop -= 1
        out = self._outputs(self._next, stop)
        self._next = stop
        keep_from = (stop * self.down) // self.up - self.half + 1  # first input still needed
        drop = max(0, keep_from - self._start)
        self._buf, self._start = self._buf[drop:], self._start + drop
        return out

    def _outputs(self, first: int, stop: int) -> np.ndarray:
        out = np.empty(max(0, stop - first), dtype=np.float64)
        step = max(1, 400_000 // (2 * self.half))
        for begin in range(first, stop, step):
            n = np.arange(begin, min(stop, begin + step), dtype=np.int64)
            base = (n * self.down) // self.up
            idx = base[:, None] + self.offsets[None, :] - self._start
            if self.table is not None:
                kernel = self.table[(n * self.down) % self.up]
            else:
                dist = (n * self.down / self.up - base)[:, None] - self.offsets[None, :]
                kernel = _kernel(dist, self.cutoff, self.half)
            out[begin - first : begin - first + n.size] = (self._buf[idx] * kernel).sum(axis=1)
        return out.astype(np.float32)


def _kernel(dist: np.ndarray, cutoff: float, half: int) -> np.ndarray:
    """Low-pass sinc at `cutoff`, Kaiser-windowed over +-half input samples."""
    beta = 8.0
    window = np.i0(beta * np.sqrt(np.clip(1.0 - (dist / half) ** 2, 0.0, 1.0))) / np.i0(beta)
    return cutoff * np.sinc(cutoff * dist) * window


def to_mono(samples: np.ndarray) -> np.ndarray:
    """Average the channels of a (frames, channels) array."""
    return samples.mean(axis=1) if samples.ndim == 2 else samples


def float_to_pcm16(samples: np.ndarray) -> bytes:
    """Float [-1, 1] to little-endian int16 bytes, clipping overs."""
    return int16_bytes(np.asarray(samples) * 32767.0)


def int16_bytes(values: np.ndarray) -> bytes:
    """Samples in int16 units (as floats after processing) rounded, clipped to the
    int16 range and written as little-endian int16 bytes."""
    return np.clip(np.round(values), -32768, 32767).astype("<i2").tobytes()


def audio_to_pcm16(audio: Audio, rate: int = SAMPLE_RATE) -> bytes:
    """Decoded audio to mono int16 PCM at `rate`."""
    return float_to_pcm16(resample(to_mono(audio.samples), audio.rate, rate))


def load_pcm16(path: str | Path, rate: int = SAMPLE_RATE) -> bytes:
    """Read any WAV file as mono int16 PCM at `rate` (16 kHz by default), streamed:
    only the result is held whole."""
    return b"".join(pcm16_blocks(path, rate))


def write_wav(path: str | Path, pcm: bytes, rate: int = SAMPLE_RATE) -> None:
    """Write mono int16 PCM as a plain WAV file."""
    import wave

    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm)
